import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_FEATURE_CONFIG, unigramIndex } from './features.ts';
import { LinearSentimentModel } from './linear-model.ts';
import type { SentimentModelData } from './model-file.ts';
import { SeededRandom } from './rng.ts';

const config = { ...DEFAULT_FEATURE_CONFIG, bits: 14 };

/** A hand-made model: "good"/"bon" push positive, "bad"/"mauvais" negative, in both heads. */
function handModel(): LinearSentimentModel {
  const head = (lang: string) => {
    const w = new Int8Array((1 << config.bits) * 3);
    const set = (word: string, k: number, v: number) => void (w[unigramIndex(word, config) * 3 + k] = v);
    for (const word of ['good', 'bon']) set(word, 2, 100);
    for (const word of ['bad', 'mauvais']) set(word, 0, 100);
    return { lang, scale: 0.05, temperature: 1, weights: w };
  };
  const data: SentimentModelData = { id: 'hand-1', languages: ['en', 'fr'], features: config, heads: [head('en'), head('fr')] };
  return new LinearSentimentModel(data);
}

const model = handModel();

test('predict: label, calibrated probabilities summing to 1, score and confidence', () => {
  const p = model.predict('this is good', 'en');
  assert.equal(p.label, 'positive');
  assert.ok(Math.abs(p.probs[0] + p.probs[1] + p.probs[2] - 1) < 1e-9);
  assert.ok(Math.abs(p.score - (p.probs[2] - p.probs[0])) < 1e-12);
  assert.equal(p.confidence, Math.max(...p.probs));
  assert.equal(p.model, 'hand-1');
  assert.equal(p.reason, undefined);
  assert.equal(model.predict('this is bad', 'en').label, 'negative');
  assert.equal(model.predict("c'est mauvais", 'fr-FR').label, 'negative');
  assert.equal(model.predict('this is bad', null).label, 'negative');
  assert.equal(model.predict('this is bad', 'und').reason, undefined, "X's \"und\" is no language, not an unsupported one");
});

test('unsupported languages and texts it cannot judge get a low-confidence neutral with a reason', () => {
  const cases: [string, string | null, string][] = [
    ['this is good', 'de', 'unsupported-language:de'],
    ['this is good', 'es-ES', 'unsupported-language:es'],
    ['', 'en', 'empty-text'],
    ['   \n\t ', null, 'empty-text'],
    ['abc\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008', 'en', 'binary-text'],
    ['this is good\u0000', 'en', 'binary-text'],
    ['\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd ok', null, 'binary-text'],
    ['!!! ??? ...', 'en', 'no-words'],
    ['https://example.com @someone', 'en', 'no-words'],
    ['Это очень плохой сервис, good', null, 'unsupported-script'],
    ['这个服务太糟糕了 good', 'en', 'unsupported-script'],
    ['der Service ist nicht gut und ich bin sehr sauer', null, 'unsupported-language:de'],
  ];
  for (const [text, lang, reason] of cases) {
    const p = model.predict(text, lang);
    assert.equal(p.reason, reason, `${JSON.stringify(text)} (${lang})`);
    assert.equal(p.label, 'neutral');
    assert.ok(p.confidence < 0.34);
  }
});

test('emoji-only texts are judged, mixed-script Latin texts too', () => {
  assert.equal(model.predict('😡😡😡', null).reason, undefined);
  assert.equal(model.predict('good 谢谢', 'en').label, 'positive');
});

test('a 100 kB text costs about what a long post costs', () => {
  const huge = `${'good '.repeat(20_000)}   `;
  const t0 = performance.now();
  for (let i = 0; i < 20; i++) model.predict(huge, 'en');
  const perText = (performance.now() - t0) / 20;
  assert.ok(perText < 5, `${perText.toFixed(2)} ms per 100 kB text`);
  assert.equal(model.predict(`${huge}\u0000`, 'en').label, 'positive', 'what lies past the cut is not read');
});

test('never throws on arbitrary strings (random code units, lone surrogates, odd tags)', () => {
  const rng = new SeededRandom(7);
  for (let i = 0; i < 2000; i++) {
    const n = Math.floor(rng.next() * 300);
    let s = '';
    for (let k = 0; k < n; k++) s += String.fromCharCode(Math.floor(rng.next() * (rng.next() < 0.8 ? 0x300 : 0x10000)));
    const p = model.predict(s, [null, 'en', 'fr', '', 'xx', 'FR'][i % 6]!);
    assert.ok(['negative', 'neutral', 'positive'].includes(p.label));
    assert.ok(Number.isFinite(p.score));
  }
  // Called from JavaScript with wrong types: still an answer.
  assert.equal(model.predict(undefined as unknown as string, null).reason, 'not-text');
  assert.equal(model.predict('good', 42 as unknown as string).reason, 'invalid-language-tag');
});

test('features and raw logits are exposed for adapters', () => {
  const choice = model.prepare('good', 'en');
  assert.deepEqual(choice, { kind: 'head', lang: 'en' });
  assert.ok(model.featureIndices().includes(unigramIndex('good', config)));
  const l = model.logits('good', 'en');
  assert.ok(l !== null && l.logits[2]! > l.logits[0]! && l.head === 'en');
  assert.equal(model.logits('', 'en'), null);
});
