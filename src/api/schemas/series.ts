import { z } from 'zod';
import { BrandIdParam, BucketParam, TimeParam } from './params.ts';

export const SeriesParamsSchema = z.object({ id: BrandIdParam });

/** `GET /api/brands/:id/series?from&to&bucket` — defaults: the last 24 hours up to now, 5-minute buckets. */
export const SeriesQuerySchema = z.strictObject({
  from: TimeParam.optional(),
  to: TimeParam.optional(),
  bucket: BucketParam.default({ label: '5m', ms: 300_000 }),
});

/** The most points one answer may hold. */
export const MAX_SERIES_POINTS = 10_000;
export const DEFAULT_SERIES_SPAN_MS = 24 * 3600 * 1000;
