import type { Severity, SeverityFactor, SignalKind } from '../domain/signal.ts';
import { CATEGORY_LABELS, DEFAULT_SEVERITY_OPTIONS, type SeverityOptions } from './severity-options.ts';
import type { SeverityInput, SeverityResult } from './types.ts';

export * from './severity-options.ts';

/**
 * The severity formula: a sum of points, one term per factor, read against three thresholds.
 * Every term is bounded, grows with what it measures (never down) and is listed in `factors`
 * with a one-sentence reason, so a responder sees why a signal is SEV2 and not SEV4.
 * docs/detection.md ("Severity") gives the formula in prose with worked examples.
 */

/** What computeSeverity reads: SeverityInput, plus how long the feed has been quiet (feed_quiet only). */
export type SeverityArgs = SeverityInput & {
  /** feed_quiet: how long the shortfall has lasted, ms (FeedHealthState.silentForMs). */
  silentForMs?: number;
};


/**
 * The severity of a signal and the factors that made it. `options` must come from
 * resolveSeverityOptions (or be the defaults): they are not validated again here.
 * Throws a RangeError naming the field when an input number is not finite or is negative.
 */
export function computeSeverity(input: SeverityArgs, options: SeverityOptions = DEFAULT_SEVERITY_OPTIONS): SeverityResult {
  checkInput(input);
  const factors = input.kind === 'feed_quiet' ? feedQuietFactors(input, options) : crisisFactors(input, options);
  let total = 0;
  for (const f of factors) total += f.points;
  total = round1(total);
  return { severity: severityFor(total, options), points: total, factors };
}

/** The severity a number of points reads as. */
export function severityFor(total: number, options: SeverityOptions = DEFAULT_SEVERITY_OPTIONS): Severity {
  const t = options.thresholds;
  if (total >= t.SEV1) return 'SEV1';
  if (total >= t.SEV2) return 'SEV2';
  if (total >= t.SEV3) return 'SEV3';
  return 'SEV4';
}

function crisisFactors(input: SeverityArgs, o: SeverityOptions): SeverityFactor[] {
  const factors: SeverityFactor[] = [];
  const add = (name: string, value: number, pts: number, detail: string): void => {
    const p = round1(pts);
    if (p !== 0) factors.push({ name, value: round4(value), points: p, detail });
  };

  // Anomaly strength: the detector's score, weighted by what the detector watches.
  const kind = input.kind as Exclude<SignalKind, 'feed_quiet'>;
  const score = clamp01(input.score);
  const anomalyPoints = score * o.anomaly[kind];
  add(
    'anomaly',
    score,
    anomalyPoints,
    `Anomaly score ${score.toFixed(2)} on ${KIND_LABELS[kind]} (${fmt(input.observed)} vs ${fmt(input.expected)} expected).`,
  );

  // Few mentions make any anomaly fragile: scale its points down, and say so.
  const guard = o.volumeGuard.mentions;
  if (input.mentions < guard && anomalyPoints > 0) {
    const kept = input.mentions / guard;
    add(
      'volume_guard',
      input.mentions,
      -anomalyPoints * (1 - kept),
      `Only ${plural(input.mentions, 'mention')} in the window: anomaly points kept at ${pct(kept)}.`,
    );
  }

  // Negative share against the brand's usual one, pulled towards it when the window is small
  // (a Beta prior worth `priorMentions` mentions): 3 negative out of 3 is not "100% negative".
  if (input.mentions > 0) {
    const known = input.usualNegativeShare !== null;
    const usual = clamp01(input.usualNegativeShare ?? o.negativeShare.assumedUsual);
    const negative = Math.min(input.negative, input.mentions);
    const k = o.negativeShare.priorMentions;
    const shrunk = (negative + k * usual) / (input.mentions + k);
    const excess = shrunk - usual;
    add(
      'negative_share',
      shrunk,
      o.negativeShare.points * clamp01(excess / o.negativeShare.fullExcess),
      `${pct(negative / input.mentions)} negative (${negative} of ${input.mentions}), usual ${pct(usual)}${known ? '' : ' (assumed: not learnt yet)'}${pct(shrunk) === pct(negative / input.mentions) ? '' : `; counted as ${pct(shrunk)} given the window's size`}.`,
    );
  }

  // Reach against the usual reach for a window that long: more people are talking or listening.
  if (input.usualReach !== null && input.usualReach > 0) {
    const ratio = input.reach / input.usualReach;
    add(
      'reach',
      ratio,
      o.reach.points * clamp01(Math.log(Math.max(ratio, 1)) / Math.log(o.reach.fullRatio)),
      `Reach ${fmt(input.reach)}, ${ratioText(ratio)} the usual ${fmt(input.usualReach)}.`,
    );
  }

  // People reached by negative posts, counted from a floor that is absolute (a small brand) or
  // a multiple of the brand's usual negative reach (a big one), on a log scale.
  {
    const usualShare = input.usualNegativeShare ?? o.negativeShare.assumedUsual;
    const usualNegative = input.usualReach === null ? 0 : input.usualReach * usualShare;
    const floor = Math.max(o.negativeReach.floor, o.negativeReach.usualMultiple * usualNegative);
    const part = clamp01(Math.log(Math.max(input.negativeReach / floor, 1)) / Math.log(o.negativeReach.fullFactor));
    add(
      'negative_reach',
      input.negativeReach,
      o.negativeReach.points * part,
      `${fmt(input.negativeReach)} people reached by negative posts${input.usualReach === null ? '' : ` (usual about ${fmt(usualNegative)})`}; points from ${fmt(floor)}, full at ${fmt(floor * o.negativeReach.fullFactor)}.`,
    );
  }

  // Who speaks: each distinct account counts, up to a cap per kind.
  voice(add, 'influencer', input.influencers, o.influencer, 'influencer');
  voice(add, 'media', input.media, o.media, 'media or journalist account');
  voice(add, 'employee', input.employees, o.employee, 'employee');

  // Velocity: is it accelerating?
  if (input.velocity !== null && input.velocity > 1) {
    add(
      'velocity',
      input.velocity,
      o.velocity.points * clamp01(Math.log(input.velocity) / Math.log(o.velocity.fullRatio)),
      `Accelerating: the latest bucket is ${ratioText(input.velocity)} the ones before.`,
    );
  }

  // Crisis trigger: the most serious category present decides (categories do not add up).
  let best: string | null = null;
  let bestPoints = -1;
  for (const c of input.categories) {
    const w = o.categories.weights[c] ?? o.categories.unknown;
    if (w > bestPoints) {
      best = c;
      bestPoints = w;
    }
  }
  if (best !== null) {
    const others = input.categories.filter((c) => c !== best);
    const known = o.categories.weights[best] !== undefined;
    add(
      'category',
      input.categories.length,
      bestPoints,
      `Crisis trigger: ${CATEGORY_LABELS[best] ?? best}${known ? '' : ' (not a known category: counted as generic)'}${others.length > 0 ? `; also ${others.map((c) => CATEGORY_LABELS[c] ?? c).join(', ')}` : ''}.`,
    );
  }
  return factors;
}

