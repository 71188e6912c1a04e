import { z } from 'zod';
import { CATEGORY_IDS } from '../../understand/categories/taxonomy.ts';
import type { BurstReading } from './count-burst.ts';
import { RateProfile, type RateProfileOptions } from './rate-profile.ts';
import { negBinomialLogUpperTail, surpriseScore } from './tails.ts';

/**
 * A burst of crisis triggers (`trigger_burst`): per crisis-trigger category of the understanding
 * stage (product safety, data breach…), the authors of negative mentions that carry it in each
 * detection bucket, tested like the other count bursts (a learnt hour × weekday rate and a
 * negative-binomial predictive over trailing windows; see count-burst.ts), with two changes for
 * rare events: a bucket is learnt only once it has left the longest window, and each author
 * counts once per category within the longest window.
 *
 * Each watched category has its own rate and test; the score is the best of them, corrected for
 * the number of categories tested. Per category rather than pooled because the usual rates
 * differ by far (a brand hears of broken products every day and of burns almost never): pooled,
 * the daily complaints hide the first burns (docs/detection.md, "Crisis triggers", has the
 * measurements).
 *
 * Why: a crisis often starts with a few posts whose volume no count, share or reach test can
 * tell from an ordinary hour, but whose content can: a burn, an explosion, a leak.
 */

/** The settings a brand may change (validated with TriggerBurstSettingsSchema). */
export interface TriggerBurstSettings {
  /** Categories watched: a mention counts when it carries one (in its thread) and its sentiment is one of `sentiments`. [] turns the detector off. */
  categories: readonly string[];
  /** Trailing windows of the test, in detection buckets. */
  windows: readonly number[];
  /** −log10 p at which the score leaves 0 and at which it reaches 1 (before the corrections). */
  minDecades: number;
  fullDecades: number;
  /** A window with fewer mentions than this never scores (two posts are not a burst). */
  minCount: number;
  /** Sentiments that count (default negative; a sentiment model calls some factual reports of a burn neutral). */
  sentiments: readonly ('negative' | 'neutral' | 'positive')[];
}

/**
 * The serious triggers, those severity weighs 12 points or more: a few such posts can start a
 * crisis. Left out: `customer_service` and `pricing` (every brand hears them every day; a surge of
 * them is a volume or negative-volume matter) and `campaign` (a controversial advert is public
 * from the start and grows by volume, which the other detectors see).
 */
export const DEFAULT_TRIGGER_CATEGORIES: readonly string[] = Object.freeze([
  'product_safety',
  'product_defect',
  'data_breach',
  'legal',
  'conduct',
  'service_outage',
  'boycott',
]);

export const DEFAULT_TRIGGER_BURST_SETTINGS: Readonly<TriggerBurstSettings> = Object.freeze({
  categories: DEFAULT_TRIGGER_CATEGORIES,
  windows: Object.freeze([1, 2, 3, 12]),
  minDecades: 2.5,
  fullDecades: 8.5,
  minCount: 3,
  sentiments: Object.freeze(['negative'] as const),
});

const CategoryId = z.string().regex(/^[a-z][a-z0-9_]*$/, { error: `expected a category id such as ${CATEGORY_IDS[1]}` });

/** Checks a brand's trigger settings (a subset of TriggerBurstSettings); unknown keys are refused. */
export const TriggerBurstSettingsSchema = z.strictObject({
  categories: z.array(CategoryId).max(50),
  windows: z.array(z.number().int().min(1).max(288)).min(1).max(6),
  minDecades: z.number().min(1).max(50),
  fullDecades: z.number().min(2).max(100),
  minCount: z.number().int().min(1).max(1000),
  sentiments: z.array(z.enum(['negative', 'neutral', 'positive'])).min(1).max(3),
});

export class TriggerBurstSettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TriggerBurstSettingsError';
  }
}

/**
 * The defaults overridden by `overrides`, validated: each problem is named with its path
 * (`where` prefixes it, e.g. "brands.kerlann.detection.triggers") and what was expected.
 */
