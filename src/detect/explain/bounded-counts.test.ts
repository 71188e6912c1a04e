import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Rng } from '../../demo/prng.ts';
import { BoundedCounts } from './bounded-counts.ts';

test('below twice its capacity every count is exact', () => {
  const c = new BoundedCounts(10);
  for (let k = 0; k < 19; k++) for (let r = 0; r <= k; r++) c.add(k, `t${k}`, 1);
  assert.equal(c.size, 19);
  assert.equal(c.get(18)?.count, 19);
  assert.equal(c.forgotten, 0);
});

test('a long tail is pruned to the capacity; frequent terms keep their exact counts', () => {
  const rng = new Rng(3);
  const c = new BoundedCounts(50);
  let maxSize = 0;
  for (let i = 0; i < 20_000; i++) {
    // Terms 0–4 in every other mention; the rest a long tail of rare ones.
    if (i % 2 === 0) c.add(i % 10 >> 1, `hot${i % 10 >> 1}`, 1);
    else c.add(1000 + rng.int(0, 1_000_000), 'rare', 1);
    maxSize = Math.max(maxSize, c.size);
  }
  assert.ok(maxSize < 100, `at most twice the capacity (${maxSize})`);
  for (let k = 0; k < 5; k++) assert.equal(c.get(k)?.count, 2000, `hot${k}`);
  assert.equal(c.get(0)?.term, 'hot0');
  assert.ok(c.forgotten >= 1);
});

test('large counts are pruned right too', () => {
  const c = new BoundedCounts(3);
  for (let k = 0; k < 5; k++) c.add(k, `t${k}`, 1000 * (k + 1));
  assert.equal(c.size, 5);
  c.add(5, 't5', 1);
  assert.deepEqual([...c.entries.keys()].sort(), [2, 3, 4, 5]);
  assert.equal(c.forgotten, 2000);
});
