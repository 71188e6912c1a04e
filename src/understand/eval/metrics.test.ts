import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classificationMetrics, confusionMatrix, expectedCalibrationError, metricsFromConfusion } from './metrics.ts';

const close = (a: number, b: number, msg?: string) => assert.ok(Math.abs(a - b) < 1e-12, `${msg ?? ''} ${a} ≠ ${b}`);

test('confusion matrix rows are gold, columns predicted', () => {
  const m = confusionMatrix([0, 0, 1, 2, 2, 2], [0, 1, 1, 2, 0, 2], 3);
  assert.deepEqual(m, [
    [1, 1, 0],
    [0, 1, 0],
    [1, 0, 2],
  ]);
});

test('accuracy, per-class precision/recall/F1 and macro averages match a hand computation', () => {
  // gold:      0 0 0 0 1 1 1 2 2 2
  // predicted: 0 0 1 2 1 1 0 2 2 1
  const r = classificationMetrics([0, 0, 0, 0, 1, 1, 1, 2, 2, 2], [0, 0, 1, 2, 1, 1, 0, 2, 2, 1], 3);
  assert.equal(r.n, 10);
  close(r.accuracy, 0.6);
  const [neg, neu, pos] = r.perClass;
  close(neg!.precision, 2 / 3);
  close(neg!.recall, 2 / 4);
  close(neg!.f1, (2 * (2 / 3) * 0.5) / (2 / 3 + 0.5));
  close(neu!.precision, 2 / 4);
  close(neu!.recall, 2 / 3);
  close(pos!.precision, 2 / 3);
  close(pos!.recall, 2 / 3);
  close(pos!.f1, 2 / 3);
  assert.equal(neg!.support, 4);
  assert.equal(neu!.predicted, 4);
  close(r.macroRecall, (0.5 + 2 / 3 + 2 / 3) / 3);
  close(r.macroF1, (neg!.f1 + neu!.f1 + pos!.f1) / 3);
});

test('a class never seen nor predicted is left out of the macro averages; one predicted but absent counts as 0', () => {
  const r = classificationMetrics([0, 0, 2, 2], [0, 0, 2, 2], 3);
  close(r.macroRecall, 1);
  close(r.macroF1, 1);
  assert.equal(r.perClass[1]!.precision, 0);
  const wrong = classificationMetrics([0, 0, 2, 2], [0, 1, 2, 2], 3);
  // classes 0, 1 (predicted once, no support) and 2 are present: recall 0.5, 0, 1.
  close(wrong.macroRecall, 0.5);
  assert.equal(wrong.perClass[1]!.f1, 0);
});

test('metricsFromConfusion works on any k and copies the matrix', () => {
  const c = [
    [5, 0],
    [1, 4],
  ];
  const r = metricsFromConfusion(c);
  close(r.accuracy, 0.9);
  r.confusion[0]![0] = 99;
  assert.equal(c[0]![0], 5);
  assert.equal(metricsFromConfusion([]).accuracy, 0);
});

test('bad inputs are refused with what is wrong', () => {
  assert.throws(() => confusionMatrix([0, 1], [0], 2), /gold has 2 labels but predicted has 1/);
  assert.throws(() => confusionMatrix([0, 3], [0, 1], 3), /gold\[1\] = 3: labels must be integers in 0\.\.2/);
  assert.throws(() => confusionMatrix([0], [0.5], 3), /predicted\[0\] = 0\.5/);
  assert.throws(() => metricsFromConfusion([[1, 2], [3]]), /row 1 has 1 cells, expected 2/);
});

test('expected calibration error: 0 when confidence equals accuracy, |acc − conf| otherwise', () => {
  // Four items at confidence 0.75, three right: perfectly calibrated.
  const p = [0.75, 0.125, 0.125];
  assert.equal(expectedCalibrationError([p, p, p, p], [0, 0, 0, 1]), 0);
  // Two items at confidence 0.9, both wrong; two at 0.6, both right: (2×0.9 + 2×0.4) / 4.
  const r = expectedCalibrationError(
    [
      [0.9, 0.05, 0.05],
      [0.05, 0.9, 0.05],
      [0.2, 0.2, 0.6],
      [0.6, 0.2, 0.2],
    ],
    [1, 2, 2, 0],
  );
  close(r, (2 * 0.9 + 2 * 0.4) / 4);
  assert.equal(expectedCalibrationError([], []), 0);
  assert.throws(() => expectedCalibrationError([[1.5, 0]], [0]), /must be in \[0, 1\]/);
  assert.throws(() => expectedCalibrationError([[1, 0]], [0, 1]), /1 rows but gold has 2/);
});
