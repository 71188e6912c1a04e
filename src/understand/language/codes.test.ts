import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isIso6391, LANGUAGE_NAMES, parseLanguageCode } from './codes.ts';

test('ISO 639-1 codes as people write them: case, region and script suffixes', () => {
  assert.equal(parseLanguageCode('fr'), 'fr');
  assert.equal(parseLanguageCode(' EN '), 'en');
  assert.equal(parseLanguageCode('fr-FR'), 'fr');
  assert.equal(parseLanguageCode('pt_BR'), 'pt');
  assert.equal(parseLanguageCode('zh-Hans-CN'), 'zh');
  for (const bad of ['fra', 'french', 'xx', '', 'f', 'fr-', '12', 'und']) assert.equal(parseLanguageCode(bad), undefined, bad);
});

test('the full list has the 183 current codes; every named language is in it', () => {
  let n = 0;
  for (let a = 97; a <= 122; a++) for (let b = 97; b <= 122; b++) if (isIso6391(String.fromCharCode(a, b))) n++;
  assert.equal(n, 183);
  for (const code of LANGUAGE_NAMES.keys()) assert.ok(isIso6391(code), code);
  assert.equal(isIso6391('FR'), false);
});
