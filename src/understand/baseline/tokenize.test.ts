import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scan } from './tokenize.ts';

test('scan splits words on punctuation, spaces and apostrophes, lowercased', () => {
  assert.deepEqual(scan("C'est NUL, vraiment… #Brumeo @x https://t.co/a", false, true).tokens, [
    'c', 'est', 'nul', 'vraiment', 'brumeo', 'x', 'https', 't', 'co', 'a',
  ]);
  assert.deepEqual(scan('Déçue — très', false, true).tokens, ['déçue', 'très']);
  assert.deepEqual(scan('Привет мир', false, true).tokens, ['привет', 'мир']);
});

test('scan drops apostrophes inside words when asked', () => {
  assert.deepEqual(scan("I don’t like it's 'quoted'", true, true).tokens, ['i', 'dont', 'like', 'its', 'quoted']);
});

test('scan sums emoji scores, with or without variation selector, and returns no tokens when not asked', () => {
  const a = scan('bad 😡 ❤️ 👎🏽', false, false);
  assert.deepEqual(a.tokens, []);
  assert.equal(a.emoji, -4 + 3 - 3);
  assert.equal(scan('plain text', false, true).emoji, 0);
});
