import { z } from 'zod';

/**
 * "Listening went quiet": a streaming detector of a shortfall of mentions on one key (a brand, or
 * a source), so that a dead connector is not mistaken for a calm day. docs/detection.md ("Feed
 * health") says the same in prose.
 *
 * Expected rate. Each bucket's expected count blends three smoothed rates: the hour-of-week slot
 * (the weekly rhythm), the hour-of-day slot (learnt in one day) and the recent rate (the last
 * hour: what there is from the first minutes). Each level is pulled towards the next by a prior
 * worth `priorMs` of buckets, so a slot speaks as soon as it has data and dominates once it has
 * plenty. Hours are UTC hours: 168 slots learn any time zone's rhythm.
 *
 * Shortfall windows. A CUSUM of the Poisson log-likelihood ratio "rate = ratio × expected"
 * against "rate = expected" opens a window where counts start falling short and closes it when
 * they are back, so the window starts where the drop started. Two run side by side: ratio =
 * calmRatio (a partial loss, a slow fade) and ratio = calmRatio × silenceRatio (near silence:
 * a dead feed judged from the minute it died, not diluted by a declining hour before it).
 *
 * Decision. Quiet when, over a window, at least `minExpected` mentions were expected and even a
 * calm period (calmRatio × expected) would make so few with probability below `pQuiet` (Chernoff
 * bound of the Poisson lower tail: conservative, constant time). Sparse keys never get there; a
 * busy one going silent does within minutes; at night it is judged against the night's rate.
 * A third CUSUM ("2 × calm rate" against the calm rate) ends the quiet once counts are back.
 *
 * Learning. Nothing is learnt while quiet (the outage must not become the new normal), nor
 * during a burst (a crisis must not make the same hours next week look quiet) unless the burst
 * outlasts burstMaxMs (then it is the new level). Counts are learnt clipped to the Poisson range
 * of the expectation. So the expectation errs low rather than high: slower to say quiet, not wrong.
 *
 * Constant time and memory per point (about 3 kB per key).
 */

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Log-likelihood ratio (nats) of "2 × expected" against "expected" from which counts are a burst. */
const BURST_EVIDENCE = 10;

function num(what: string, min: number, max: number) {
  const error = `expected ${what} from ${min} to ${max}`;
  return z.number({ error }).min(min, { error }).max(max, { error });
}

export const FeedHealthOptionsSchema = z.strictObject({
  /** Length of one bucket (one update), ms. Up to an hour: the rhythm is learnt per hour. */
  bucketMs: num('a duration in ms', 1000, HOUR_MS),
  /** A calm period never falls below this fraction of the usual rate; far below it is quiet. */
  calmRatio: num('a ratio', 0.001, 0.9),
  /** Probability, under a calm rate, of counts that low, under which the feed is quiet. */
  pQuiet: num('a probability', 1e-300, 0.01),
  /** Mentions the window must be expected to hold before quiet can be said. */
  minExpected: num('a number of mentions', 1, 1e9),
  /** Longest shortfall window judged before starting afresh (while not quiet). */
  maxWindowMs: num('a duration in ms', 60_000, 30 * DAY_MS),
  /** The second window opens where counts fall below calmRatio × silenceRatio × expected (near silence). */
  silenceRatio: num('a ratio', 0.001, 1),
  /** Log-likelihood ratio (nats) of "2 × calm rate" vs "calm rate" that ends a quiet episode. */
  recoveryEvidence: num('a log-likelihood ratio', 0.1, 1000),
  /** Memory of the hour-of-week slots, in weeks (visits of each slot). */
  weeklyMemoryWeeks: num('a number of weeks', 0.5, 520),
  /** Memory of the hour-of-day slots, in days. */
  dailyMemoryDays: num('a number of days', 0.5, 3650),
  /** Memory of the recent rate, ms. */
  recentMemoryMs: num('a duration in ms', 60_000, 30 * DAY_MS),
  /** Weight of the coarser level when blending (hour-of-week ← hour-of-day ← recent), ms of buckets. */
  priorMs: num('a duration in ms', 0, 30 * DAY_MS),
  /** A burst (counts far above the expected) is not learnt, unless it lasts longer than this. */
  burstMaxMs: num('a duration in ms', 0, 30 * DAY_MS),
  /** Time after which `warmedUp` is true (every hour of the day seen once). */
  warmupMs: num('a duration in ms', 0, 365 * DAY_MS),
});
export type FeedHealthOptions = z.infer<typeof FeedHealthOptionsSchema>;

