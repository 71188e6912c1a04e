import type { WorkspaceId } from '../domain/ids.ts';
import type { Mention } from '../domain/mention.ts';
import { bucketStart, DEFAULT_BUCKET_MS, zeroCounts, type SeriesBucket } from '../domain/series.ts';

export const DEFAULT_ALLOWED_LATENESS_MS = 2 * 60_000;

export interface ClosedBucket {
  bucket: SeriesBucket;
  late: boolean;
}

/** What one batch changes: deltas to add to the store, then buckets to announce. */
export interface SeriesDrain {
  deltas: SeriesBucket[];
  closed: ClosedBucket[];
  /** Every bucket ending at or before this time is closed (−Infinity before any data). */
  watermark: number;
}

interface Acc {
  brandId: string;
  start: number;
  total: SeriesBucket;
  delta: SeriesBucket;
  /** Exact distinct authors while open; cleared when the bucket closes. */
  authors: Set<string>;
  authorsWritten: number;
}

/**
 * Per-brand per-bucket series of newly inserted mentions (the pipeline never hands it an update
 * or an unchanged duplicate, so nothing counts twice).
 *
 * - count, negative / positive (sentiment label), reach (sum of enrichment.reach), uniqueAuthors,
 *   influencer (author followers ≥ influencerFollowers), media (stakeholder journalist or media, or
 *   an author of kind organisation that is verified: newsrooms are verified organisations).
 * - Open buckets accumulate; after each batch `drain` returns the deltas to write with
 *   `store.addSeries` (which sums) and the buckets to announce. uniqueAuthors is exact while a
 *   bucket is open (a set per open bucket; each delta carries the authors not yet written).
 * - The watermark is the highest createdAt seen (capped at now + allowed lateness, so one post
 *   dated in the future cannot close every bucket) minus `allowedLatenessMs`. A bucket that ends
 *   at or before it is closed: announced once (`late: false`, its full aggregate) and forgotten.
 * - A mention for a closed bucket is late: its delta is written all the same and announced as
 *   `late: true` with the aggregate of the late mentions alone. Its uniqueAuthors counts the
 *   distinct authors among those late mentions (the bucket's set is gone), so it may over-count.
 * - Memory: open buckets are at most brands × (allowedLateness / bucketMs + 1), plus the spread
 *   of one batch before its drain.
 */
export class SeriesAggregator {
  readonly workspaceId: WorkspaceId;
  readonly bucketMs: number;
  readonly allowedLatenessMs: number;
  readonly influencerFollowers: number;
  private readonly open = new Map<string, Acc>();
  private readonly late = new Map<string, Acc>();
  private maxSeen = Number.NEGATIVE_INFINITY;
  private watermark = Number.NEGATIVE_INFINITY;

  constructor(options: { workspaceId: WorkspaceId; bucketMs?: number; allowedLatenessMs?: number; influencerFollowers: number }) {
    this.workspaceId = options.workspaceId;
    this.bucketMs = options.bucketMs ?? DEFAULT_BUCKET_MS;
    this.allowedLatenessMs = options.allowedLatenessMs ?? DEFAULT_ALLOWED_LATENESS_MS;
    this.influencerFollowers = options.influencerFollowers;
    if (!(this.bucketMs > 0) || !(this.allowedLatenessMs >= 0)) {
      throw new Error(`series aggregator: bucketMs must be > 0 and allowedLatenessMs ≥ 0 (got ${this.bucketMs}, ${this.allowedLatenessMs})`);
    }
  }

  /** Number of buckets held in memory (open, plus late deltas not drained yet). */
  get size(): number {
    return this.open.size + this.late.size;
  }

  /** Adds a newly inserted mention to the buckets of each of its brands. */
  add(mention: Mention): void {
    const start = bucketStart(mention.createdAt, this.bucketMs);
    const isLate = start + this.bucketMs <= this.watermark;
    const map = isLate ? this.late : this.open;
    if (mention.createdAt > this.maxSeen) this.maxSeen = mention.createdAt;
    const label = mention.enrichment.sentiment?.label;
    const stakeholder = mention.enrichment.stakeholder;
    const negative = label === 'negative' ? 1 : 0;
    const positive = label === 'positive' ? 1 : 0;
    const influencer = (mention.author.followers ?? 0) >= this.influencerFollowers ? 1 : 0;
    const media =
      stakeholder === 'journalist' || stakeholder === 'media' || (mention.author.kind === 'organisation' && mention.author.verified) ? 1 : 0;
    for (const brandId of mention.brandIds) {
      const key = brandId + '\u0000' + start;
      let acc = map.get(key);
      if (acc === undefined) {
        acc = { brandId, start, total: this.empty(brandId, start), delta: this.empty(brandId, start), authors: new Set(), authorsWritten: 0 };
        map.set(key, acc);
      }
      acc.authors.add(mention.author.id);
      bump(acc.total, negative, positive, mention.enrichment.reach, influencer, media);
      bump(acc.delta, negative, positive, mention.enrichment.reach, influencer, media);
    }
  }

  /**
   * Ends a batch: returns the deltas to write (everything added since the last drain) and the
   * buckets the watermark closed, plus the late deltas. `now` caps the watermark. On a graceful
   * stop the pipeline drains once more; buckets still open are then not announced as closed (they
   * are not: data after a resume may still fall in them). Their content is in the store, from
   * which downstream stages rebuild their state after a restart.
   */
  drain(now: number): SeriesDrain {
    const deltas: SeriesBucket[] = [];
    const closed: ClosedBucket[] = [];
    for (const acc of this.open.values()) {
      if (acc.delta.count === 0) continue;
      acc.delta.uniqueAuthors = acc.authors.size - acc.authorsWritten;
      acc.authorsWritten = acc.authors.size;
      deltas.push(acc.delta);
      acc.delta = this.empty(acc.brandId, acc.start);
    }
    for (const acc of this.late.values()) {
      acc.delta.uniqueAuthors = acc.authors.size;
      deltas.push(acc.delta);
      closed.push({ bucket: { ...acc.delta }, late: true });
    }
    this.late.clear();
    const candidate = Math.min(this.maxSeen, now + this.allowedLatenessMs) - this.allowedLatenessMs;
    if (candidate > this.watermark) this.watermark = candidate;
    for (const [key, acc] of this.open) {
      if (acc.start + this.bucketMs <= this.watermark) {
        closed.push({ bucket: { ...acc.total, uniqueAuthors: acc.authors.size }, late: false });
        this.open.delete(key);
      }
    }
    return { deltas, closed, watermark: this.watermark };
  }

  private empty(brandId: string, start: number): SeriesBucket {
    return {
      workspaceId: this.workspaceId,
      brandId,
      start,
      bucketMs: this.bucketMs,
      ...zeroCounts(),
    };
  }
}

function bump(b: SeriesBucket, negative: number, positive: number, reach: number, influencer: number, media: number): void {
  b.count++;
  b.negative += negative;
  b.positive += positive;
  b.reach += reach;
  b.influencer += influencer;
  b.media += media;
}
