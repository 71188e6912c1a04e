/**
 * Reach-weighted negativity: many people are shown negative posts about the brand. Reach is
 * heavy-tailed (one post from a 50k-follower account outweighs a hundred others), so a count test
 * does not apply; instead, over each trailing window:
 *
 *   robust reach = negative reach − the largest single negative post's reach
 *
 * (one big post alone is the influencer detector's business, not a wave), compared with the
 * brand's usual robust reach for a window that long (a decayed mean, per window length, learned
 * from calm buckets: windows add up heavy tails, so the usual of a long window is not the sum of
 * per-bucket usuals). The score is 0 below `minRatio` × usual or under `minPosts` negative posts or under
 * `floorReach` people; it is 0.5 at `minRatio` and rises on a log scale to 1 at `fullRatio`.
 */
export interface ReachNegativityOptions {
  windows: readonly number[];
  minRatio: number;
  fullRatio: number;
  minPosts: number;
  floorReach: number;
  /** Half-life of the usual negative reach, in buckets. */
  halfLifeBuckets: number;
  /** Buckets of data before any judgement (the usual must mean something). */
  warmupBuckets: number;
}

export interface ReachReading {
  score: number;
  /** Robust negative reach of the best window and the usual reach for that window. */
  observed: number;
  expected: number;
  windowBuckets: number;
}

export class ReachNegativityDetector {
  private readonly reach: Float64Array;
  private readonly top: Float64Array;
  private readonly posts: Float64Array;
  private head = 0;
  private filled = 0;
  private seen = 0;
  private readonly maxWindow: number;
  private readonly usual: Float64Array;
  private weight = 0;
  private readonly decay: number;
  private readonly o: ReachNegativityOptions;

  constructor(options: ReachNegativityOptions) {
    this.o = options;
    this.maxWindow = Math.max(...options.windows);
    this.reach = new Float64Array(this.maxWindow);
    this.top = new Float64Array(this.maxWindow);
    this.posts = new Float64Array(this.maxWindow);
    this.decay = 0.5 ** (1 / options.halfLifeBuckets);
    this.usual = new Float64Array(options.windows.length);
  }

  /** One bucket: summed reach of its negative posts, the largest of them, how many there were. */
  update(negativeReach: number, largest: number, negativePosts: number): ReachReading {
    const o = this.o;
    this.reach[this.head] = negativeReach;
    this.top[this.head] = largest;
    this.posts[this.head] = negativePosts;
    this.head = (this.head + 1) % this.maxWindow;
    if (this.filled < this.maxWindow) this.filled++;
    this.seen++;
    let best: ReachReading = { score: 0, observed: 0, expected: 0, windowBuckets: o.windows[0] ?? 1 };
    const robustByWindow = new Float64Array(o.windows.length);
    {
      for (let wi = 0; wi < o.windows.length; wi++) {
        const w = o.windows[wi] as number;
        if (w > this.filled) continue;
        let sum = 0;
        let max = 0;
        let n = 0;
        for (let i = 1; i <= w; i++) {
          const j = (this.head - i + this.maxWindow) % this.maxWindow;
          sum += this.reach[j] as number;
          max = Math.max(max, this.top[j] as number);
          n += this.posts[j] as number;
        }
        const robust = sum - max;
        robustByWindow[wi] = robust;
        const expected = Math.max(this.weight > 0 ? (this.usual[wi] as number) / this.weight : 0, 1);
        if (this.seen <= o.warmupBuckets) continue;
        if (n < o.minPosts || robust < o.floorReach) continue;
        const ratio = robust / expected;
        if (ratio < o.minRatio) continue;
        const score = Math.min(1, 0.5 + (0.5 * Math.log(ratio / o.minRatio)) / Math.log(o.fullRatio / o.minRatio));
        if (score > best.score) best = { score, observed: robust, expected, windowBuckets: w };
      }
    }
    if (best.score === 0) {
      // Learn the usual robust reach of each window length from calm buckets only.
      for (let wi = 0; wi < o.windows.length; wi++) this.usual[wi] = (this.usual[wi] as number) * this.decay + (robustByWindow[wi] as number);
      this.weight = this.weight * this.decay + 1;
    }
    return best;
  }
}
