import { addCounts, bucketStart, zeroCounts, type SeriesBucket } from '../../domain/series.ts';
import { isoTime } from './time.ts';

export interface SeriesPointView {
  t: string;
  count: number;
  negative: number;
  positive: number;
  reach: number;
  uniqueAuthors: number;
  influencer: number;
  media: number;
}

export interface SeriesView {
  brandId: string;
  from: string;
  to: string;
  bucket: string;
  bucketMs: number;
  points: SeriesPointView[];
}

/** The bucket starts covering [from, to): from floored to the bucket, every bucket until `to`. */
export function seriesGrid(from: number, to: number, bucketMs: number): { first: number; count: number } {
  const first = bucketStart(from, bucketMs);
  return { first, count: Math.max(0, Math.ceil((to - first) / bucketMs)) };
}

/**
 * One point per bucket between from and to, zeros where nothing was stored, so that charts are
 * continuous. Buckets the store returns at a finer width are summed into the grid's buckets.
 */
export function presentSeries(input: {
  brandId: string;
  from: number;
  to: number;
  bucket: { label: string; ms: number };
  buckets: readonly SeriesBucket[];
}): SeriesView {
  const { brandId, from, to, bucket, buckets } = input;
  const { first, count } = seriesGrid(from, to, bucket.ms);
  const points: SeriesPointView[] = Array.from({ length: count }, (_, i) => ({
    t: isoTime(first + i * bucket.ms),
    ...zeroCounts(),
  }));
  for (const b of buckets) {
    const p = points[(bucketStart(b.start, bucket.ms) - first) / bucket.ms];
    if (p !== undefined) addCounts(p, b);
  }
  return { brandId, from: isoTime(first), to: isoTime(to), bucket: bucket.label, bucketMs: bucket.ms, points };
}
