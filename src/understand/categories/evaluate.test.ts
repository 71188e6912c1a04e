import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluateCorpus, evaluatePredictions, scoreRow } from './evaluate.ts';
import { parseCategoryCorpus } from './corpus.ts';

test('per-category, merged, none, micro, macro and exact match, computed by hand', () => {
  const gold = [['product_defect'], ['product_safety', 'customer_service'], ['none'], ['pricing'], ['none']];
  const pred = [['product_safety'], ['product_safety'], [], ['pricing', 'legal'], ['none']];
  const e = evaluatePredictions(gold, pred);
  assert.equal(e.mentions, 5);
  const row = (id: string) => e.rows.find((r) => r.category === id);
  assert.deepEqual(row('product_defect'), { category: 'product_defect', support: 1, predicted: 0, truePositives: 0, precision: 0, recall: 0, f1: 0 });
  assert.deepEqual(row('product_safety'), { category: 'product_safety', support: 1, predicted: 2, truePositives: 1, precision: 0.5, recall: 1, f1: 2 / 3 });
  assert.deepEqual(row('pricing'), { category: 'pricing', support: 1, predicted: 1, truePositives: 1, precision: 1, recall: 1, f1: 1 });
  assert.deepEqual(row('legal'), { category: 'legal', support: 0, predicted: 1, truePositives: 0, precision: 0, recall: 0, f1: 0 });
  // Defect or safety: gold in mentions 1 and 2, predicted in 1 and 2.
  assert.equal(e.defectOrSafety.precision, 1);
  assert.equal(e.defectOrSafety.recall, 1);
  // None: gold 3 and 5, predicted empty in 3 and 5.
  assert.deepEqual([e.none.support, e.none.predicted, e.none.truePositives], [2, 2, 2]);
  // Micro: gold decisions 4 (defect, safety, cs, pricing), predicted 4 (safety ×2, pricing, legal), 2 right.
  assert.deepEqual(e.micro, { precision: 0.5, recall: 0.5, f1: 0.5 });
  // Macro over the 4 categories with gold examples: defect 0, safety, customer_service 0, pricing 1.
  assert.equal(e.macro.recall, (0 + 1 + 0 + 1) / 4);
  assert.equal(e.macro.precision, (0 + 0.5 + 0 + 1) / 4);
  assert.ok(Math.abs(e.macro.f1 - (0 + 2 / 3 + 0 + 1) / 4) < 1e-12);
  // Exact: mentions 3 and 5 only.
  assert.equal(e.exactMatch, 2 / 5);
});

test('scoreRow follows zero_division = 0, and mismatched lengths are refused', () => {
  assert.deepEqual(scoreRow('x', 0, 0, 0), { category: 'x', support: 0, predicted: 0, truePositives: 0, precision: 0, recall: 0, f1: 0 });
  assert.throws(() => evaluatePredictions([['none']], []), /1 gold labels but 0 predictions/);
});

test('evaluateCorpus runs a predictor over records and keeps its predictions', () => {
  const records = parseCategoryCorpus(
    [
      JSON.stringify({ id: '1', lang: 'en', text: 'boycott them', categories: ['boycott'] }),
      JSON.stringify({ id: '2', lang: 'en', text: 'nice', categories: ['none'] }),
    ].join('\n'),
    'x.jsonl',
  );
  const { evaluation, predictions } = evaluateCorpus(records, (r) => (r.text.includes('boycott') ? ['boycott'] : []));
  assert.deepEqual(predictions, [['boycott'], []]);
  assert.equal(evaluation.exactMatch, 1);
  assert.equal(evaluation.micro.f1, 1);
});
