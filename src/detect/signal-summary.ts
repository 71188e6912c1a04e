import type { SignalKind } from '../domain/signal.ts';

const MINUTE = 60_000;

/** What a detector read for one kind, as the summary sentence tells it. */
export interface SummaryReading {
  observed: number;
  expected: number;
  /** Words for the sentence: "mentions", "negative mentions"… */
  what: string;
  windowBuckets: number;
}

export function fmt(x: number): string {
  return x >= 100 ? Math.round(x).toLocaleString('en') : x >= 10 ? x.toFixed(0) : x.toFixed(1);
}

export function summaryOf(kind: SignalKind, r: SummaryReading, stepMs: number): string {
  const minutes = Math.round((r.windowBuckets * stepMs) / MINUTE);
  if (kind === 'negative_share') {
    return `Negative share ${Math.round(r.observed * 100)}% over the last ${minutes} min (usual ${Math.round(r.expected * 100)}%)`;
  }
  if (kind === 'reach_negativity') {
    return `Negative mentions reached about ${fmt(r.observed)} people in ${minutes} min (usual ${fmt(r.expected)}), beyond the most reached post`;
  }
  if (r.expected > 0) {
    const ratio = r.observed / r.expected;
    return `${cap(r.what)} ${ratio >= 10 ? Math.round(ratio) : ratio.toFixed(1)}× the usual level (${fmt(r.observed)} vs ${fmt(r.expected)} expected in ${minutes} min)`;
  }
  return `${cap(r.what)}: ${fmt(r.observed)} in ${minutes} min, far above the usual`;
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
