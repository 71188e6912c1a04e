import { poissonLogUpperTail } from './detectors/tails.ts';
import type { SeverityOptions } from './severity-options.ts';

/** Mentions seen before the usual category shares are trusted. */
const USUAL_MIN_MENTIONS = 300;

/**
 * Which crisis-trigger categories are *present* in a brand's context window, for severity: those
 * that enough of the window's mentions carry (`minMentions`, `minShare`) and that the brand's
 * usual share of the category could hardly explain (a Poisson tail at most `maxPValue`), so that
 * what a brand hears every day (a cookware brand, a few broken lids) does not raise severity.
 *
 * The usual shares are decayed sums (half-life a week of detection buckets) of each category's
 * mentions and of all mentions, fed by every live bucket with mentions (primed buckets from the
 * stored series carry no categories); until 300 mentions were seen, only the counts apply.
 */
export class CategoryPresence {
  /** Per detection bucket of the context window (newest last), mentions per category. */
  private readonly window: Map<string, number>[] = [];
  private readonly usual = new Map<string, number>();
  private usualMentions = 0;
  private readonly decay: number;
  private readonly windowBuckets: number;

  constructor(bucketMinutes: number, windowBuckets: number) {
    this.decay = Math.pow(0.5, 1 / ((7 * 24 * 60) / bucketMinutes));
    this.windowBuckets = windowBuckets;
  }

  /** A judged bucket: its mention count and, for live buckets, its mentions per category. */
  push(count: number, categories: Map<string, number> | undefined): void {
    this.window.push(categories ?? new Map());
    if (this.window.length > this.windowBuckets) this.window.shift();
    if (categories === undefined || count === 0) return;
    for (const [c, v] of this.usual) this.usual.set(c, v * this.decay);
    this.usualMentions = this.usualMentions * this.decay + count;
    for (const [c, n] of categories) this.usual.set(c, (this.usual.get(c) ?? 0) + n);
  }

  /** The categories present in the window of `mentions` mentions. */
  present(mentions: number, o: SeverityOptions['categories']): string[] {
    const perCategory = new Map<string, number>();
    for (const counts of this.window) for (const [c, n] of counts) perCategory.set(c, (perCategory.get(c) ?? 0) + n);
    const needed = Math.max(o.minMentions, o.minShare * mentions);
    const logP = Math.log(o.maxPValue);
    const known = this.usualMentions >= USUAL_MIN_MENTIONS;
    const unusual = (c: string, n: number): boolean =>
      !known || poissonLogUpperTail(n, Math.max((this.usual.get(c) ?? 0) / this.usualMentions, 1e-6) * mentions) <= logP;
    return [...perCategory].filter(([c, n]) => n >= needed && unusual(c, n)).map(([c]) => c);
  }
}
