import assert from 'node:assert/strict';
import { test } from 'node:test';
import { adaptedModel } from './adapted-model.ts';
import { fitAdapter } from './fit.ts';
import { parseAdapter, serialiseAdapter } from './serialise.ts';
import { TEST_BASE, luneAirRows } from './test-fixtures.ts';

test('an adapter survives JSON: same predictions, same document', () => {
  const rows = luneAirRows(80);
  const adapter = fitAdapter(rows, TEST_BASE, { brandId: 'lune-air' });
  const json = JSON.parse(JSON.stringify(serialiseAdapter(adapter))) as unknown;
  const back = parseAdapter(json);
  assert.deepEqual(serialiseAdapter(back), json);
  const a = adaptedModel(TEST_BASE, adapter);
  const b = adaptedModel(TEST_BASE, back);
  for (const r of luneAirRows(20, 99)) assert.deepEqual(b.predict(r.text, r.lang), a.predict(r.text, r.lang));
  assert.ok(serialiseAdapter(adapter).words.length > 10);
});

test('a bad adapter document is refused, saying what and where', () => {
  const good = serialiseAdapter(fitAdapter(luneAirRows(20), TEST_BASE, { brandId: 'lune-air' }));
  assert.throws(() => parseAdapter({ ...good, format: 'other' }, 'cache/lune-air.json'), /cache\/lune-air\.json is not a valid sentiment adapter: format/);
  assert.throws(() => parseAdapter({ ...good, bias: [0, 0] }), /bias: /);
  assert.throws(() => parseAdapter({ ...good, words: [[1, 0, 0, 'x']] }), /words\.0\.3/);
  assert.throws(() => parseAdapter({ ...good, words: [[2 ** 18, 0, 0, 0]] }), /bucket 262144 is outside 0…262143/);
  assert.throws(() => parseAdapter(null), /\(document\)/);
});

test('an adapter refuses another base model or text features it cannot compute', () => {
  const adapter = fitAdapter(luneAirRows(20), TEST_BASE, { brandId: 'lune-air' });
  assert.throws(() => adaptedModel({ ...TEST_BASE, id: 'other-2' }, adapter),
    /the adapter of brand lune-air was fitted on model test-base-1, not other-2: refit it from the corrections/);
  assert.throws(() => adaptedModel(TEST_BASE, { ...adapter, textFeatures: 'chars-9' }), /text features chars-9/);
});
