import { binomialLogUpperTail, surpriseScore } from './tails.ts';

/**
 * A rise in a share (negative mentions among all mentions): over each trailing window, how
 * surprising is k of n given the usual share? Binomial tail, guarded against tiny volumes (no
 * score under `minTotal` mentions, and the usual share is floored so a brand that is never
 * criticised does not fire on its first two complaints). The usual share is an exponentially
 * decayed ratio of sums (so busy hours weigh more), learned from calm buckets only.
 */
export interface ShareShiftOptions {
  windows: readonly number[];
  minTotal: number;
  minDecades: number;
  fullDecades: number;
  /** Half-life of the usual share, in buckets. */
  halfLifeBuckets: number;
  /** Floor and prior of the usual share. */
  minShare: number;
  priorShare: number;
  /** Weight of the prior share, in mentions. */
  priorMentions: number;
}

export interface ShareReading {
  score: number;
  /** Share observed in the best window, and the usual share. */
  share: number;
  usual: number;
  part: number;
  total: number;
  windowBuckets: number;
}

export class ShareShiftDetector {
  private readonly parts: Float64Array;
  private readonly totals: Float64Array;
  private head = 0;
  private filled = 0;
  private readonly maxWindow: number;
  private partSum: number;
  private totalSum: number;
  private readonly decay: number;
  private readonly options: ShareShiftOptions;
  last: ShareReading;

  constructor(options: ShareShiftOptions) {
    this.options = options;
    this.maxWindow = Math.max(...options.windows);
    this.parts = new Float64Array(this.maxWindow);
    this.totals = new Float64Array(this.maxWindow);
    this.partSum = options.priorShare * options.priorMentions;
    this.totalSum = options.priorMentions;
    this.decay = 0.5 ** (1 / options.halfLifeBuckets);
    this.last = { score: 0, share: 0, usual: this.usual, part: 0, total: 0, windowBuckets: options.windows[0] ?? 1 };
  }

  /** The usual share (with its prior). */
  get usual(): number {
    return Math.max(this.options.minShare, this.partSum / this.totalSum);
  }

  update(part: number, total: number): ShareReading {
    const o = this.options;
    this.parts[this.head] = part;
    this.totals[this.head] = total;
    this.head = (this.head + 1) % this.maxWindow;
    if (this.filled < this.maxWindow) this.filled++;
    const usual = this.usual;
    const correction = Math.log10(o.windows.length);
    let best: ShareReading = { score: 0, share: total > 0 ? part / total : 0, usual, part, total, windowBuckets: o.windows[0] ?? 1 };
    for (const w of o.windows) {
      if (w > this.filled) continue;
      let k = 0;
      let n = 0;
      for (let i = 1; i <= w; i++) {
        const j = (this.head - i + this.maxWindow) % this.maxWindow;
        k += this.parts[j] as number;
        n += this.totals[j] as number;
      }
      if (n < o.minTotal || k <= n * usual + 2.5 * Math.sqrt(n * usual * (1 - usual)) + 1) continue;
      const score = surpriseScore(binomialLogUpperTail(k, n, usual), o.minDecades + correction, o.fullDecades + correction);
      if (score > best.score) best = { score, share: k / n, usual, part: k, total: n, windowBuckets: w };
    }
    // Learn from calm buckets only (a crisis must not teach that negativity is normal), decayed per bucket.
    if (best.score === 0) {
      this.partSum = this.partSum * this.decay + part;
      this.totalSum = this.totalSum * this.decay + total;
      if (this.totalSum < o.priorMentions * 0.5) {
        // Keep the prior's weight when the brand is quiet for long.
        this.partSum += o.priorShare * (o.priorMentions * 0.5 - this.totalSum);
        this.totalSum = o.priorMentions * 0.5;
      }
    }
    this.last = best;
    return best;
  }
}
