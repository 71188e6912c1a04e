import type { Hono } from 'hono';
import { timed, type ResolvedDeps } from '../deps.ts';
import { ApiError } from '../errors.ts';
import { presentSeries, seriesGrid } from '../presenters/series.ts';
import { DEFAULT_SERIES_SPAN_MS, MAX_SERIES_POINTS, SeriesParamsSchema, SeriesQuerySchema } from '../schemas/series.ts';
import { checkWindow } from '../schemas/window.ts';
import { validParams, validQuery } from '../validate.ts';
import { requireBrand } from './brands.ts';

/** `GET /api/brands/:id/series`: zero-filled buckets between from and to. */
export function registerSeriesRoutes(app: Hono, deps: ResolvedDeps): void {
  app.get('/api/brands/:id/series', async (c) => {
    const { id } = validParams(c, SeriesParamsSchema);
    const query = validQuery(c, SeriesQuerySchema);
    const to = query.to ?? deps.clock.now();
    const from = query.from ?? to - DEFAULT_SERIES_SPAN_MS;
    checkWindow(from, to);
    const grid = seriesGrid(from, to, query.bucket.ms);
    if (grid.count > MAX_SERIES_POINTS) {
      const message = `${grid.count} buckets of ${query.bucket.label} between from and to; at most ${MAX_SERIES_POINTS}: use a wider bucket or a shorter window`;
      throw new ApiError('bad_request', `invalid query parameters: bucket: ${message}`, [
        { parameter: 'bucket', in: 'query', message },
      ]);
    }
    await requireBrand(deps, id, 'id');
    const buckets = await timed(deps, 'getSeries', () =>
      deps.store.getSeries(deps.workspaceId, { brandId: id, from: grid.first, to, bucketMs: query.bucket.ms }),
    );
    return c.json(presentSeries({ brandId: id, from, to, bucket: query.bucket, buckets }));
  });
}
