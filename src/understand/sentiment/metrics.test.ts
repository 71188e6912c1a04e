import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fitTemperature, meanNll, probabilities } from './calibrate.ts';
import { expectedCalibrationError, metrics } from './metrics.ts';

test('metrics: accuracy, macro-recall, macro-F1 and the confusion matrix', () => {
  const m = metrics([0, 0, 1, 1, 2, 2], [0, 1, 1, 1, 2, 0]);
  assert.equal(m.accuracy, 4 / 6);
  assert.deepEqual(m.recall, [0.5, 1, 0.5]);
  assert.equal(m.macroRecall, 2 / 3);
  assert.deepEqual(m.confusion, [[1, 1, 0], [0, 2, 0], [1, 0, 1]]);
  // F1: neg p=.5 r=.5 → .5; neu p=2/3 r=1 → .8; pos p=1 r=.5 → 2/3.
  assert.ok(Math.abs(m.macroF1 - (0.5 + 0.8 + 2 / 3) / 3) < 1e-12);
  assert.throws(() => metrics([0], []), /1 gold labels but 0 predictions/);
});

test('ECE is 0 for perfectly calibrated confidences and large for overconfident ones', () => {
  assert.equal(expectedCalibrationError([1, 0, 0, 0, 1, 0], [0, 1]), 0);
  assert.ok(expectedCalibrationError([0.99, 0.005, 0.005, 0.99, 0.005, 0.005], [0, 1]) > 0.4);
});

test('the fitted temperature lowers the NLL of overconfident logits and keeps the labels', () => {
  // Logits ×5 too large, with 30 % of labels wrong.
  const logits: number[] = [];
  const labels: number[] = [];
  for (let i = 0; i < 300; i++) {
    const k = i % 3;
    logits.push(...[0, 1, 2].map((j) => (j === k ? 10 : 0)));
    labels.push(i % 10 < 7 ? k : (k + 1) % 3);
  }
  const t = fitTemperature(logits, labels);
  assert.ok(t > 2, `temperature ${t}`);
  assert.ok(meanNll(logits, labels, t) < meanNll(logits, labels, 1));
  const p = probabilities(logits, t);
  assert.ok(Math.abs(p[0]! - 0.7) < 0.02, `calibrated top probability ${p[0]}`);
  assert.equal(fitTemperature([], []), 1);
});
