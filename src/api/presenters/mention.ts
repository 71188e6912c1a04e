import type { Author, Engagement, Enrichment, Mention, Relations } from '../../domain/mention.ts';
import type { Platform } from '../../domain/platform.ts';
import { isoTime, isoTimeOrNull } from './time.ts';

/** A mention as the API returns it: ISO dates; the raw payload only when asked for. */
export interface MentionView {
  id: string;
  platform: Platform;
  url: string | null;
  author: Author;
  text: string;
  lang: string | null;
  createdAt: string;
  receivedAt: string;
  editedAt: string | null;
  deletedAt: string | null;
  relations: Relations;
  engagement: Engagement;
  brandIds: string[];
  matchingRules: string[];
  enrichment: Enrichment;
  raw?: unknown;
}

export function presentMention(m: Mention, options: { raw?: boolean } = {}): MentionView {
  const view: MentionView = {
    id: m.id,
    platform: m.platform,
    url: m.url,
    author: { ...m.author },
    text: m.text,
    lang: m.lang,
    createdAt: isoTime(m.createdAt),
    receivedAt: isoTime(m.receivedAt),
    editedAt: isoTimeOrNull(m.editedAt),
    deletedAt: isoTimeOrNull(m.deletedAt),
    relations: { ...m.relations },
    engagement: { ...m.engagement },
    brandIds: [...m.brandIds],
    matchingRules: [...m.matchingRules],
    enrichment: {
      sentiment: m.enrichment.sentiment === null ? null : { ...m.enrichment.sentiment },
      categories: [...m.enrichment.categories],
      stakeholder: m.enrichment.stakeholder,
      reach: m.enrichment.reach,
    },
  };
  if (options.raw === true) view.raw = m.raw;
  return view;
}
