import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Rng } from './prng.ts';

test('the same seed gives the same sequence, another seed another one', () => {
  const a = new Rng(42);
  const b = new Rng(42);
  const c = new Rng(43);
  const sa = Array.from({ length: 20 }, () => a.next());
  assert.deepEqual(sa, Array.from({ length: 20 }, () => b.next()));
  assert.notDeepEqual(sa, Array.from({ length: 20 }, () => c.next()));
  for (const x of sa) assert.ok(x >= 0 && x < 1);
});

test('draws have the expected means', () => {
  const rng = new Rng(5);
  const n = 20_000;
  let u = 0;
  let p = 0;
  let big = 0;
  const logs: number[] = [];
  for (let i = 0; i < n; i++) {
    u += rng.next();
    p += rng.poisson(3);
    big += rng.poisson(100);
    logs.push(rng.logNormal(200, 1.5));
  }
  assert.ok(Math.abs(u / n - 0.5) < 0.02);
  assert.ok(Math.abs(p / n - 3) < 0.1);
  assert.ok(Math.abs(big / n - 100) < 1);
  logs.sort((x, y) => x - y);
  const median = logs[n / 2] ?? 0;
  assert.ok(median > 180 && median < 220, `median ${median}`);
});

test('int stays in bounds and pick refuses an empty list', () => {
  const rng = new Rng(9);
  for (let i = 0; i < 1000; i++) {
    const k = rng.int(3, 5);
    assert.ok(k >= 3 && k <= 5);
  }
  assert.throws(() => rng.pick([]), /empty/);
  assert.equal(rng.weighted(['a', 'b'], [0, 1]), 'b');
});
