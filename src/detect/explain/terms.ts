/**
 * Bursting terms and hashtags: the window's terms used by at least `minTermCount` mentions and
 * over-represented against the baseline (a larger share of the window's mentions than of the
 * baseline's), ranked by G² (llr.ts). With no baseline yet (the first hour of a brand), every G² is
 * 0 and the ranking falls back on the counts. Counts are of mentions using the term (a post
 * repeating a word counts once), so `expected` is the baseline's share times the window's mentions.
 */
import type { BurstTerm } from '../../domain/signal.ts';
import type { BoundedCounts } from './bounded-counts.ts';
import { logLikelihoodRatio } from './llr.ts';
import type { ExplainerLimits } from './options.ts';

export interface TermCounts {
  /** Mentions using each term in the window (by key; hashtags as "#tag"). */
  window: BoundedCounts;
  mentions: number;
}

export interface BaselineView {
  /** Decayed mentions using the term of this key (tokens.ts). */
  count(key: number): number;
  mentions: number;
}

export function selectBurstTerms(
  w: TermCounts,
  base: BaselineView,
  lim: Pick<ExplainerLimits, 'minTermCount' | 'topTerms'>,
): { terms: BurstTerm[]; hashtags: BurstTerm[] } {
  const n = w.mentions;
  const m = base.mentions;
  const found: BurstTerm[] = [];
  for (const [key, { term, count: a }] of w.window.entries) {
    if (a < lim.minTermCount) continue;
    const b = Math.min(base.count(key), m);
    if (m > 0 && a / n <= b / m) continue;
    const expected = m > 0 ? (n * b) / m : 0;
    found.push({ term, count: a, expected: Math.round(expected * 100) / 100, llr: Math.round(logLikelihoodRatio(a, n, b, m) * 100) / 100 });
  }
  found.sort((x, y) => y.llr - x.llr || y.count - x.count || (x.term < y.term ? -1 : 1));
  const terms: BurstTerm[] = [];
  const hashtags: BurstTerm[] = [];
  for (const t of found) {
    const list = t.term.startsWith('#') ? hashtags : terms;
    if (list.length < lim.topTerms) list.push(t);
  }
  return { terms, hashtags };
}
