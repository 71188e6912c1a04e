import type { SentimentCorrection } from '../../store/store.ts';
import { isoTime } from './time.ts';

/**
 * An analyst's sentiment correction as the API returns it: the store's fields (see
 * SentimentCorrection) without the workspace, with an ISO date and the mention as it is now (text
 * null once purged by retention, '' once deleted on its platform).
 */
export type CorrectionView = Omit<SentimentCorrection, 'workspaceId' | 'createdAt' | 'mentionText' | 'mentionLang'> & {
  createdAt: string;
  mention: { text: string | null; lang: string | null };
};

export function presentCorrection(c: SentimentCorrection): CorrectionView {
  const { workspaceId: _workspace, createdAt, mentionText, mentionLang, ...rest } = c;
  return { ...rest, createdAt: isoTime(createdAt), mention: { text: mentionText, lang: mentionLang } };
}
