import type { SignalKind } from '../domain/signal.ts';
import { CATEGORY_LABELS } from './severity-options.ts';

const MINUTE = 60_000;

/** What a detector read for one kind, as the summary sentence tells it. */
export interface SummaryReading {
  observed: number;
  expected: number;
  /** Words for the sentence: "mentions", "negative mentions"… */
  what: string;
  windowBuckets: number;
  /** trigger_burst: the categories that scored, best first, each with its best window. */
  triggers?: readonly TriggerPart[];
}

/** One crisis-trigger category of a trigger_burst reading: mentions in its best window. */
export interface TriggerPart {
  category: string;
  observed: number;
  expected: number;
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
  if (kind === 'trigger_burst' && r.triggers !== undefined && r.triggers.length > 0) {
    // "6 negative mentions about product safety in 15 min (usually 0.4); also product defect: 4 in 15 min (usually 0.3)"
    const when = (t: TriggerPart): string => `in ${Math.round((t.windowBuckets * stepMs) / MINUTE)} min (usually ${small(t.expected)})`;
    const name = (c: string): string => CATEGORY_LABELS[c] ?? c.replace(/_/g, ' ');
    const [first, ...others] = r.triggers as [TriggerPart, ...TriggerPart[]];
    const also = others.slice(0, 2).map((t) => `${name(t.category)}: ${count(t.observed)} ${when(t)}`);
    const plural = first.observed === 1 ? '' : 's';
    return `${count(first.observed)} negative mention${plural} about ${name(first.category)} ${when(first)}${also.length > 0 ? `; also ${also.join('; ')}` : ''}`;
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

/** An expected count that may be tiny: "0.03", not "0.0". */
function small(x: number): string {
  return x > 0 && x < 1 ? String(Number(x.toPrecision(x < 0.1 ? 1 : 2))) : fmt(x);
}

/** A count of mentions: whole, with thousands separators. */
function count(n: number): string {
  return Number.isInteger(n) ? n.toLocaleString('en') : fmt(n);
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
