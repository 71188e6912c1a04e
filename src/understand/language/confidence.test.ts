import assert from 'node:assert/strict';
import { test } from 'node:test';
import { belowTopFloor, CONFIDENCE_MODEL, confidenceOf, featureVector, TOP_FLOORS } from './confidence.ts';

test('confidence rises with the margin, the top score and the length, and stays in (0, 1)', () => {
  const base = { top: 0.75, margin: 0.05, letters: 10 };
  const c = confidenceOf(base);
  assert.ok(c > 0 && c < 1);
  assert.ok(confidenceOf({ ...base, margin: 0.1 }) > c);
  assert.ok(confidenceOf({ ...base, top: 0.8 }) > c);
  assert.ok(confidenceOf({ ...base, letters: 40 }) > c);
  assert.ok(confidenceOf({ top: 0.85, margin: 0.3, letters: 200 }) > 0.99);
});

test('the margin is capped at 0.2 and never negative in the features', () => {
  assert.deepEqual(featureVector({ top: 0.7, margin: 0.5, letters: 0 }), [2, 0.7, 0]);
  assert.equal(featureVector({ top: 0.7, margin: -0.1, letters: 0 })[0], 0);
  const m = { ...CONFIDENCE_MODEL, margin: 0, top: 0, logLetters: 0, intercept: 0 };
  assert.equal(confidenceOf({ top: 0.5, margin: 0.1, letters: 5 }, m), 0.5);
});

test('the top-score floor depends on the length: none under 20 letters, then the fitted floors', () => {
  assert.equal(belowTopFloor({ top: 0.1, margin: 0.1, letters: 19 }), false);
  for (const f of TOP_FLOORS) {
    assert.equal(belowTopFloor({ top: f.floor - 0.001, margin: 0.1, letters: f.minLetters }), true);
    assert.equal(belowTopFloor({ top: f.floor, margin: 0.1, letters: f.minLetters }), false);
  }
  assert.ok(TOP_FLOORS.every((f, i) => i === 0 || f.minLetters > (TOP_FLOORS[i - 1] as { minLetters: number }).minLetters));
});
