import assert from 'node:assert/strict';
import { test } from 'node:test';
import { workspaceId } from '../../domain/ids.ts';
import type { SeriesBucket } from '../../domain/series.ts';
import { presentSeries, seriesGrid } from './series.ts';

const ws = workspaceId('lumen-co');
const T0 = Date.UTC(2024, 4, 1, 12, 0);
const minute = (start: number, count: number): SeriesBucket => ({
  workspaceId: ws,
  brandId: 'lumen',
  start,
  bucketMs: 60_000,
  count,
  negative: 1,
  positive: 0,
  reach: 10,
  uniqueAuthors: count,
  influencer: 0,
  media: 1,
});

test('the grid starts at from floored to the bucket and ends before to', () => {
  assert.deepEqual(seriesGrid(T0 + 61_000, T0 + 600_000, 300_000), { first: T0, count: 2 });
  assert.deepEqual(seriesGrid(T0, T0 + 600_001, 300_000), { first: T0, count: 3 });
  assert.deepEqual(seriesGrid(T0, T0, 60_000), { first: T0, count: 0 });
});

test('empty buckets are zeros and finer buckets are summed into the grid', () => {
  const view = presentSeries({
    brandId: 'lumen',
    from: T0,
    to: T0 + 15 * 60_000,
    bucket: { label: '5m', ms: 300_000 },
    buckets: [minute(T0 + 60_000, 2), minute(T0 + 120_000, 3), minute(T0 + 11 * 60_000, 1), minute(T0 + 3600_000, 9)],
  });
  assert.equal(view.from, '2024-05-01T12:00:00.000Z');
  assert.equal(view.to, '2024-05-01T12:15:00.000Z');
  assert.equal(view.bucketMs, 300_000);
  assert.deepEqual(
    view.points.map((p) => [p.t, p.count, p.negative, p.reach, p.uniqueAuthors, p.media]),
    [
      ['2024-05-01T12:00:00.000Z', 5, 2, 20, 5, 2],
      ['2024-05-01T12:05:00.000Z', 0, 0, 0, 0, 0],
      ['2024-05-01T12:10:00.000Z', 1, 1, 10, 1, 1],
    ],
  );
});