function voice(
  add: (name: string, value: number, pts: number, detail: string) => void,
  name: string,
  count: number,
  w: { each: number; max: number },
  label: string,
): void {
  if (count <= 0) return;
  const pts = Math.min(w.max, w.each * count);
  add(name, count, pts, `${plural(count, label)} speaking in the window${pts >= w.max && w.each * count > w.max ? ` (points capped at ${w.max})` : ''}.`);
}

/** Listening went quiet: its own rule, since volume, sentiment and voices mean nothing in silence. */
function feedQuietFactors(input: SeverityArgs, o: SeverityOptions): SeverityFactor[] {
  const q = o.feedQuiet;
  const base = floorOf(q.severity, o);
  const factors: SeverityFactor[] = [
    {
      name: 'feed_quiet',
      value: input.expected > 0 ? round4(input.observed / input.expected) : 0,
      points: base,
      detail: `Listening went quiet: ${plural(input.observed, 'mention')} where ${fmt(input.expected)} were expected.`,
    },
  ];
  const silent = input.silentForMs ?? 0;
  const extra = floorOf(q.longSeverity, o) - base;
  if (silent >= q.longAfterMs && extra > 0) {
    factors.push({
      name: 'silence_duration',
      value: silent,
      points: extra,
      detail: `Quiet for ${duration(silent)} (${duration(q.longAfterMs)} or more is ${q.longSeverity}).`,
    });
  }
  return factors;
}

function floorOf(s: Severity, o: SeverityOptions): number {
  return s === 'SEV4' ? 0 : o.thresholds[s];
}

const NUMERIC_FIELDS = [
  'score',
  'observed',
  'expected',
  'mentions',
  'negative',
  'reach',
  'negativeReach',
  'influencers',
  'media',
  'employees',
] as const;

function checkInput(input: SeverityArgs): void {
  const bad = (field: string, v: unknown): never => {
    throw new RangeError(
      `computeSeverity: ${field} must be a finite number ≥ 0 (got ${String(v)}) on a ${input.kind} signal; fix the caller that builds the SeverityInput`,
    );
  };
  for (const f of NUMERIC_FIELDS) {
    const v = input[f];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) bad(f, v);
  }
  for (const f of ['usualNegativeShare', 'usualReach', 'velocity', 'silentForMs'] as const) {
    const v = input[f];
    if (v !== null && v !== undefined && (!Number.isFinite(v) || v < 0)) bad(f, v);
  }
}

const KIND_LABELS: Record<Exclude<SignalKind, 'feed_quiet'>, string> = {
  volume: 'mention volume',
  negative_volume: 'negative volume',
  negative_share: 'negative share',
  reach_negativity: 'reach-weighted negativity',
  influencer_arrival: 'influencer and media arrivals',
  trigger_burst: 'negative mentions with a crisis trigger',
};

function clamp01(x: number): number {
  return x <= 0 ? 0 : x >= 1 ? 1 : x;
}
function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
function round4(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}
function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}
function plural(n: number, word: string): string {
  return `${fmt(n)} ${word}${n === 1 ? '' : 's'}`;
}
function ratioText(r: number): string {
  return `${r < 10 ? r.toFixed(1) : Math.round(r)}×`;
}
/** 950, 1.2k, 35k, 1.2M: enough digits to read, no more. */
function fmt(n: number): string {
  const a = Math.abs(n);
  if (a >= 1e6) return `${trim(n / 1e6)}M`;
  if (a >= 1e3) return `${trim(n / 1e3)}k`;
  if (Number.isInteger(n)) return String(n);
  return a < 1 ? String(Number(n.toPrecision(2))) : n.toFixed(a < 10 ? 1 : 0);
}
function trim(x: number): string {
  return Math.abs(x) < 10 ? x.toFixed(1).replace(/\.0$/, '') : String(Math.round(x));
}
function duration(ms: number): string {
  const min = Math.round(ms / 60_000);
  return min < 120 ? `${min} min` : `${trim(min / 60)} h`;
}
