import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DISTINCT_K, DistinctSketch } from './distinct.ts';
import { fnv1a } from './tokens.ts';

test('counts exactly up to k distinct values, whatever the repeats', () => {
  const s = new DistinctSketch();
  for (let r = 0; r < 5; r++) for (let i = 0; i < DISTINCT_K; i++) s.add(fnv1a(`author${i}`));
  assert.equal(s.estimate(), DISTINCT_K);
  const merged = new DistinctSketch();
  merged.merge(s);
  merged.merge(s);
  assert.equal(merged.estimate(), DISTINCT_K);
});

test('estimates a large count within 30%, and a merge counts the union', () => {
  const a = new DistinctSketch();
  const b = new DistinctSketch();
  for (let i = 0; i < 6000; i++) a.add(fnv1a(`author${i}`));
  for (let i = 3000; i < 9000; i++) b.add(fnv1a(`author${i}`));
  assert.ok(Math.abs(a.estimate() - 6000) < 1800, `6000 estimated ${a.estimate()}`);
  a.merge(b);
  assert.ok(Math.abs(a.estimate() - 9000) < 2700, `9000 estimated ${a.estimate()}`);
  const small = new DistinctSketch();
  const other = new DistinctSketch();
  small.add(1);
  small.add(2);
  other.add(2);
  other.add(3);
  small.merge(other);
  assert.equal(small.estimate(), 3);
});
