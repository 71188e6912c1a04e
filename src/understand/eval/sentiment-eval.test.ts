import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { BatchSentimentModel, LabelIndex, SentimentModel, SentimentPrediction } from '../sentiment/types.ts';
import { abstain } from '../sentiment/types.ts';
import { evaluateSentiment } from './sentiment-eval.ts';

// A tiny keyword model: the evaluator's input, with answers known in advance.
function keywordPrediction(text: string, lang: string | null): SentimentPrediction {
  if (lang === 'de') return abstain('kw-1', 'unsupported-language:de');
  if (text.includes('love')) return { label: 'positive', probs: [0.1, 0.1, 0.8], score: 0.7, confidence: 0.8, model: 'kw-1' };
  if (text.includes('hate')) return { label: 'negative', probs: [0.8, 0.1, 0.1], score: -0.7, confidence: 0.8, model: 'kw-1' };
  return { label: 'neutral', probs: [0.2, 0.6, 0.2], score: 0, confidence: 0.6, model: 'kw-1' };
}
const keywords: SentimentModel = { id: 'kw-1', languages: ['en'], predict: keywordPrediction };

const texts = ['I love it', 'I hate it', 'it is a phone', 'love and hate', 'no idea'];
const gold: LabelIndex[] = [2, 0, 1, 0, 2];

test('scores a synchronous model: metrics, predictions in order, calibration, speed', async () => {
  const r = await evaluateSentiment(texts, gold, keywords, { lang: 'en' });
  assert.equal(r.model, 'kw-1');
  assert.deepEqual(r.predictions, [2, 0, 1, 2, 1]);
  assert.equal(r.n, 5);
  assert.equal(r.accuracy, 3 / 5);
  assert.deepEqual(r.confusion, [
    [1, 0, 1],
    [0, 1, 0],
    [0, 1, 1],
  ]);
  // Bins: 0.8 → 3 items, 2 right; 0.6 → 2 items, 1 right: (|2 − 2.4| + |1 − 1.2|) / 5.
  assert.ok(Math.abs(r.ece - (0.4 + 0.2) / 5) < 1e-12);
  assert.ok(r.textsPerSec > 0 && Number.isFinite(r.textsPerSec));
  assert.deepEqual(r.abstained, {});
});

test('the language goes to the model for every text; abstentions are counted by reason', async () => {
  const r = await evaluateSentiment(texts, gold, keywords, { lang: 'de' });
  assert.deepEqual(r.predictions, [1, 1, 1, 1, 1]);
  assert.deepEqual(r.abstained, { 'unsupported-language:de': 5 });
});

test('a batch model is called in batches of the given size and gives the same scores', async () => {
  const sizes: number[] = [];
  const batch: BatchSentimentModel = {
    id: 'kw-batch',
    languages: ['en'],
    async predictBatch(items) {
      sizes.push(items.length);
      return items.map((i) => ({ ...keywordPrediction(i.text, i.lang), model: 'kw-batch' }));
    },
    async close() {},
  };
  const r = await evaluateSentiment(texts, gold, batch, { lang: null, batchSize: 2 });
  assert.deepEqual(sizes, [2, 2, 1]);
  assert.deepEqual(r.predictions, [2, 0, 1, 2, 1]);
  assert.equal(r.model, 'kw-batch');
});

test('an invalid prediction or a short batch answer is a clear error', async () => {
  const broken: SentimentModel = { id: 'broken', languages: [], predict: () => ({ label: 'angry' }) as unknown as SentimentPrediction };
  await assert.rejects(evaluateSentiment(['x'], [1], broken, { lang: null }), /model broken returned an invalid prediction for text 1/);
  const short: BatchSentimentModel = { id: 'short', languages: [], predictBatch: async () => [], close: async () => {} };
  await assert.rejects(evaluateSentiment(['x', 'y'], [1, 1], short, { lang: null }), /returned 0 predictions for 2 texts/);
  await assert.rejects(evaluateSentiment(['x'], [], keywords, { lang: null }), /1 texts but 0 labels/);
});
