import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LanguageGuess } from './detect.ts';
import { charLength, evaluateLanguage, lengthBucket } from './evaluate.ts';

// A table of answers stands in for the detector: the evaluation's arithmetic is under test here.
const ANSWERS: Record<string, LanguageGuess> = {
  'bonjour à tous': { lang: 'fr', confidence: 0.9 },
  'salut': { lang: null, confidence: 0, reason: 'too-short' },
  'hello everyone, this is a post that is long enough to be in the middle bucket': { lang: 'en', confidence: 0.99 },
  'hola amigos': { lang: 'pt', confidence: 0.8 },
  'guten Tag': { lang: null, confidence: 0.4, reason: 'undetermined' },
};
const items = [
  { text: 'bonjour à tous', lang: 'fr' },
  { text: 'salut', lang: 'fr' },
  { text: 'hello everyone, this is a post that is long enough to be in the middle bucket', lang: 'en' },
  { text: 'hola amigos', lang: 'es' },
  { text: 'guten Tag', lang: 'de' },
];
const detect = (t: string) => ANSWERS[t] as LanguageGuess;

test('accuracy counts null as wrong; coverage and precision per language', () => {
  const e = evaluateLanguage(items, detect);
  assert.equal(e.n, 5);
  assert.equal(e.correct, 2);
  assert.equal(e.accuracy, 0.4);
  assert.equal(e.coverage, 0.6);
  assert.equal(e.precision, 2 / 3);
  const fr = e.perLanguage.find((l) => l.lang === 'fr');
  assert.deepEqual(fr, { lang: 'fr', n: 2, correct: 1, covered: 1, accuracy: 0.5, coverage: 0.5, precision: 1 });
  const de = e.perLanguage.find((l) => l.lang === 'de');
  assert.equal(de?.precision, 1); // nothing answered: no wrong answer
  assert.deepEqual(e.predictions, ['fr', null, 'en', 'pt', null]);
});

test('confusion includes null; reasons are counted; length buckets by characters', () => {
  const e = evaluateLanguage(items, detect);
  assert.deepEqual(e.confusion, { fr: { fr: 1, null: 1 }, en: { en: 1 }, es: { pt: 1 }, de: { null: 1 } });
  assert.deepEqual(e.reasons, { 'too-short': 1, undetermined: 1 });
  assert.deepEqual(e.byLength.map((b) => [b.bucket, b.n, b.correct]), [['<30', 4, 1], ['30-80', 1, 1], ['>80', 0, 0]]);
  assert.ok(e.textsPerSec > 0);
});

test('lengths count characters, not UTF-16 units; bucket bounds are < 30, 30–80, > 80', () => {
  assert.equal(charLength('😍😍'), 2);
  assert.equal(lengthBucket('x'.repeat(29)), '<30');
  assert.equal(lengthBucket('x'.repeat(30)), '30-80');
  assert.equal(lengthBucket('x'.repeat(80)), '30-80');
  assert.equal(lengthBucket('x'.repeat(81)), '>80');
  assert.equal(lengthBucket('😍'.repeat(29)), '<30');
});

test('the real detector is the default', () => {
  const e = evaluateLanguage([{ text: 'Le service client ne répond jamais au téléphone', lang: 'fr' }]);
  assert.equal(e.accuracy, 1);
});
