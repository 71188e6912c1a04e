import type { SentimentLabel } from '../../domain/mention.ts';
import type { SentimentCorrection } from '../../store/store.ts';
import { isoTime } from './time.ts';

/** An analyst's sentiment correction as the API returns it (ISO date; the mention's current text). */
export interface CorrectionView {
  id: string;
  mentionId: string;
  brandId: string;
  label: SentimentLabel;
  modelLabel: SentimentLabel | null;
  model: string | null;
  by: string;
  note: string | null;
  createdAt: string;
  /** False once a later correction of the same mention and brand replaced it. */
  current: boolean;
  /** The mention as it is now: null once purged by retention, '' once deleted on its platform. */
  mention: { text: string | null; lang: string | null };
}

export function presentCorrection(c: SentimentCorrection): CorrectionView {
  return {
    id: c.id,
    mentionId: c.mentionId,
    brandId: c.brandId,
    label: c.label,
    modelLabel: c.modelLabel,
    model: c.model,
    by: c.by,
    note: c.note,
    createdAt: isoTime(c.createdAt),
    current: c.current,
    mention: { text: c.mentionText, lang: c.mentionLang },
  };
}
