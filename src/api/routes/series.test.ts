import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SeriesView } from '../presenters/series.ts';
import { NOW, WS, addLumenBrand, errorOf, minuteBucket, startTestApi } from '../test-harness.ts';

const T = Date.UTC(2024, 4, 1, 12, 0);

test('series are rolled up to the bucket and zero-filled between from and to', async (t) => {
  const api = await startTestApi(t);
  await addLumenBrand(api.store);
  await api.store.addSeries(WS, [
    minuteBucket(T + 60_000, 2),
    minuteBucket(T + 120_000, 4),
    minuteBucket(T + 11 * 60_000, 1),
    minuteBucket(T + 2 * 3_600_000, 50),
  ]);
  const res = await api.get(`/api/brands/lumen/series?from=2024-05-01T12:00:00Z&to=${T + 15 * 60_000}&bucket=5m`);
  assert.equal(res.status, 200);
  const view = res.body as SeriesView;
  assert.equal(view.brandId, 'lumen');
  assert.equal(view.from, '2024-05-01T12:00:00.000Z');
  assert.equal(view.to, '2024-05-01T12:15:00.000Z');
  assert.equal(view.bucket, '5m');
  assert.equal(view.bucketMs, 300_000);
  assert.deepEqual(view.points, [
    { t: '2024-05-01T12:00:00.000Z', count: 6, negative: 3, positive: 2, reach: 600, uniqueAuthors: 6, influencer: 0, media: 2 },
    { t: '2024-05-01T12:05:00.000Z', count: 0, negative: 0, positive: 0, reach: 0, uniqueAuthors: 0, influencer: 0, media: 0 },
    { t: '2024-05-01T12:10:00.000Z', count: 1, negative: 0, positive: 1, reach: 100, uniqueAuthors: 1, influencer: 0, media: 1 },
  ]);
});

test('by default the series covers the 24 hours before now in 5-minute buckets', async (t) => {
  const api = await startTestApi(t);
  await addLumenBrand(api.store);
  await api.store.addSeries(WS, [minuteBucket(NOW - 60_000, 3)]);
  const view = (await api.get('/api/brands/lumen/series')).body as SeriesView;
  assert.equal(view.from, '2024-05-01T00:00:00.000Z');
  assert.equal(view.to, '2024-05-02T00:00:00.000Z');
  assert.equal(view.points.length, 288);
  assert.equal(view.points.at(-1)?.count, 3);
  const hourly = (await api.get('/api/brands/lumen/series?bucket=3600000')).body as SeriesView;
  assert.equal(hourly.bucket, '1h');
  assert.equal(hourly.points.length, 24);
});

test('series validation errors name the parameter', async (t) => {
  const api = await startTestApi(t);
  await addLumenBrand(api.store);
  const cases: [string, string, string][] = [
    ['from=yesterday', 'from', 'expected an ISO 8601 date'],
    ['to=2024-02-30T99:00Z', 'to', 'expected an ISO 8601 date'],
    ['bucket=7s', 'bucket', 'expected 1m, 5m, 15m, 1h, 1d'],
    ['bucket=90000', 'bucket', 'multiple of 60000'],
    ['from=2024-05-01T12:00Z&to=2024-05-01T11:00Z', 'to', '"to" (2024-05-01T11:00:00.000Z) must be after "from"'],
    ['from=2020-01-01&to=2024-01-01&bucket=1m', 'bucket', 'at most 10000'],
    ['size=3', 'size', 'unknown parameter'],
  ];
  for (const [query, parameter, text] of cases) {
    const res = await api.get(`/api/brands/lumen/series?${query}`);
    assert.equal(res.status, 400, query);
    const e = errorOf(res.body);
    assert.equal(e.code, 'bad_request', query);
    const details = e.details as { parameter: string; in: string; message: string }[];
    assert.equal(details[0]?.parameter, parameter, query);
    assert.equal(details[0]?.in, 'query', query);
    assert.ok(details[0]?.message.includes(text), `${query}: ${details[0]?.message}`);
    assert.ok(e.message.includes(parameter), query);
  }
});

test('the series of an unknown brand is a 404', async (t) => {
  const api = await startTestApi(t);
  const res = await api.get('/api/brands/ghost/series');
  assert.equal(res.status, 404);
  assert.equal(errorOf(res.body).code, 'not_found');
});