export const DEFAULT_FEED_HEALTH_OPTIONS: Readonly<FeedHealthOptions> = Object.freeze({
  bucketMs: 60_000,
  calmRatio: 0.15,
  silenceRatio: 0.1,
  pQuiet: 1e-6,
  minExpected: 30,
  maxWindowMs: 6 * HOUR_MS,
  recoveryEvidence: 7,
  weeklyMemoryWeeks: 4,
  dailyMemoryDays: 5,
  recentMemoryMs: HOUR_MS,
  priorMs: HOUR_MS,
  burstMaxMs: 3 * DAY_MS,
  warmupMs: DAY_MS,
});

/** Bad feed-health options: every problem, one a line, with its path and what was expected. */
export class FeedHealthOptionsError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`Invalid feed-health options:\n${problems.join('\n')}`);
    this.name = 'FeedHealthOptionsError';
    this.problems = problems;
  }
}

/** Validates overrides and merges them over the defaults; throws FeedHealthOptionsError. */
export function resolveFeedHealthOptions(overrides: unknown, where = 'feedHealth'): FeedHealthOptions {
  const partial = FeedHealthOptionsSchema.partial().safeParse(overrides ?? {});
  if (!partial.success) {
    throw new FeedHealthOptionsError(
      partial.error.issues.map((i) => {
        const path = [where, ...i.path.map(String)].join('.');
        if (i.code === 'unrecognized_keys') return `${path}: unknown key(s) ${i.keys.map((k) => `"${k}"`).join(', ')} (check the spelling)`;
        const got = i.path.length === 1 ? (overrides as Record<PropertyKey, unknown>)[i.path[0] as PropertyKey] : undefined;
        return `${path}: ${i.message}${got === undefined || typeof got === 'object' ? '' : ` (got ${JSON.stringify(got)})`}`;
      }),
    );
  }
  return Object.freeze({ ...DEFAULT_FEED_HEALTH_OPTIONS, ...partial.data });
}

export interface FeedHealthState {
  /** Listening went quiet: far fewer mentions than expected, beyond doubt. */
  quiet: boolean;
  /** How sure, in [0, 1]; 1 while quiet. */
  score: number;
  /** Expected and observed mentions over the judged window (the shortfall, or this bucket). */
  expected: number;
  observed: number;
  /** Length of the judged window, ms. */
  windowMs: number;
  /** While quiet, how long the shortfall has lasted, ms; 0 otherwise. */
  silentForMs: number;
  /** Expected mentions in this bucket alone (the learnt rate). */
  rate: number;
  /** True once `warmupMs` of buckets have been seen (every hour of the day once, by default). */
  warmedUp: boolean;
}

/** One shortfall CUSUM, "rate = ratio × expected" against "rate = expected", and the window it opens. */
class Shortfall {
  private readonly lnRatio: number;
  private readonly oneMinus: number;
  private cusum = 0;
  buckets = 0;
  observed = 0;
  expected = 0;

  constructor(ratio: number) {
    this.lnRatio = Math.log(ratio);
    this.oneMinus = 1 - ratio;
  }

  /** Adds a bucket to the window; closes it (and returns false) once counts are back to usual. */
  add(lambda: number, count: number): boolean {
    const next = this.cusum + lambda * this.oneMinus + count * this.lnRatio;
    if (next <= 0) {
      this.reset();
      return false;
    }
    this.cusum = next;
    this.buckets++;
    this.observed += count;
    this.expected += lambda;
    return true;
  }

  reset(): void {
    this.cusum = 0;
    this.buckets = 0;
    this.observed = 0;
    this.expected = 0;
  }
}

export class FeedHealthDetector {
  readonly options: FeedHealthOptions;
  // Learnt rates (mentions per bucket) and their sample counts (capped at the memory length).
  private readonly weekRate = new Float64Array(168);
  private readonly weekN = new Float64Array(168);
  private readonly dayRate = new Float64Array(24);
  private readonly dayN = new Float64Array(24);
  private recentRate = 0;
  private recentN = 0;
  private readonly weekCap: number;
  private readonly dayCap: number;
  private readonly recentCap: number;
  private readonly prior: number;
  private readonly logPQuiet: number;
  private readonly maxWindowBuckets: number;
  private readonly warmupBuckets: number;

  private seen = 0;
  private lastT = Number.NEGATIVE_INFINITY;
  // Two windows: one opens where counts fall below a calm level (a partial outage, a slow
  // fade), one only where they fall to near silence, so that a dead feed is judged from the
  // moment it died and not diluted by a declining hour before it.
  private readonly partial: Shortfall;
  private readonly silent: Shortfall;
  // The quiet episode: its window (from the window that raised it) and its recovery CUSUM.
  private quiet = false;
  private episodeBuckets = 0;
  private episodeObserved = 0;
  private episodeExpected = 0;
  private recovery = 0;
  // Burst (upward) CUSUM and how long the current burst has lasted.
  private burst = 0;
  private burstAge = 0;
  private bursting = false;
  private burstCalm = 0;
  private readonly burstMaxBuckets: number;

