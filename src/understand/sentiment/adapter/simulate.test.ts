import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scores } from './scores.ts';
import { simulateCorrections, type LabelledRow } from './simulate.ts';
import { TEST_BASE, luneAirRows } from './test-fixtures.ts';

/** Lune Air (the adapter can learn its words) and Soleil Bank (general words the base model already knows). */
function rows(): LabelledRow[] {
  const air = luneAirRows(500).map((r) => ({ ...r, brand: 'lune-air' }));
  const bank = Array.from({ length: 60 }, (_, i): LabelledRow => ({
    text: i % 2 === 0 ? `Soleil Bank great app ${i}` : `Soleil Bank awful fees ${i}`, lang: 'en', label: i % 2 === 0 ? 'positive' : 'negative', brand: 'soleil-bank',
  }));
  return [...bank, ...air];
}

test('scores: accuracy and macro-F1 over the classes present in gold or predictions (as scikit-learn)', () => {
  assert.deepEqual(scores([0, 1, 2, 2], [0, 1, 2, 2]), { n: 4, accuracy: 1, macroF1: 1 });
  const s = scores([0, 0, 2, 2], [0, 1, 2, 0]);
  assert.equal(s.accuracy, 0.5);
  // negative: p 1/2, r 1/2 → 0.5; positive: p 1, r 1/2 → 2/3; neutral predicted once, never right → 0.
  assert.ok(Math.abs(s.macroF1 - (0.5 + 2 / 3 + 0) / 3) < 1e-12);
  assert.deepEqual(scores([], []), { n: 0, accuracy: 0, macroF1: 0 });
  assert.throws(() => scores([0], []), /1 gold labels but 0 predictions/);
});

test('the simulation scores base and adapted models per brand, pooled, and along the learning curve', () => {
  const report = simulateCorrections(rows(), TEST_BASE, { trainShare: 0.5, seed: 1 });
  assert.equal(report.baseModel, 'test-base-1');
  assert.deepEqual(report.brands.map((b) => [b.brand, b.rows, b.corrections, b.base.n]), [['lune-air', 500, 250, 250], ['soleil-bank', 60, 30, 30]]);
  const air = report.brands[0]!;
  assert.ok(air.gain.accuracy > 0.4 && air.gain.macroF1 > 0.4, JSON.stringify(air.gain));
  assert.ok(Math.abs(air.gain.accuracy - (air.adapted.accuracy - air.base.accuracy)) < 1e-12);
  assert.deepEqual(air.curve.map((p) => p.corrections), [10, 25, 50, 100, 200]);
  assert.ok(air.curve[4]!.gain.accuracy > air.curve[0]!.gain.accuracy, 'more corrections, more gain');
  const bank = report.brands[1]!;
  assert.equal(bank.base.accuracy, 1);
  assert.ok(bank.adapted.accuracy >= 0.95, 'the adapter does not spoil what the base model already gets right');
  assert.deepEqual(bank.curve.map((p) => p.corrections), [10, 25]);
  assert.equal(report.overall.base.n, 280);
  assert.deepEqual(report.curve.map((p) => [p.corrections, p.brands, p.base.n]), [[10, 2, 280], [25, 2, 280], [50, 1, 250], [100, 1, 250], [200, 1, 250]]);
  assert.deepEqual(simulateCorrections(rows(), TEST_BASE, { trainShare: 0.5, seed: 1 }), report, 'same seed, same report');
  const other = simulateCorrections(rows(), TEST_BASE, { trainShare: 0.5, seed: 2 });
  assert.notDeepEqual(other.brands[0]!.base, air.base, 'another seed holds back other rows');
});

test('the simulation refuses a share outside (0, 1)', () => {
  assert.throws(() => simulateCorrections(rows(), TEST_BASE, { trainShare: 1, seed: 1 }), /trainShare must be between 0 and 1/);
  assert.throws(() => simulateCorrections(rows(), TEST_BASE, { trainShare: 0, seed: 1 }), /trainShare/);
});
