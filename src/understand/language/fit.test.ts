import assert from 'node:assert/strict';
import { test } from 'node:test';
import { confidenceOf } from './confidence.ts';
import { chooseThreshold, fitConfidenceModel, fitTopFloors, type FitRow } from './fit.ts';

// Synthetic rows: right answers when the margin is large, wrong when it is small (plus noise
// from a fixed sequence, so the fit is deterministic).
function rows(): FitRow[] {
  const out: FitRow[] = [];
  for (let i = 0; i < 2000; i++) {
    const margin = (i % 100) / 500; // 0 .. 0.198
    const noise = ((i * 7919) % 100) / 100;
    out.push({ features: { top: 0.75, margin, letters: 20 }, correct: margin * 5 + 0.3 * noise > 0.5 });
  }
  return out;
}

test('the fitted model gives a high confidence to large margins and a low one to small margins', () => {
  const model = fitConfidenceModel(rows(), 3000, 1);
  assert.ok(model.margin > 0, JSON.stringify(model));
  assert.ok(confidenceOf({ top: 0.75, margin: 0.19, letters: 20 }, model) > 0.9);
  assert.ok(confidenceOf({ top: 0.75, margin: 0.01, letters: 20 }, model) < 0.1);
  assert.throws(() => fitConfidenceModel([]), /no rows/);
});

test('the threshold maximises right − cost × wrong; a higher cost gives a higher threshold', () => {
  const data = rows();
  const model = fitConfidenceModel(data, 3000, 1);
  const t1 = chooseThreshold(data, model, 1);
  const t5 = chooseThreshold(data, model, 5);
  assert.ok(t5.threshold >= t1.threshold);
  assert.ok(t5.precision >= t1.precision);
  // Checked by brute force over the same candidates.
  for (const cand of [0.1, 0.3, 0.5, 0.7, 0.9]) {
    let u = 0;
    for (const r of data) if (confidenceOf(r.features, model) >= cand) u += r.correct ? 1 : -1;
    assert.ok(u <= t1.utility, `threshold ${cand} beats the chosen one`);
  }
});

test('top floors are the 1st percentile of the top score of right answers in each letter bucket', () => {
  const data: FitRow[] = [];
  for (let i = 0; i < 101; i++) data.push({ features: { top: 0.5 + i / 1000, margin: 0.1, letters: 30 }, correct: true });
  for (let i = 0; i < 101; i++) data.push({ features: { top: 0.6 + i / 1000, margin: 0.1, letters: 50 }, correct: true });
  data.push({ features: { top: 0.1, margin: 0.1, letters: 50 }, correct: false });
  const floors = fitTopFloors(data, [20, 40], 0.01);
  assert.deepEqual(floors.map((f) => f.minLetters), [20, 40]);
  assert.ok(Math.abs(floors[0]!.floor - 0.501) < 1e-9);
  assert.ok(Math.abs(floors[1]!.floor - 0.601) < 1e-9);
  assert.throws(() => fitTopFloors(data, [20, 40, 80], 0.01), /no right answer with 80–Infinity letters/);
});