  /** `options`: overrides of DEFAULT_FEED_HEALTH_OPTIONS; throws FeedHealthOptionsError when invalid. */
  constructor(options?: Partial<FeedHealthOptions>) {
    const o = resolveFeedHealthOptions(options);
    this.options = o;
    const perHour = HOUR_MS / o.bucketMs;
    this.weekCap = Math.max(1, o.weeklyMemoryWeeks * perHour);
    this.dayCap = Math.max(1, o.dailyMemoryDays * perHour);
    this.recentCap = Math.max(1, o.recentMemoryMs / o.bucketMs);
    this.prior = o.priorMs / o.bucketMs;
    this.logPQuiet = Math.log(o.pQuiet);
    this.maxWindowBuckets = Math.max(1, Math.round(o.maxWindowMs / o.bucketMs));
    this.warmupBuckets = o.warmupMs / o.bucketMs;
    this.burstMaxBuckets = Math.round(o.burstMaxMs / o.bucketMs);
    this.partial = new Shortfall(o.calmRatio);
    this.silent = new Shortfall(o.calmRatio * o.silenceRatio);
  }

  /**
   * One bucket: `t` its start (epoch ms), `count` the mentions in it. Call for every bucket,
   * empty ones included, in time order. Throws a RangeError on a non-finite or negative count or
   * a time not after the previous one (nothing is learnt from that call).
   */
  update(t: number, count: number): FeedHealthState {
    if (!Number.isFinite(t) || t <= this.lastT) {
      throw new RangeError(
        `FeedHealthDetector.update: time ${t} is not after the previous bucket (${this.lastT}); feed buckets once each, in time order`,
      );
    }
    if (!Number.isFinite(count) || count < 0) {
      throw new RangeError(`FeedHealthDetector.update: count must be a finite number ≥ 0 (got ${count}) at ${t}`);
    }
    this.lastT = t;
    const o = this.options;
    const hourIndex = Math.floor(t / HOUR_MS);
    const daySlot = hourIndex % 24;
    // 1970-01-01 was a Thursday: shift so that slot 0 is Monday 00:00 UTC (any fixed origin would do).
    const weekSlot = (hourIndex + 72) % 168;
    const lambda = this.expectedRate(weekSlot, daySlot);
    const c = o.calmRatio;

    let state: FeedHealthState;
    if (this.quiet) {
      this.episodeBuckets++;
      this.episodeObserved += count;
      this.episodeExpected += lambda;
      // Evidence that counts are back to at least a calm level: rate 2c·λ against c·λ. Counts
      // above about 1.4c·λ accumulate it; a deep but ordinary lull after the outage is enough.
      this.recovery = Math.max(0, this.recovery + count * Math.LN2 - lambda * c);
      if (this.recovery >= o.recoveryEvidence) {
        this.quiet = false;
        this.partial.reset();
        this.silent.reset();
        state = this.state(0, lambda, count, 1, false, lambda);
      } else {
        state = this.state(1, this.episodeExpected, this.episodeObserved, this.episodeBuckets, true, lambda);
      }
    } else {
      const inPartial = this.partial.add(lambda, count);
      const inSilent = this.silent.add(lambda, count);
      let best = 0;
      let judged: Shortfall | null = null;
      for (const w of [this.silent, this.partial]) {
        if (w.buckets === 0) continue;
        // Could a calm period (calmRatio × expected) make so few mentions?
        const logP = poissonLowerTailLogBound(w.observed, c * w.expected);
        if (logP <= this.logPQuiet && w.expected >= o.minExpected) {
          judged = w;
          best = 1;
          break;
        }
        const score = Math.min(1, logP / this.logPQuiet) * Math.min(1, w.expected / o.minExpected);
        if (judged === null || score > best) {
          judged = w;
          best = score;
        }
      }
      if (best >= 1 && judged !== null) {
        this.quiet = true;
        this.recovery = 0;
        this.episodeBuckets = judged.buckets;
        this.episodeObserved = judged.observed;
        this.episodeExpected = judged.expected;
        state = this.state(1, judged.expected, judged.observed, judged.buckets, true, lambda);
      } else {
        state =
          judged === null
            ? this.state(0, lambda, count, 1, false, lambda)
            : this.state(best, judged.expected, judged.observed, judged.buckets, false, lambda);
        // A long, inconclusive shortfall (a slow decline, a calm spell) starts afresh.
        if (inPartial && this.partial.buckets >= this.maxWindowBuckets) this.partial.reset();
        if (inSilent && this.silent.buckets >= this.maxWindowBuckets) this.silent.reset();
      }
    }

    // Learn the rhythm, except from an outage and from a burst: a crisis (days of high volume)
    // must not make the same hours next week look quiet. A burst is a CUSUM of "twice the
    // expected rate" against the expected rate; one lasting longer than burstMaxMs is a new
    // level, and learnt. Until then the expectation errs low: slower to say quiet, never wrongly. Counts above
    // the Poisson range of the expectation are learnt clipped, which covers a burst's first buckets.
    // (Capped, so that it ends soon after the counts do, however big the burst.)
    // A burst starts when the CUSUM reaches BURST_EVIDENCE and ends once it has stayed at 0 for
    // recentMemoryMs; its age counts from when the CUSUM left 0. (Only once recentMemoryMs has
    // been seen: until then anything looks like a burst of nothing.)
    this.burst = Math.min(2 * BURST_EVIDENCE, Math.max(0, this.burst + count * Math.LN2 - lambda));
    if (this.bursting) {
      this.burstAge++;
      this.burstCalm = this.burst > 0 ? 0 : this.burstCalm + 1;
      if (this.burstCalm >= this.recentCap) this.bursting = false;
    } else {
      this.burstAge = this.burst > 0 ? this.burstAge + 1 : 0;
      if (this.burst >= BURST_EVIDENCE && this.recentN >= this.recentCap) {
        this.bursting = true;
        this.burstCalm = 0;
      }
    }
    if (this.quiet) {
      // Nothing learnt from an outage.
    } else if (!this.bursting) {
      this.learn(weekSlot, daySlot, Math.min(count, lambda + 4 * Math.sqrt(lambda) + 3));
    } else if (this.burstAge > this.burstMaxBuckets) {
      this.learn(weekSlot, daySlot, count); // a burst that lasts is the new level: learnt as it is
    }
    this.seen++;
    return state;
  }

