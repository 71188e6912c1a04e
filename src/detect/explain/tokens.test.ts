import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_SCANNED_CHARS, termKey, Tokenizer } from './tokens.ts';

function terms(text: string): string[] {
  const t = new Tokenizer().read(text, true);
  return Array.from({ length: t.count }, (_, i) => t.term(i));
}

test('terms are folded (case, accents, ligatures), distinct, without stop words, numbers or one-letter words', () => {
  assert.deepEqual(terms("L'EXPLOSION du Couvercle : l’explosion, ŒUVRE de la Straße, 2024 x naïve"), ['explosion', 'couvercle', 'oeuvre', 'strasse', 'naive']);
  assert.deepEqual(terms('The lid of my cooker is broken and I am not happy with it'), ['lid', 'cooker', 'broken', 'happy']);
});

test('URLs and @handles give no term; hashtags are apart, as "#tag"', () => {
  assert.deepEqual(terms('Lisez https://t.co/AbC123 et HTTP://x.fr/y www.kerlann.fr @Kerlann_SAV @jean.dupont@mastodon.social #Rappel #rappel rappel'), [
    'lisez',
    '#rappel',
    'rappel',
  ]);
  // "#" inside a word or an HTML entity is no hashtag; an e-mail address is no handle.
  assert.deepEqual(terms('c#sharp contact@kerlann.fr'), ['sharp', 'contact', 'kerlann', 'fr']);
});

test('a term is counted under the key termKey gives its text', () => {
  const t = new Tokenizer().read('Explosion du couvercle #Rappel', true);
  for (let i = 0; i < t.count; i++) assert.equal(t.keys[i], termKey(t.term(i)));
  assert.notEqual(termKey('#rappel'), termKey('rappel'));
});

test('"RT @handle:" is read as a repost: no fingerprint, the handle and the start of the text', () => {
  const t = new Tokenizer().read('RT @Cuisine_de_Lea: ALERTE : l’autocuiseur Kerlann a explosé', true);
  assert.deepEqual(t.retweet, { handle: 'cuisine_de_lea', gist: 'alerte : l’autocuiseur kerlann a explose' });
  assert.equal(t.fp0 | t.fp1, 0);
  assert.ok(Array.from({ length: t.count }, (_, i) => t.term(i)).includes('autocuiseur'));
  const plain = new Tokenizer().read('Ils disent RT @x: non', true);
  assert.equal(plain.retweet, null);
});

test('only the first MAX_SCANNED_CHARS characters are read; any text is read without error', () => {
  const long = `${'mot '.repeat(MAX_SCANNED_CHARS / 4)}lointain`;
  assert.ok(!terms(long).includes('lointain'));
  for (const odd of ['', '@', '#', 'rt @', '\ud83d', 'http://', '½'.repeat(5000), '😱😱 ﬁn ㎒']) assert.doesNotThrow(() => terms(odd));
  assert.deepEqual(terms('😱😱 ﬁnal'), ['final']);
});

test('the tokenizer holds nothing from one text to the next', () => {
  const t = new Tokenizer();
  t.read('alpha beta alpha', true);
  const second = t.read('beta gamma', true);
  assert.equal(second.count, 2);
  assert.deepEqual([second.term(0), second.term(1)], ['beta', 'gamma']);
});
