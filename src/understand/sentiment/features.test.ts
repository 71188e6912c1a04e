import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_FEATURE_CONFIG, FeatureExtractor, guessLanguage, unigramIndex, validateFeatureConfig } from './features.ts';

const ex = new FeatureExtractor();
const features = (text: string, lang: string | null = null): number[] => {
  const n = ex.extract(text, lang);
  return [...ex.features.subarray(0, n)].sort((a, b) => a - b);
};

test('the same text gives the same features; a different word changes them', () => {
  assert.deepEqual(features('I love this phone'), features('I love this phone'));
  assert.notDeepEqual(features('I love this phone'), features('I hate this phone'));
});

test('words are lowercased, accents folded and elongations squeezed', () => {
  assert.deepEqual(features('Génial'), features('genial'));
  assert.deepEqual(features('sooooo good'), features('sooo good'));
  assert.ok(features("C'est génial").includes(unigramIndex('génial')));
  assert.ok(features('cooooool').includes(unigramIndex('cool')));
});

test('a negation marks the words after it, up to a punctuation mark', () => {
  const good = unigramIndex('good');
  assert.ok(features('good').includes(good));
  assert.ok(!features('not good').includes(good), 'negated "good" must not be the plain unigram');
  assert.ok(features('not now. good').includes(good), 'the full stop ends the scope');
  assert.ok(!features("don't like it, good").includes(unigramIndex('like')));
  assert.ok(!features("je n'aime pas").includes(unigramIndex('aime')), 'French ne … negates');
});

test('URLs and handles become one token whatever they are', () => {
  assert.deepEqual(features('look https://t.co/abc123 now'), features('look http now'));
  assert.deepEqual(features('@bob_the_builder thanks'), features('@user thanks'));
});

test('emoji and emoticons are features', () => {
  assert.notDeepEqual(features('ok 😡'), features('ok 😍'));
  ex.extract('great :) :-(', null);
  assert.equal(ex.stats.emoji, 2);
  ex.extract('😡😡', null);
  assert.equal(ex.stats.emoji, 2);
  assert.equal(ex.stats.words, 0);
});

test('a huge text is cut: it costs no more than maxChars', () => {
  const huge = 'this is terrible '.repeat(6000);
  const n = ex.extract(huge, 'en');
  assert.ok(ex.stats.truncated);
  assert.equal(ex.stats.length, DEFAULT_FEATURE_CONFIG.maxChars);
  assert.ok(n < ex.features.length);
});

test('binary and non-Latin text are counted for the model to abstain', () => {
  ex.extract('\u0001\u0002\u0003abc\u0004', null);
  assert.equal(ex.stats.binary, 4);
  ex.extract('Привет, как дела? ok', null);
  assert.ok(ex.stats.otherLetters > ex.stats.latinLetters);
});

test('function words tell the language of an untagged text', () => {
  const guess = (t: string): string | null => {
    ex.extract(t, null);
    return guessLanguage(ex.stats);
  };
  assert.equal(guess("je ne suis pas content de la livraison"), 'fr');
  assert.equal(guess('the delivery was late and I am not happy'), 'en');
  assert.equal(guess('ich bin mit der Lieferung nicht zufrieden'), 'de');
  assert.equal(guess('super'), null);
});

test('settings out of range are refused with the setting named', () => {
  assert.throws(() => validateFeatureConfig({ ...DEFAULT_FEATURE_CONFIG, bits: 40 }), /bits must be an integer from 10 to 24/);
  assert.throws(() => validateFeatureConfig({ ...DEFAULT_FEATURE_CONFIG, charMin: 6, charMax: 4 }), /charMin/);
});
