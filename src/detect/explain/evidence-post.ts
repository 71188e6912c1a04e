import type { EvidencePost } from '../../domain/signal.ts';
import type { ExplainableMention } from '../types.ts';

export const MAX_EVIDENCE_TEXT = 280;

/** The text cut to 280 UTF-16 units at most, ending with "…" when cut (never half a surrogate pair). */
export function cutText(text: string): string {
  if (text.length <= MAX_EVIDENCE_TEXT) return text;
  let end = MAX_EVIDENCE_TEXT - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

/** Reach as the evidence reports it: a finite non-negative number (0 when the enrichment has none). */
export function reachOf(m: ExplainableMention): number {
  const r = m.enrichment.reach;
  return Number.isFinite(r) && r > 0 ? r : 0;
}

export function evidencePost(m: ExplainableMention): EvidencePost {
  return {
    mentionId: m.id,
    url: m.url,
    authorId: m.author.id,
    authorHandle: m.author.handle,
    followers: m.author.followers,
    text: cutText(m.text),
    lang: m.lang,
    createdAt: m.createdAt,
    reach: reachOf(m),
    sentiment: m.enrichment.sentiment?.label ?? null,
  };
}

/** Most reached first; equal reach: earlier first, then by id (a stable order for equal posts). */
export function byReach(a: EvidencePost, b: EvidencePost): number {
  return b.reach - a.reach || a.createdAt - b.createdAt || (a.mentionId < b.mentionId ? -1 : a.mentionId > b.mentionId ? 1 : 0);
}

/** True when a post of this reach would enter a top-k list kept sorted by `byReach`. */
export function admits(list: readonly EvidencePost[], reach: number, k: number): boolean {
  return list.length < k || reach > (list[list.length - 1] as EvidencePost).reach;
}

/** Inserts into a top-k list kept sorted by `byReach` (call after `admits`). */
export function insertTop(list: EvidencePost[], post: EvidencePost, k: number): void {
  let i = list.length;
  while (i > 0 && byReach(list[i - 1] as EvidencePost, post) > 0) i--;
  list.splice(i, 0, post);
  if (list.length > k) list.pop();
}
