import assert from 'node:assert/strict';
import { test } from 'node:test';
import { foldForSearch, searchQuery, searchTokens, searchVector } from './search-vector.ts';

test('folds case, accents, ligatures and letters that do not decompose', () => {
  assert.equal(foldForSearch('Le CAFÉ de la Gare'), 'le cafe de la gare');
  assert.equal(foldForSearch('Œuvre Straße Søren Łódź ﬁn Ｌｕｎｅ'), 'oeuvre strasse soren lodz fin lune');
  assert.equal(foldForSearch('plain ascii 123'), 'plain ascii 123');
});

test('a text becomes its distinct words, in order; punctuation, emoji and URLs separate words', () => {
  assert.deepEqual(searchTokens("L'éclair, l'ÉCLAIR et le café… 😡 https://example.org/p/ n°2"),
    ['l', 'eclair', 'et', 'le', 'cafe', 'https', 'example', 'org', 'p', 'n', '2']);
  assert.deepEqual(searchTokens(''), []);
  assert.deepEqual(searchTokens('🙂 … --'), []);
});

test('the tsvector literal quotes each word; a word too long for a lexeme is left out', () => {
  assert.equal(searchVector('Thé glacé and croissant'), "'the' 'glace' 'and' 'croissant'");
  assert.equal(searchVector(''), '');
  assert.equal(searchVector(`court ${'a'.repeat(5000)} mot`), "'court' 'mot'");
});

test('a very long text is indexed up to the size a tsvector can hold, without throwing', () => {
  const words = Array.from({ length: 200_000 }, (_, i) => `w${i}`).join(' ');
  const tokens = searchTokens(words);
  assert.ok(tokens.length > 10_000 && tokens.length < 200_000, `${tokens.length} words kept`);
  assert.ok(tokens.reduce((n, w) => n + w.length * 3 + 3, 0) < 1_048_576);
});

test('a query requires every folded word, and nothing when folding leaves no word', () => {
  assert.equal(searchQuery(['Café', 'GARE']), "'cafe' & 'gare'");
  assert.equal(searchQuery(['ﬁn']), "'fin'");
  assert.equal(searchQuery(['\u0301']), null);
});
