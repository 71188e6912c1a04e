import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DecayedVocabulary } from './baseline.ts';

const DAY = 24 * 3600_000;

test('counts halve every half-life, and late additions weigh by their own time', () => {
  const v = new DecayedVocabulary(3 * DAY, 100);
  v.add(1, 80, 0);
  v.addMentions(800, 0);
  assert.equal(v.count(1, 0), 80);
  assert.ok(Math.abs(v.count(1, 3 * DAY) - 40) < 1e-9);
  assert.ok(Math.abs(v.mentions(6 * DAY) - 200) < 1e-9);
  v.add(1, 40, 3 * DAY);
  assert.ok(Math.abs(v.count(1, 3 * DAY) - 80) < 1e-9);
  v.add(2, 10, -3 * DAY);
  assert.ok(Math.abs(v.count(2, 0) - 5) < 1e-9);
  assert.equal(v.count(99, 0), 0, 'unknown term');
});

test('months of time keep the counts right (the scale is reset as it grows)', () => {
  const v = new DecayedVocabulary(DAY, 100);
  for (let d = 0; d <= 400; d++) {
    v.add(1, 1, d * DAY);
    v.addMentions(2, d * DAY);
  }
  // Steady state of 1 a day with a one-day half-life: 1 / (1 - 1/2) = 2.
  assert.ok(Math.abs(v.count(1, 400 * DAY) - 2) < 1e-6);
  assert.ok(Math.abs(v.mentions(400 * DAY) - 4) < 1e-6);
  assert.ok(Number.isFinite(v.count(1, 800 * DAY)));
});

test('past 1.5 × capacity the smallest decayed counts are dropped', () => {
  const v = new DecayedVocabulary(DAY, 100);
  for (let k = 0; k < 1000; k++) v.add(k, k < 10 ? 1000 : 1, 0);
  assert.ok(v.size <= 150, `size ${v.size}`);
  for (let k = 0; k < 10; k++) assert.equal(v.count(k, 0), 1000);
});
