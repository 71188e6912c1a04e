import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createCategoryClassifier } from './classifier.ts';
import { parseCategoryCorpus } from './corpus.ts';
import { serializeModel } from './model-file.ts';
import { CATEGORY_IDS } from './taxonomy.ts';
import { fixtureLines } from './test-fixture.ts';
import { assignFolds, brandMask, DEFAULT_TRAIN_OPTIONS, trainCategoryModel, tuneThresholds } from './train.ts';

const records = parseCategoryCorpus([...fixtureLines('en', 4), ...fixtureLines('fr', 4)].join('\n'), 'fixture.jsonl');
const quick = { ...DEFAULT_TRAIN_OPTIONS, grid: [DEFAULT_TRAIN_OPTIONS.grid[0]!, { lambda: 0.03, features: { bigrams: false, charNgrams: [] } }] };

test('trains a model that classifies the mentions it learned from, reproducibly', () => {
  const a = trainCategoryModel(records, quick);
  const b = trainCategoryModel(records, quick);
  assert.equal(serializeModel(a.model), serializeModel(b.model));
  assert.deepEqual(a.model.languages, ['en', 'fr']);
  assert.equal(a.report.mentions, records.length);
  assert.deepEqual(a.report.byLanguage, { en: 104, fr: 104 });
  assert.equal(a.report.grid.length, 2);
  assert.ok(a.report.crossValidation.macro.f1 > 0.8, `cross-validated macro-F1 ${a.report.crossValidation.macro.f1}`);
  assert.deepEqual(Object.keys(a.report.thresholds), [...CATEGORY_IDS]);
  const c = createCategoryClassifier(a.model);
  assert.deepEqual(c.classify('Boycott Nexora until they stop, sign the petition', 'en'), ['boycott']);
  assert.deepEqual(c.classify('Le chargeur Nexora a pris feu cette nuit, le mur est brûlé', 'fr'), ['product_safety']);
  assert.deepEqual(c.classify('Nouvelles chaussures Nexora, super confortables', 'fr'), []);
});

test('brand names are hidden from the word features', () => {
  const mask = brandMask('Brosse & Fils', 'fr');
  assert.ok(mask !== undefined);
  for (const w of ['brosse', 'fils', 'brossefils', 'brossefilsfr']) assert.equal(mask(w), true, w);
  for (const w of ['brosses', 'panne', 'fil']) assert.equal(mask(w), false, w);
  assert.equal(brandMask(null, 'fr'), undefined);
  assert.equal(brandMask('X', 'en'), undefined);
});

test('a language without a lexicon is refused with its line', () => {
  const de = parseCategoryCorpus(`${fixtureLines('en', 1).join('\n')}\n${JSON.stringify({ id: 'de1', lang: 'de', text: 'Kaputt', categories: ['product_defect'] })}`, 'de.jsonl');
  assert.throws(() => trainCategoryModel(de, quick), /de\.jsonl:27: language "de" has no lexicon \(supported: en, fr\)/);
});

test('folds are seeded and grouped by brand, with balanced sizes', () => {
  const folds = assignFolds(records, 4, 7);
  assert.deepEqual(assignFolds(records, 4, 7), folds);
  assert.notDeepEqual(assignFolds(records, 4, 8), folds);
  const foldOf = new Map<string, number>();
  records.forEach((r, i) => {
    const key = `${r.lang}:${r.brand}`;
    const f = folds[i] as number;
    assert.equal(foldOf.get(key) ?? f, f, `${key} is split across folds`);
    foldOf.set(key, f);
  });
  // 8 brand groups of 26 mentions in 4 folds: two groups each.
  for (let f = 0; f < 4; f++) assert.equal(records.filter((_, i) => folds[i] === f).length, 52);
  // Mentions without a brand are dealt one by one.
  const noBrand = records.map((r) => ({ ...r, brand: null }));
  const loose = assignFolds(noBrand, 4, 7);
  for (let f = 0; f < 4; f++) assert.equal(noBrand.filter((_, i) => loose[i] === f).length, 52);
});

test('thresholds maximise the smoothed F1; a category with under 3 examples keeps 0.5', () => {
  const k = CATEGORY_IDS.length;
  // Category 0: positives score 0.7–0.8, negatives 0.1–0.3. Category 1: two positives only.
  const n = 20;
  const probs = new Float64Array(n * k);
  const examples = Array.from({ length: n }, (_, i) => {
    const labels = new Uint8Array(k);
    if (i < 8) labels[0] = 1;
    if (i < 2) labels[1] = 1;
    probs[i * k] = i < 8 ? 0.7 + (i % 3) * 0.05 : 0.1 + (i % 3) * 0.1;
    return { labels };
  });
  const t = tuneThresholds(probs, examples);
  assert.ok((t[0] as number) > 0.3 && (t[0] as number) <= 0.7, `threshold ${t[0]}`);
  assert.equal(t[1], 0.5);
});
