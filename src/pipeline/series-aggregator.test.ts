import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Mention } from '../domain/mention.ts';
import { mention, T0, WS } from './fixtures.ts';
import { SeriesAggregator } from './series-aggregator.ts';

const MIN = 60_000;
const at = (n: number, t: number, over: Partial<Mention> = {}): Mention =>
  mention(n, {
    createdAt: t,
    author: { id: `x:a${n % 3}`, handle: `a${n % 3}`, name: null, followers: n === 1 ? 50_000 : 10, verified: false, kind: 'person' },
    enrichment: { sentiment: { label: n % 2 ? 'negative' : 'positive', score: 0, model: 't' }, categories: [], stakeholder: null, reach: 100 },
    ...over,
  });

const agg = () => new SeriesAggregator({ workspaceId: WS, bucketMs: MIN, allowedLatenessMs: MIN, influencerFollowers: 10_000 });

test('counts, sentiment, reach, influencer, media and exact unique authors across drains', () => {
  const a = agg();
  a.add(at(1, T0 + 1000));
  a.add(at(2, T0 + 2000, { author: { id: 'x:org', handle: 'news', name: null, followers: 5, verified: true, kind: 'organisation' } }));
  const first = a.drain(T0);
  assert.equal(first.deltas.length, 1);
  assert.deepEqual(
    { ...first.deltas[0]!, workspaceId: undefined },
    { workspaceId: undefined, brandId: 'brumeo', start: T0, bucketMs: MIN, count: 2, negative: 1, positive: 1, reach: 200, uniqueAuthors: 2, influencer: 1, media: 1 },
  );
  assert.deepEqual(first.closed, []);
  a.add(at(4, T0 + 3000)); // author a1 already seen in this bucket
  a.add(at(5, T0 + 4000)); // author a2: new
  const second = a.drain(T0);
  assert.equal(second.deltas[0]!.count, 2);
  assert.equal(second.deltas[0]!.uniqueAuthors, 1, 'only the author not written before');
});

test('the watermark closes buckets once, with their full aggregate, and frees them', () => {
  const a = agg();
  a.add(at(1, T0 + 1000));
  a.drain(T0);
  a.add(at(2, T0 + 10_000));
  a.add(at(3, T0 + 2 * MIN + 1)); // watermark = T0 + MIN + 1: closes [T0, T0+MIN)
  const d = a.drain(T0 + 10 * MIN);
  assert.equal(d.closed.length, 1);
  assert.equal(d.closed[0]!.late, false);
  assert.equal(d.closed[0]!.bucket.count, 2);
  assert.equal(d.closed[0]!.bucket.start, T0);
  assert.equal(a.size, 1, 'only the open bucket stays in memory');
  assert.deepEqual(a.drain(T0 + 10 * MIN).closed, [], 'announced once');
});

test('late data is still counted as a delta and announced late', () => {
  const a = agg();
  a.add(at(1, T0 + 1000));
  a.add(at(2, T0 + 5 * MIN));
  a.drain(T0 + 10 * MIN);
  a.add(at(3, T0 + 2000));
  a.add(at(6, T0 + 3000)); // same author as mention 3
  const d = a.drain(T0 + 10 * MIN);
  const late = d.closed.filter((c) => c.late);
  assert.equal(late.length, 1);
  assert.equal(late[0]!.bucket.count, 2);
  assert.equal(late[0]!.bucket.uniqueAuthors, 1);
  assert.ok(d.deltas.some((b) => b.start === T0 && b.count === 2));
  assert.equal(a.size, 1);
});

test('a post dated in the future does not close everything: the watermark is capped by the clock', () => {
  const a = agg();
  a.add(at(1, T0 + 1000));
  a.add(at(2, T0 + 20 * 3600_000));
  assert.deepEqual(a.drain(T0 + 1000).closed, []);
});

test('open buckets stay bounded by brands × lateness window on a long in-order stream', () => {
  const a = new SeriesAggregator({ workspaceId: WS, bucketMs: MIN, allowedLatenessMs: 3 * MIN, influencerFollowers: 1 });
  let max = 0;
  for (let i = 0; i < 5000; i++) {
    a.add(at(i, T0 + i * 10_000, { brandIds: ['brumeo', 'kestrel'] }));
    if (i % 50 === 49) {
      a.drain(T0 + 1e9);
      max = Math.max(max, a.size);
    }
  }
  assert.ok(max <= 2 * (3 + 1) + 2 * 9, `open buckets ${max}`);
});

test('bad options are refused', () => {
  assert.throws(() => new SeriesAggregator({ workspaceId: WS, bucketMs: 0, influencerFollowers: 1 }), /bucketMs must be > 0/);
});
