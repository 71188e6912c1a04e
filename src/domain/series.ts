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
