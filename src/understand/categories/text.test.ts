import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CURRENCY, fold, hashPair, hashString, words } from './text.ts';

test('words: lowercased runs of letters and digits; hashtags, handles and hyphens split as expected', () => {
  assert.deepEqual(words('#BoycottX @Kerlann_FR mise-à-jour 24h!!', 'split'), ['boycottx', 'kerlann', 'fr', 'mise', 'à', 'jour', '24h']);
  assert.deepEqual(words('  ', 'split'), []);
  assert.deepEqual(words('Ça RAME 🙄🙄 grave', 'split'), ['ça', 'rame', 'grave']);
});

test('words: apostrophes split French words and join English ones', () => {
  assert.deepEqual(words("l'appli n’est pas", 'split'), ['l', 'appli', 'n', 'est', 'pas']);
  assert.deepEqual(words("I can't log in, don’t", 'join'), ['i', 'cant', 'log', 'in', 'dont']);
  assert.deepEqual(words("rock 'n' roll'", 'join'), ['rock', 'n', 'roll']);
});

test('words: currency signs and % become words of their own', () => {
  assert.deepEqual(words('£35 fee, +20% and 4,99€ or $5', 'join'), [CURRENCY, '35', 'fee', '20', '%', 'and', '4', '99', CURRENCY, 'or', CURRENCY, '5']);
});

test('words: stops at maxWords', () => {
  assert.deepEqual(words('a b c d e', 'split', 3), ['a', 'b', 'c']);
});

test('fold: removes accents and ligatures, cuts letter runs of 3+ to one, keeps doubles and digits', () => {
  assert.equal(fold('brûlé'), 'brule');
  assert.equal(fold('cœur'), 'coeur');
  assert.equal(fold('nuuuul'), 'nul');
  assert.equal(fold('scaaaam'), 'scam');
  assert.equal(fold('annulé'), 'annule');
  assert.equal(fold('appli'), 'appli');
  assert.equal(fold('1000'), '1000');
  assert.equal(fold('e\u0301te\u0301'), 'ete'); // decomposed accents
});

test('hashes are stable 32-bit values and order matters for pairs', () => {
  assert.equal(hashString('panne'), hashString('panne'));
  assert.notEqual(hashString('panne'), hashString('pannes'));
  assert.notEqual(hashString('panne', 1), hashString('panne', 2));
  const a = hashString('ne');
  const b = hashString('marche');
  assert.notEqual(hashPair(a, b), hashPair(b, a));
  for (const h of [a, b, hashPair(a, b)]) assert.ok(Number.isInteger(h) && h >= 0 && h < 2 ** 32);
  // Pinned: a model file stores these ids, so the hash must not change silently.
  assert.equal(hashString('panne'), 316980347);
});

test('words: clause numbers change at punctuation and line breaks', () => {
  const clauses: number[] = [];
  assert.deepEqual(words('pas de souci, panne ! (vraiment)\nfin', 'split', 400, clauses), ['pas', 'de', 'souci', 'panne', 'vraiment', 'fin']);
  assert.deepEqual(clauses, [0, 0, 0, 1, 3, 5]);
});
