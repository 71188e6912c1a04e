import { z } from 'zod';
import { WorkspaceIdSchema } from './ids.ts';

export const DEFAULT_BUCKET_MS = 60_000;

/** Per brand per bucket (one minute by default) aggregates of stored mentions. */
export const SeriesBucketSchema = z.object({
  workspaceId: WorkspaceIdSchema,
  brandId: z.string(),
  /** Start of the bucket, epoch ms, a multiple of bucketMs. */
  start: z.number().int(),
  bucketMs: z.number().int().positive(),
  count: z.number().int().nonnegative(),
  negative: z.number().int().nonnegative(),
  positive: z.number().int().nonnegative(),
  reach: z.number().nonnegative(),
  uniqueAuthors: z.number().int().nonnegative(),
  influencer: z.number().int().nonnegative(),
  media: z.number().int().nonnegative(),
});
export type SeriesBucket = z.infer<typeof SeriesBucketSchema>;

export function bucketStart(t: number, bucketMs: number = DEFAULT_BUCKET_MS): number {
  return Math.floor(t / bucketMs) * bucketMs;
}

/** The additive counters of a bucket. */
export type SeriesCounts = Pick<SeriesBucket, 'count' | 'negative' | 'positive' | 'reach' | 'uniqueAuthors' | 'influencer' | 'media'>;

export function zeroCounts(): SeriesCounts {
  return { count: 0, negative: 0, positive: 0, reach: 0, uniqueAuthors: 0, influencer: 0, media: 0 };
}

/** Adds `from`'s counters into `into` (uniqueAuthors summed: an upper bound across buckets). */
export function addCounts(into: SeriesCounts, from: SeriesCounts): void {
  into.count += from.count;
  into.negative += from.negative;
  into.positive += from.positive;
  into.reach += from.reach;
  into.uniqueAuthors += from.uniqueAuthors;
  into.influencer += from.influencer;
  into.media += from.media;
}
