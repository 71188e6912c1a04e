import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_INPUT_CHARS, prepareForDetection } from './prepare.ts';

test('URLs, e-mails, handles, RT, HTML entities and hashtags go', () => {
  const p = prepareForDetection('RT @Brosse_Fils: Ma brosse est cassée &amp; #SAV muet https://t.co/xYz12 www.exemple.fr contact@brosse.fr http');
  assert.equal(p.text, ': Ma brosse est cassée muet');
  assert.equal(p.letters, 21);
  assert.equal(p.binary, false);
});

test('hashtag words are used when the post has no other words', () => {
  assert.equal(prepareForDetection('#ServiceClient #jamaisplus 😡 @Brosse').text, 'ServiceClient jamaisplus 😡');
  assert.equal(prepareForDetection('ok #ServiceClient').text, 'ok ServiceClient');
  assert.equal(prepareForDetection('nul #SAV').text, 'nul');
});

test('NFKC: Arabic presentation forms and full-width Latin become ordinary letters', () => {
  assert.equal(prepareForDetection('ﺍﻵﻥ').text, 'الآن');
  assert.equal(prepareForDetection('Ｂｏｎｊｏｕｒ').text, 'Bonjour');
});

test('emoji, digits and punctuation are kept for the model but are not letters', () => {
  const p = prepareForDetection('😍😍 10/10 !!!');
  assert.equal(p.letters, 0);
  assert.equal(prepareForDetection('').letters, 0);
});

test('binary junk is flagged; a few stray control characters are only removed', () => {
  const junk = prepareForDetection('\u0000\u0001\u0002\u00ff\ufffd\ufffd\u0003abc\u0004\u0005');
  assert.equal(junk.binary, true);
  assert.equal(junk.text, '');
  const text = prepareForDetection('Le service client ne répond jamais au téléphone\u0000');
  assert.equal(text.binary, false);
  assert.equal(text.text, 'Le service client ne répond jamais au téléphone');
  assert.equal(prepareForDetection('\ud800 lone surrogates \udc00 here').text, 'lone surrogates here');
});

test('only the first MAX_INPUT_CHARS characters are looked at', () => {
  const p = prepareForDetection('a'.repeat(MAX_INPUT_CHARS) + ' bbbb');
  assert.equal(p.letters, MAX_INPUT_CHARS);
});
