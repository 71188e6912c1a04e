import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { defaultModelPath, loadSentimentModel, sentimentFeatures, sentimentLogits } from './default-model.ts';
import { metrics } from './metrics.ts';
import { SentimentModelError } from './model-file.ts';
import { labelIndex } from './types.ts';

// The committed model (models/sentiment/vigie-sentiment-1.vsm), loaded as the pipeline loads it.

test('the built-in model loads once and judges plain English and French posts', () => {
  const model = loadSentimentModel();
  assert.equal(model, loadSentimentModel(), 'cached');
  assert.equal(model.id, 'vigie-sentiment-1');
  assert.deepEqual([...model.languages], ['en', 'fr']);
  const cases: [string, string | null, string][] = [
    ['I love this, thank you so much!', 'en', 'positive'],
    ['Worst customer service ever. Never buying again 😡', 'en', 'negative'],
    ['Merci beaucoup, équipe au top, je suis ravie !', 'fr', 'positive'],
    ['Livraison en retard, colis cassé, service client nul.', 'fr', 'negative'],
    ['Worst customer service ever. Never buying again 😡', null, 'negative'],
    ['Colis cassé et aucune réponse du service client, honteux', null, 'negative'],
  ];
  for (const [text, lang, label] of cases) assert.equal(model.predict(text, lang).label, label, text);
});

test('a missing or corrupt model file is a clear error', () => {
  assert.throws(() => loadSentimentModel('/nonexistent/model.vsm'), (e: Error) => e instanceof SentimentModelError && /\/nonexistent\/model\.vsm: cannot read/.test(e.message));
  assert.throws(() => loadSentimentModel(new URL(import.meta.url).pathname), /not a Vigie sentiment model/);
});

test('sentimentFeatures and sentimentLogits', () => {
  const f = sentimentFeatures('great job', 'en');
  assert.ok(f.length > 5);
  assert.deepEqual(sentimentFeatures('great job', 'en'), f);
  assert.equal(sentimentFeatures('', 'en').length, 0);
  const l = sentimentLogits('great job', 'en');
  assert.ok(l !== null && l.logits[2]! > l.logits[0]!);
  assert.ok(existsSync(defaultModelPath()));
});

const DATA = '/work/shared/data/sentiment';
const lines = (p: string): string[] => readFileSync(p, 'utf8').split('\n').filter((l, i, a) => l.length > 0 || i < a.length - 1);

test('targets on the validation sets: TweetEval macro-recall ≥ 0.65, UMSAB French macro-F1 ≥ 0.62', { skip: !existsSync(DATA) && 'no /work/shared/data' }, () => {
  const model = loadSentimentModel();
  const score = (dir: string, lang: string) => {
    const texts = lines(`${dir}/val_text.txt`);
    const gold = lines(`${dir}/val_labels.txt`).map(Number);
    const pred = texts.map((t) => labelIndex(model.predict(t, lang).label));
    return metrics(gold, pred);
  };
  assert.ok(score(`${DATA}/tweeteval-en`, 'en').macroRecall >= 0.65);
  assert.ok(score(`${DATA}/umsab/french`, 'fr').macroF1 >= 0.62);
});