export function resolveTriggerBurstSettings(overrides: unknown, where = 'triggers'): TriggerBurstSettings {
  if (overrides !== undefined && (typeof overrides !== 'object' || overrides === null || Array.isArray(overrides))) {
    throw new TriggerBurstSettingsError(
      `${where}: expected a mapping of settings (categories, windows, minDecades, fullDecades, minCount, sentiments), got ${JSON.stringify(overrides)}`,
    );
  }
  const merged = { ...DEFAULT_TRIGGER_BURST_SETTINGS, ...(overrides ?? {}) };
  const parsed = TriggerBurstSettingsSchema.safeParse(merged);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${[where, ...i.path.map(String)].join('.')}: ${i.message}`);
    throw new TriggerBurstSettingsError(`invalid trigger-burst settings (see docs/detection.md, "Crisis triggers"):\n  ${lines.join('\n  ')}`);
  }
  const s = parsed.data;
  if (s.fullDecades <= s.minDecades) throw new TriggerBurstSettingsError(`${where}.fullDecades (${s.fullDecades}) must exceed minDecades (${s.minDecades})`);
  return { ...s, categories: [...new Set(s.categories)] };
}

/** One category's reading: its best window. */
export interface TriggerCategoryReading {
  category: string;
  score: number;
  observed: number;
  expected: number;
  windowBuckets: number;
}

export interface TriggerBurstReading {
  score: number;
  /** The best category's best window (observed and expected mentions). */
  observed: number;
  expected: number;
  windowBuckets: number;
  /** Categories that scored above 0, best first (the first one gave the score). */
  categories: TriggerCategoryReading[];
}

/** The rate settings shared with the brand's other count tests (rhythm, memory, floor, learning cap). */
export type TriggerRateOptions = RateProfileOptions & { learnCapFactor: number };

/**
 * One category's test: a learnt rate and a negative-binomial test over trailing windows, as in
 * CountBurstDetector, except that a bucket is learnt only once it has left the longest window.
 * A rare trigger's rate is tiny (a burn a week), so the capped learning of the other count tests
 * (3 × expected + 1 per bucket) lets each bucket of a slow onset teach many times the usual rate
 * (measured once on the demo scenario, seed 42: the expected product-safety count over 60 minutes
 * went from 0.12 to 0.4 within the crisis' first hour). Learning late keeps every window judged
 * against a rate its own buckets never touched; a lasting change is still learnt, one window later.
 */
class CategoryTest {
  private readonly profile: RateProfile;
  /** The ring of the longest window: per bucket, its count, expected rate and evidence (3 × size). */
  private readonly ring: Float64Array;
  private head = 0;
  private filled = 0;
  private readonly size: number;
  private readonly rate: TriggerRateOptions;
  private readonly s: TriggerBurstSettings;
  private readonly correction: number;

  constructor(rate: TriggerRateOptions, settings: TriggerBurstSettings, categories: number) {
    this.rate = rate;
    this.s = settings;
    // The evidence stays capped like the other count tests' (a few hours of buckets): triggered
    // mentions come in clumps (a complaint and its replies), and a predictive as narrow as a
    // Poisson would take more clumps for bursts the longer the brand is watched (measured).
    this.profile = new RateProfile(rate);
    this.size = Math.max(...settings.windows);
    this.ring = new Float64Array(3 * this.size);
    // Several windows and several categories are tested each bucket: −log10 of the count.
    this.correction = Math.log10(settings.windows.length) + Math.log10(Math.max(1, categories));
  }

  /** One bucket starting at `t`; buckets come one after the other, empty ones included. */
  update(t: number, count: number): BurstReading {
    const ring = this.ring;
    // The oldest bucket leaves the longest window: learn it now, capped (a burst teaches slowly).
    if (this.filled === this.size) {
      const old = 3 * this.head;
      this.profile.learn(t - this.size * this.rate.bucketMs, Math.min(ring[old] as number, (ring[old + 1] as number) * this.rate.learnCapFactor + 1));
    }
    const expected = this.profile.rate(t);
    ring[3 * this.head] = count;
    ring[3 * this.head + 1] = expected;
    ring[3 * this.head + 2] = this.profile.evidence(t);
    this.head = (this.head + 1) % this.size;
    if (this.filled < this.size) this.filled++;
    let best: BurstReading = { score: 0, observed: count, expected, windowBuckets: 1 };
    if (this.profile.seen < 1) return best;
    const s = this.s;
    for (const w of s.windows) {
      if (w > this.filled) continue;
      let k = 0;
      let lambda = 0;
      let evidence = Number.POSITIVE_INFINITY;
      for (let i = 1; i <= w; i++) {
        const j = 3 * ((this.head - i + this.size) % this.size);
        k += ring[j] as number;
        lambda += ring[j + 1] as number;
        evidence = Math.min(evidence, ring[j + 2] as number);
      }
      if (k < s.minCount) continue;
      // Gamma(shape = λ̄·e, rate = e) posterior on the per-bucket rate; window of w buckets.
      const logP = negBinomialLogUpperTail(k, (lambda / w) * evidence, evidence / (evidence + w));
      const score = surpriseScore(logP, s.minDecades + this.correction, s.fullDecades + this.correction);
      if (score > best.score || (best.score === 0 && k > best.observed)) best = { score, observed: k, expected: lambda, windowBuckets: w };
    }
    return best;
  }
}

/** How far back a category's test learns the zeros before its first mention (see TriggerBurstDetector). */
const ZERO_REPLAY_MS = 7 * 86_400_000;

export class TriggerBurstDetector {
  readonly settings: TriggerBurstSettings;
  private readonly rate: TriggerRateOptions;
  /** Each watched category's test, made when its first mention comes (null until then). */
  private readonly tests: { category: string; test: CategoryTest | null }[];
  /** When each author last counted, per category (key: category, NUL, author id). */
  private readonly lastCounted = new Map<string, number>();
  private readonly spanMs: number;
  private first: number | null = null;

  /**
   * `rate` carries the rate-profile settings of the brand's other count tests (bucket, rhythm,
   * memory, floor, learning cap); `settings` must come from resolveTriggerBurstSettings.
   */
  constructor(rate: TriggerRateOptions, settings: TriggerBurstSettings) {
    this.settings = settings;
    this.rate = rate;
    this.spanMs = Math.max(...settings.windows) * rate.bucketMs;
    this.tests = settings.categories.map((category) => ({ category, test: null }));
  }

  /**
   * One detection bucket starting at `t`, in time order (empty ones included): per category, the
   * authors of the bucket's negative mentions that carry it (categories not watched are ignored).
   * An author counts once per category within the longest window: one customer posting about
   * the same burn five times in an hour is one voice.
   */
  update(t: number, authors: ReadonlyMap<string, Iterable<string>>): TriggerBurstReading {
    if (this.first === null) this.first = t;
    for (const [key, at] of this.lastCounted) if (at <= t - this.spanMs) this.lastCounted.delete(key);
    const scored: TriggerCategoryReading[] = [];
    let best: TriggerCategoryReading | null = null;
    for (const entry of this.tests) {
      const { category } = entry;
      let count = 0;
      for (const author of authors.get(category) ?? []) {
        const key = `${category}\u0000${author}`;
        if (this.lastCounted.has(key)) continue;
        this.lastCounted.set(key, t);
        count++;
      }
      if (entry.test === null) {
        // Never heard of: nothing to test, and its zeros are learnt when its first mention comes.
        if (count === 0) continue;
        entry.test = this.newTest(t);
      }
      const r = entry.test.update(t, count);
      const reading = { category, score: r.score, observed: r.observed, expected: r.expected, windowBuckets: r.windowBuckets };
      if (r.score > 0) scored.push(reading);
      // With nothing scoring, report the category with the most mentions (the quietest reading).
      if (best === null || r.score > best.score || (best.score === 0 && r.score === 0 && r.observed > best.observed)) best = reading;
    }
    scored.sort((a, b) => b.score - a.score);
    const top = best ?? { category: '', score: 0, observed: 0, expected: 0, windowBuckets: 1 };
    return { score: top.score, observed: top.observed, expected: top.expected, windowBuckets: top.windowBuckets, categories: scored };
  }

  /**
   * A category's test, made at its first mention: it first reads the zeros of the buckets before
   * (up to seven days, beyond which its capped evidence would not change), so it judges as if it
   * had run from the start — at a fraction of the memory, since most brands never hear of most
   * triggers.
   */
  private newTest(t: number): CategoryTest {
    const test = new CategoryTest(this.rate, this.settings, this.settings.categories.length);
    const step = this.rate.bucketMs;
    for (let u = Math.max(this.first ?? t, t - ZERO_REPLAY_MS); u < t; u += step) test.update(u, 0);
    return test;
  }
}