  /** Expected mentions per bucket for the bucket starting at `t`, from what has been learnt so far. */
  expectedAt(t: number): number {
    const hourIndex = Math.floor(t / HOUR_MS);
    return this.expectedRate((hourIndex + 72) % 168, hourIndex % 24);
  }

  private expectedRate(weekSlot: number, daySlot: number): number {
    const k = this.prior;
    const nd = this.dayN[daySlot] as number;
    const nw = this.weekN[weekSlot] as number;
    const day = nd + k > 0 ? (nd * (this.dayRate[daySlot] as number) + k * this.recentRate) / (nd + k) : this.recentRate;
    return nw + k > 0 ? (nw * (this.weekRate[weekSlot] as number) + k * day) / (nw + k) : day;
  }

  private learn(weekSlot: number, daySlot: number, count: number): void {
    // Running mean at first, then an exponential moving average with the configured memory.
    const nw = Math.min((this.weekN[weekSlot] as number) + 1, this.weekCap);
    this.weekN[weekSlot] = nw;
    this.weekRate[weekSlot] = (this.weekRate[weekSlot] as number) + (count - (this.weekRate[weekSlot] as number)) / nw;
    const nd = Math.min((this.dayN[daySlot] as number) + 1, this.dayCap);
    this.dayN[daySlot] = nd;
    this.dayRate[daySlot] = (this.dayRate[daySlot] as number) + (count - (this.dayRate[daySlot] as number)) / nd;
    this.recentN = Math.min(this.recentN + 1, this.recentCap);
    this.recentRate += (count - this.recentRate) / this.recentN;
  }

  private state(
    score: number,
    expected: number,
    observed: number,
    buckets: number,
    quiet: boolean,
    rate: number,
  ): FeedHealthState {
    const windowMs = buckets * this.options.bucketMs;
    return {
      quiet,
      score,
      expected,
      observed,
      windowMs,
      silentForMs: quiet ? windowMs : 0,
      rate,
      warmedUp: this.seen + 1 >= this.warmupBuckets,
    };
  }
}

/**
 * ln P(X ≤ k) for X ~ Poisson(mu), bounded from above (Chernoff): −(mu − k + k ln(k / mu)) for
 * k < mu, exact at k = 0, and 0 (probability 1) for k ≥ mu. An upper bound on the probability,
 * so a decision "p < pQuiet" taken on it is never looser than on the exact tail.
 */
export function poissonLowerTailLogBound(k: number, mu: number): number {
  if (k >= mu) return 0;
  if (k <= 0) return -mu;
  return -(mu - k + k * Math.log(k / mu));
}
