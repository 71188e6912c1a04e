import { RateProfile, type RateProfileOptions } from './rate-profile.ts';
import { negBinomialLogUpperTail, surpriseScore } from './tails.ts';

/**
 * A burst in a count series (negative mentions, influencer and media mentions…): over each of a
 * few trailing windows, how surprising is the count given the learned rhythm? The predictive is
 * a negative binomial (the rate's uncertainty included), so a sparse or young series needs far
 * more to fire than a well-known busy one. The score reads decades of surprise (see
 * surpriseScore), corrected for the number of windows tested.
 *
 * Robust to its own spikes: a bucket teaches the profile at most `learnCapFactor` × the expected
 * rate (+1), so a burst raises the baseline only slowly, and a lasting shift is absorbed within a
 * few days. O(windows) per point.
 */
export interface CountBurstOptions extends RateProfileOptions {
  /** Trailing windows, in buckets (e.g. [1, 3, 12]). */
  windows: readonly number[];
  /** Decades of surprise (−log10 p) at which the score leaves 0, and at which it reaches 1. */
  minDecades: number;
  fullDecades: number;
  /** A window whose count is below this never scores (a single post is not a burst). */
  minCount: number;
  learnCapFactor: number;
}

export interface BurstReading {
  score: number;
  /** The count and expected count of the window that scored highest. */
  observed: number;
  expected: number;
  windowBuckets: number;
}

export class CountBurstDetector {
  readonly profile: RateProfile;
  private readonly ring: Float64Array;
  /** Expected rate and evidence of each bucket in the ring, computed once when it arrives. */
  private readonly rates: Float64Array;
  private readonly evidences: Float64Array;
  private head = 0;
  private filled = 0;
  private readonly options: CountBurstOptions;
  private readonly maxWindow: number;
  private readonly skipSigmas: number;
  last: BurstReading = { score: 0, observed: 0, expected: 0, windowBuckets: 1 };

  constructor(options: CountBurstOptions) {
    this.options = options;
    if (options.windows.length === 0 || options.windows.some((w) => !Number.isInteger(w) || w < 1)) {
      throw new RangeError(`count burst: windows must be positive integers (got ${JSON.stringify(options.windows)})`);
    }
    this.maxWindow = Math.max(...options.windows);
    this.ring = new Float64Array(this.maxWindow);
    this.rates = new Float64Array(this.maxWindow);
    this.evidences = new Float64Array(this.maxWindow);
    this.profile = new RateProfile(options);
    // z at which a normal upper tail is 10^-minDecades (≈ 3.7 for 4 decades), less a margin.
    this.skipSigmas = Math.max(2, Math.sqrt(2 * options.minDecades * Math.LN10) - 0.8);
  }

  /** One bucket, in time order (empty buckets included); returns the reading. */
  update(t: number, count: number): BurstReading {
    const o = this.options;
    const expected = this.profile.rate(t);
    this.ring[this.head] = count;
    this.rates[this.head] = expected;
    this.evidences[this.head] = this.profile.evidence(t);
    this.head = (this.head + 1) % this.maxWindow;
    if (this.filled < this.maxWindow) this.filled++;
    let best: BurstReading = { score: 0, observed: count, expected, windowBuckets: 1 };
    const correction = Math.log10(o.windows.length);
    if (this.profile.seen >= 1) {
      for (const w of o.windows) {
        if (w > this.filled) continue;
        let k = 0;
        let lambda = 0;
        let evidence = Number.POSITIVE_INFINITY;
        for (let i = 1; i <= w; i++) {
          const j = (this.head - i + this.maxWindow) % this.maxWindow;
          k += this.ring[j] as number;
          lambda += this.rates[j] as number;
          evidence = Math.min(evidence, this.evidences[j] as number);
        }
        if (k < o.minCount) continue;
        // Cheap pre-check: within `skipSigmas` standard deviations of the predictive (variance
        // λw(1 + w/e)) a normal tail is under minDecades; the true tail of this right-skewed
        // predictive is heavier still, so nothing that could score is skipped.
        if (k <= lambda + this.skipSigmas * Math.sqrt(lambda * (1 + w / evidence)) + 1) continue;
        // Gamma(shape = λ̄·e, rate = e) posterior on the per-bucket rate; window of w buckets.
        const perBucket = lambda / w;
        const logP = negBinomialLogUpperTail(k, perBucket * evidence, evidence / (evidence + w));
        const score = surpriseScore(logP, o.minDecades + correction, o.fullDecades + correction);
        if (score > best.score || (best.score === 0 && w === o.windows[0])) {
          best = { score, observed: k, expected: lambda, windowBuckets: w };
        }
      }
    }
    this.profile.learn(t, Math.min(count, expected * o.learnCapFactor + 1));
    this.last = best;
    return best;
  }
}
