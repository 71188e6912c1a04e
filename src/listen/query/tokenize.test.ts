import assert from 'node:assert/strict';
import { test } from 'node:test';
import { prepareDoc } from './doc.ts';
import { fold } from './fold.ts';
import { hashWord, words } from './tokenize.ts';

const doc = (text: string, extra: Partial<{ lang: string | null; authorHandle: string | null; urls: string[] }> = {}) =>
  prepareDoc({ text, lang: extra.lang ?? null, authorHandle: extra.authorHandle ?? null, urls: extra.urls ?? [] });

test('fold removes case and accents, spells out letters that do not decompose', () => {
  assert.equal(fold('CAFÉ Café cafe'), 'cafe cafe cafe');
  assert.equal(fold('Élan ŒUVRE Straße Øre ﬁn Ｌｕｍｏｒａ'), 'elan oeuvre strasse ore fin lumora');
  assert.equal(fold('e\u0301te\u0301'), 'ete', 'decomposed accents fold like composed ones');
  assert.equal(fold('ΟΔΟΣ οδος'), 'οδοσ οδοσ', 'final sigma folds to sigma');
  assert.equal(fold('plain ascii'), 'plain ascii');
});

test('French apostrophes and hyphens split words', () => {
  assert.deepEqual(words(fold("L'usine d’Aujourd'hui à Saint-Étienne")), ['l', 'usine', 'd', 'aujourd', 'hui', 'a', 'saint', 'etienne']);
});

test('each emoji is a word; variation selectors and joiners are not', () => {
  assert.deepEqual(words(fold('super☕️ 🔥🔥 👨‍👩‍👧')), ['super', '☕', '🔥', '🔥', '👨', '👩', '👧']);
});

test('a post gives words, hashtags, mentions and URLs', () => {
  const d = doc('Merci @LumoraCoffee pour le #ColdBrew! Voir https://Shop.Lumora.com/rappel. et www.exemple.fr/x), écrit à bob@mail.com');
  assert.deepEqual([...d.words], ['merci', 'lumoracoffee', 'pour', 'le', 'coldbrew', 'voir', 'et', 'ecrit', 'a', 'bob', 'mail', 'com']);
  assert.deepEqual([...d.hashtags], ['coldbrew']);
  assert.deepEqual([...d.mentions], ['lumoracoffee'], 'an e-mail address is not a mention');
  assert.deepEqual(d.urls, ['https://shop.lumora.com/rappel', 'www.exemple.fr/x']);
  assert.equal(d.size, d.words.length);
  assert.equal(d.wordSet.has('coldbrew'), true);
});

test('Bluesky and Mastodon handles are mentions, and their parts are words', () => {
  const d = doc('cc @lumora.bsky.social et @support@mastodon.social.');
  assert.deepEqual([...d.mentions].sort(), ['lumora.bsky.social', 'support', 'support@mastodon.social']);
  assert.deepEqual([...d.words], ['cc', 'lumora', 'bsky', 'social', 'et', 'support', 'mastodon', 'social']);
});

test('an HTML entity is not a hashtag, a hashtag glued to a word is not either', () => {
  const d = doc('l&#39;usine abc#def #ok');
  assert.deepEqual([...d.hashtags], ['ok']);
});

test('given URLs are added, the author handle and language are normalised', () => {
  const d = doc('rien', { urls: ['https://T.co/Abc'], authorHandle: '@Jean_Dupont', lang: 'FR-ca' });
  assert.deepEqual(d.urls, ['https://t.co/abc']);
  assert.equal(d.author, 'jean_dupont');
  assert.equal(d.lang, 'fr-ca');
  assert.equal(doc('x', { authorHandle: 'eva@mastodon.social' }).authorLocal, 'eva');
});

test('the scanner hashes each word as hashWord does', () => {
  const d = doc('Ça coûte 3€ 🔥 — Lumora_2 𝐁old');
  assert.deepEqual(d.hashes, d.words.map(hashWord));
  assert.ok(d.words.includes('bold'), 'mathematical letters fold to plain ones');
});

test('empty and punctuation-only texts give no words', () => {
  assert.equal(doc('').size, 0);
  assert.equal(doc('!!! ... ---').size, 0);
  assert.equal(doc('\ud800 lone surrogate').words.join(' '), 'lone surrogate');
});

test('indexOfWord and isWordAt find words by hash, and refuse a hash that matches another word', () => {
  const d = prepareDoc({ text: 'Brumeo, brumeos et BRUMEO encore', lang: null, authorHandle: null });
  const h = hashWord('brumeo');
  assert.equal(d.indexOfWord('brumeo', h, 0), 0);
  assert.equal(d.indexOfWord('brumeo', h, 1), 3);
  assert.equal(d.indexOfWord('brumeo', h, 4), -1);
  assert.equal(d.isWordAt(1, 'brumeo', h), false, 'a longer word is not the word');
  assert.equal(d.isWordAt(0, 'brumex', h), false, 'a right hash with the wrong word is refused');
  assert.equal(d.indexOfWord('absent', hashWord('absent'), 0), -1);
});

test('fold keeps unchanged characters and folds the others, wherever they are', () => {
  assert.equal(fold('L’Été'), 'l’ete');
  assert.equal(fold('É'), 'e');
  assert.equal(fold('Straße 😡 Œuvre'), 'strasse 😡 oeuvre');
  assert.equal(fold('a\ud800b'), 'a\ud800b', 'a lone surrogate is kept');
  assert.equal(fold('plain ascii'), 'plain ascii');
});
