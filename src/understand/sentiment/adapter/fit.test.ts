import assert from 'node:assert/strict';
import { test } from 'node:test';
import { adaptPrediction, identityAdapter, isActive } from './adapter.ts';
import { adaptedModel } from './adapted-model.ts';
import { fitAdapter, featuresFor } from './fit.ts';
import { serialiseAdapter } from './serialise.ts';
import { TEST_BASE, luneAirRows } from './test-fixtures.ts';

const accuracy = (model: typeof TEST_BASE, rows: ReturnType<typeof luneAirRows>): number =>
  rows.filter((r) => model.predict(r.text, r.lang).label === r.label).length / rows.length;

test('the identity adapter gives back the base probabilities', () => {
  const start = { ...identityAdapter('lune-air', TEST_BASE.id, 1, 'none', 18), corrections: 1 };
  assert.ok(isActive(start));
  for (const text of ['great flight', 'awful awful day', 'flight to Lyon', 'good but bad']) {
    const base = TEST_BASE.predict(text, 'en');
    const adapted = adaptPrediction(start, base, featuresFor(text, 'en', {}), 'x');
    for (let k = 0; k < 3; k++) assert.ok(Math.abs(adapted.probs[k]! - base.probs[k]!) < 1e-12, `${text}: ${adapted.probs} vs ${base.probs}`);
    assert.equal(adapted.label, base.label);
  }
});

test("an adapter learns a brand's own words and label mix from its corrections", () => {
  const rows = luneAirRows(400);
  const train = rows.slice(0, 150);
  const held = rows.slice(150);
  const adapter = fitAdapter(train, TEST_BASE, { brandId: 'lune-air' });
  assert.equal(adapter.corrections, 150);
  const model = adaptedModel(TEST_BASE, adapter);
  assert.equal(model.id, 'test-base-1+brand-lune-air@150');
  const before = accuracy(TEST_BASE, held);
  const after = accuracy(model, held);
  assert.ok(before < 0.45, `the base model does not know the airline's words (${before})`);
  assert.ok(after > 0.95, `adapted accuracy ${after}`);
  const p = model.predict('@luneair lost bag again', 'en');
  assert.equal(p.label, 'negative');
  assert.equal(p.model, model.id);
  assert.ok(Math.abs(p.probs[0] + p.probs[1] + p.probs[2] - 1) < 1e-12);
  assert.equal(p.confidence, p.probs[0]);
  assert.equal(p.score, p.probs[2] - p.probs[0]);
});

test('below the minimum number of corrections the base model answers, id included', () => {
  const rows = luneAirRows(20);
  const nine = fitAdapter(rows.slice(0, 9), TEST_BASE, { brandId: 'lune-air' });
  assert.equal(nine.corrections, 9);
  assert.equal(adaptedModel(TEST_BASE, nine), TEST_BASE);
  const ten = fitAdapter(rows.slice(0, 10), TEST_BASE, { brandId: 'lune-air' });
  assert.equal(adaptedModel(TEST_BASE, ten).id, 'test-base-1+brand-lune-air@10');
  const three = fitAdapter(rows.slice(0, 3), TEST_BASE, { brandId: 'lune-air', minCorrections: 3 });
  assert.equal(adaptedModel(TEST_BASE, three).id, 'test-base-1+brand-lune-air@3');
});

test('empty texts and texts the base model abstains on are not learnt from, and abstentions pass through', () => {
  const rows = luneAirRows(30);
  const adapter = fitAdapter([...rows, { text: '  ', lang: 'en', label: 'positive' }, { text: 'Lune Air toujours en retard', lang: 'de', label: 'negative' }],
    TEST_BASE, { brandId: 'lune-air' });
  assert.equal(adapter.corrections, 30);
  const model = adaptedModel(TEST_BASE, adapter);
  assert.deepEqual(model.predict('Lune Air Verspätung', 'de'), TEST_BASE.predict('Lune Air Verspätung', 'de'));
  assert.deepEqual(model.predict('', 'en'), TEST_BASE.predict('', 'en'));
});

test('a few corrections move the adapter less than many: the pull to the start shrinks it', () => {
  const rows = luneAirRows(300);
  const distance = (a: ReturnType<typeof fitAdapter>): number =>
    Math.hypot(...a.bias, ...a.logProb.map((w, i) => w - (i % 4 === 0 ? 1 : 0)));
  const few = fitAdapter(rows.slice(0, 10), TEST_BASE, { brandId: 'b', textFeatures: false });
  const many = fitAdapter(rows, TEST_BASE, { brandId: 'b', textFeatures: false });
  const pinned = fitAdapter(rows, TEST_BASE, { brandId: 'b', textFeatures: false, l2: 1e6 });
  assert.ok(distance(few) < distance(many), `${distance(few)} vs ${distance(many)}`);
  assert.ok(distance(pinned) < 0.01, `a strong pull keeps the identity (${distance(pinned)})`);
  // Corrections that all say "positive" about texts the base model finds negative: ten do not flip
  // a clear negative that shares none of their words; more corrections move it further.
  const contrarian = (n: number) => adaptedModel(TEST_BASE, fitAdapter(
    Array.from({ length: n }, (_, i) => ({ text: `awful awful terrible ${i}`, lang: 'en', label: 'positive' as const })), TEST_BASE, { brandId: 'b' }));
  const ten = contrarian(10).predict('worst hate bad', 'en');
  assert.equal(ten.label, 'negative');
  assert.ok(contrarian(100).predict('worst hate bad', 'en').probs[2] > ten.probs[2] + 0.2);
});

test('the same corrections and seed give the same adapter; another seed another order', () => {
  const rows = luneAirRows(60);
  const a = JSON.stringify(serialiseAdapter(fitAdapter(rows, TEST_BASE, { brandId: 'b', seed: 3 })));
  assert.equal(JSON.stringify(serialiseAdapter(fitAdapter(rows, TEST_BASE, { brandId: 'b', seed: 3 }))), a);
  assert.notEqual(JSON.stringify(serialiseAdapter(fitAdapter(rows, TEST_BASE, { brandId: 'b', seed: 4 }))), a);
});

test('bad options are refused, naming the option', () => {
  const rows = luneAirRows(12);
  assert.throws(() => fitAdapter(rows, TEST_BASE, { brandId: 'b', epochs: 0 }), /adapter option epochs: expected an integer from 1 to 1000, got 0/);
  assert.throws(() => fitAdapter(rows, TEST_BASE, { brandId: 'b', learningRate: -1 }), /learningRate/);
  assert.throws(() => fitAdapter(rows, TEST_BASE, { brandId: 'b', l2: Number.NaN }), /l2: expected a number ≥ 0/);
  assert.throws(() => fitAdapter(rows, TEST_BASE, { brandId: 'b', featureBits: 30 }), /featureBits/);
  assert.throws(() => fitAdapter(rows, TEST_BASE, { brandId: '' }), /brandId/);
  assert.throws(() => fitAdapter(rows, TEST_BASE, { brandId: 'b', minCorrections: 0 }), /minCorrections/);
});
