import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { CategoryModelError, parseModel, readModelFile, serializeModel, type CategoryModel } from './model-file.ts';
import { CATEGORY_IDS } from './taxonomy.ts';

const k = CATEGORY_IDS.length;
const model: CategoryModel = {
  name: 'test-model',
  languages: ['en', 'fr'],
  categories: [...CATEGORY_IDS],
  features: { bigrams: true, charNgrams: [4] },
  lexicons: { en: 'aaaa', fr: 'bbbb' },
  thresholds: CATEGORY_IDS.map((_, c) => (10 + c * 5) / 100), // already at the file's 6-decimal precision
  bias: CATEGORY_IDS.map((_, c) => -2 - c / 10),
  featureIds: Int32Array.from([-5, 3, 2_000_000_000]),
  weights: Float32Array.from({ length: 3 * k }, (_, i) => (i - 15) / 8),
  training: { seed: 1 },
};

test('a model survives serialisation: weights within one Int16 step, everything else unchanged', () => {
  const back = parseModel(serializeModel(model), 'm.json');
  assert.deepEqual({ ...back, weights: null }, { ...model, weights: null });
  const step = Math.max(...model.weights.map(Math.abs)) / 32767;
  assert.equal(back.weights.length, model.weights.length);
  model.weights.forEach((w, i) => assert.ok(Math.abs((back.weights[i] as number) - w) <= step / 2 + 1e-9, `weight ${i}`));
  // The largest weight is exact.
  assert.equal(Math.max(...back.weights.map(Math.abs)), Math.max(...model.weights.map(Math.abs)));
});

test('bad model files are refused with the field at fault', () => {
  const good = JSON.parse(serializeModel(model)) as Record<string, unknown>;
  const bad = (patch: Record<string, unknown>): string => JSON.stringify({ ...good, ...patch });
  const cases: [string, RegExp][] = [
    ['{', /category model m\.json: not valid JSON/],
    ['[]', /field "\(root\)" must be an object/],
    [bad({ format: 'other' }), /field "format" must be "vigie-categories"/],
    [bad({ version: 2 }), /field "version" must be 1 \(got 2\)/],
    [bad({ categories: ['pricing'] }), /field "categories" must be exactly product_defect, /],
    [bad({ thresholds: [0.5] }), /field "thresholds" must be a list of 10 numbers/],
    [bad({ thresholds: CATEGORY_IDS.map(() => 1) }), /field "thresholds" must be probabilities between 0 and 1/],
    [bad({ features: { bigrams: 'yes', charNgrams: [] } }), /field "features" must be/],
    [bad({ lexicons: { en: 'x' } }), /field "lexicons" must map every language/],
    [bad({ featureCount: 4 }), /field "featureIds" must decode to 16 bytes \(got 12\)/],
    [bad({ weights: 'AAAA' }), /field "weights" must decode to 60 bytes \(got 3\)/],
    [bad({ weightScale: -1 }), /field "weightScale" must be a positive number/],
  ];
  for (const [text, re] of cases) {
    assert.throws(() => parseModel(text, 'm.json'), (e: unknown) => e instanceof CategoryModelError && re.test(e.message), String(re));
  }
  assert.match(
    (() => {
      try {
        parseModel(bad({ version: 2 }), 'm.json');
      } catch (e) {
        return (e as Error).message;
      }
      return '';
    })(),
    /retrain it with `vigie train categories`/,
  );
});

test('reading a missing or corrupt file names it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-model-'));
  try {
    assert.throws(() => readModelFile(join(dir, 'none.json')), /category model .*none\.json: cannot read it/);
    writeFileSync(join(dir, 'm.json'), serializeModel(model));
    assert.equal(readModelFile(join(dir, 'm.json')).name, 'test-model');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
