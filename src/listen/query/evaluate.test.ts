import assert from 'node:assert/strict';
import { test } from 'node:test';
import { prepareDoc, type DocInput } from './doc.ts';
import { compileQuery } from './evaluate.ts';

function matches(query: string, text: string, extra: Partial<DocInput> = {}): boolean {
  const doc = prepareDoc({ text, lang: extra.lang ?? null, authorHandle: extra.authorHandle ?? null, urls: extra.urls ?? [] });
  return compileQuery(query).matches(doc);
}

test('AND, OR, NOT and implicit AND', () => {
  assert.equal(matches('lumora AND rappel', 'Lumora annonce un rappel'), true);
  assert.equal(matches('lumora AND rappel', 'Lumora annonce une promo'), false);
  assert.equal(matches('lumora rappel', 'rappel chez lumora'), true);
  assert.equal(matches('lumora rappel', 'rappel chez vautrin'), false);
  assert.equal(matches('rappel OR recall', 'big recall today'), true);
  assert.equal(matches('rappel OR recall', 'nothing here'), false);
  assert.equal(matches('lumora NOT promo', 'lumora rappel'), true);
  assert.equal(matches('lumora NOT promo', 'lumora promo'), false);
  assert.equal(matches('lumora -promo', 'lumora promo'), false);
  assert.equal(matches('lumora -"code promo"', 'lumora promo'), true);
  assert.equal(matches('lumora -"code promo"', 'lumora, code promo!'), false);
  assert.equal(matches('lumora -(promo OR concours)', 'lumora concours'), false);
  assert.equal(matches('lumora -(promo OR concours)', 'lumora rappel'), true);
  assert.equal(matches('NOT NOT lumora', 'lumora'), true);
});

test('operators are upper-case: lower-case "or" and "not" are words', () => {
  assert.equal(matches('lumora or vautrin', 'lumora vautrin'), false, 'needs the word "or"');
  assert.equal(matches('lumora or vautrin', 'lumora or vautrin'), true);
});

test('precedence: NOT > AND > OR, and parentheses override it', () => {
  // a OR b c  ==  a OR (b AND c)
  assert.equal(matches('lumora OR cafe rappel', 'lumora seul'), true);
  assert.equal(matches('lumora OR cafe rappel', 'cafe seul'), false);
  assert.equal(matches('lumora OR cafe rappel', 'cafe rappel'), true);
  // (a OR b) c
  assert.equal(matches('(lumora OR cafe) rappel', 'lumora seul'), false);
  assert.equal(matches('(lumora OR cafe) rappel', 'lumora rappel'), true);
  // NOT a OR b  ==  (NOT a) OR b
  assert.equal(matches('NOT lumora OR cafe', 'lumora cafe'), true);
  assert.equal(matches('NOT lumora OR cafe', 'lumora seul'), false);
  assert.equal(matches('NOT lumora OR cafe', 'autre chose'), true);
  // NOT a b  ==  (NOT a) AND b
  assert.equal(matches('NOT lumora cafe', 'cafe'), true);
  assert.equal(matches('NOT lumora cafe', 'lumora cafe'), false);
  assert.equal(matches('a AND b OR c AND d', 'c d'), true);
  assert.equal(matches('a AND b OR c AND d', 'a d'), false);
});

test('phrases: consecutive words, across punctuation and case, not across other words', () => {
  assert.equal(matches('"lumora coffee"', 'I love Lumora Coffee!'), true);
  assert.equal(matches('"lumora coffee"', 'LUMORA — coffee.'), true);
  assert.equal(matches('"lumora coffee"', 'lumora, the coffee'), false);
  assert.equal(matches('"lumora coffee"', 'coffee lumora'), false);
  assert.equal(matches('"saint etienne"', 'usine de Saint-Étienne'), true);
  assert.equal(matches('coca-cola', 'Coca Cola'), true, 'a hyphenated term is a phrase');
  assert.equal(matches('"rappel lumora"', 'rappel #Lumora'), true, 'hashtag bodies are words');
});

test('prefix wildcards', () => {
  assert.equal(matches('lumo*', 'Les LUMORAS sont là'), true);
  assert.equal(matches('lumo*', 'lum est autre'), false);
  assert.equal(matches('rapp*', 'Rappelé hier'), true);
  assert.equal(matches('élec*', 'electricite coupée'), true);
  assert.equal(matches('lumo* -lumora', 'lumoras'), true);
  assert.equal(matches('lumo* -lumora', 'lumora'), false);
});

test('NEAR/n in both orders, with distances', () => {
  assert.equal(matches('lumora NEAR/2 rappel', 'lumora rappel'), true);
  assert.equal(matches('lumora NEAR/2 rappel', 'rappel lumora'), true);
  assert.equal(matches('lumora NEAR/2 rappel', 'lumora lance rappel'), true);
  assert.equal(matches('lumora NEAR/2 rappel', 'lumora lance un rappel'), false);
  assert.equal(matches('lumora NEAR/3 rappel', 'rappel de tous lumora'), true);
  assert.equal(matches('lumora NEAR/3 rappel', 'rappel de tous les lumora'), false);
  assert.equal(matches('lumora NEAR/1 lumora', 'lumora'), false, 'operands do not overlap');
  assert.equal(matches('lumora NEAR/1 lumora', 'lumora lumora'), true);
  assert.equal(matches('"cold brew" NEAR/2 rapp*', 'Rappel du cold brew de Lumora'), true, 'the phrase starts 2 words after "rappel"');
  assert.equal(matches('"cold brew" NEAR/2 rapp*', 'Cold brew : on rappelle'), true);
  assert.equal(matches('"cold brew" NEAR/2 rapp*', 'Cold brew de notre cher ami, rappel'), false);
  assert.equal(matches('lumora NEAR/5 rappel', 'aucun des deux'), false);
});

test('case and accents are folded on both sides', () => {
  assert.equal(matches('cafe', 'Un CAFÉ svp'), true);
  assert.equal(matches('café', 'cafe'), true);
  assert.equal(matches('CAFÉ', 'Café'), true);
  assert.equal(matches('élan', 'ELAN'), true);
  assert.equal(matches('"creme brulee"', 'Crème Brûlée'), true);
  assert.equal(matches('straße', 'strasse'), true);
});

test('French apostrophes: "l\'usine" and "usine"', () => {
  assert.equal(matches('usine', "L'usine ferme"), true);
  assert.equal(matches('usine', 'L’usine ferme'), true);
  assert.equal(matches("l'usine", 'L’USINE ferme'), true);
  assert.equal(matches("l'usine", 'la usine'), false);
});

test('#hashtags and @handles', () => {
  assert.equal(matches('#ColdBrew', 'vive le #coldbrew'), true);
  assert.equal(matches('#ColdBrew', 'vive le cold brew'), false);
  assert.equal(matches('#ColdBrew', 'vive le coldbrew'), false, 'a hashtag query needs the hashtag');
  assert.equal(matches('coldbrew', 'vive le #coldbrew'), true, 'a word matches a hashtag body');
  assert.equal(matches('@LumoraCoffee', 'merci @lumoracoffee !'), true);
  assert.equal(matches('@lumoracoffee', 'merci lumoracoffee'), false);
  assert.equal(matches('@lumora', 'merci @lumora@mastodon.social'), true);
  assert.equal(matches('@lumora.bsky.social', 'cc @Lumora.bsky.social.'), true);
  assert.equal(matches('@lumora', 'écrire à contact@lumora.com'), false);
});

test('url: matches the host, a subdomain, or a substring, in the text or given URLs', () => {
  assert.equal(matches('url:lumora.com', 'voir https://lumora.com/rappel'), true);
  assert.equal(matches('url:lumora.com', 'voir https://shop.Lumora.com/x'), true);
  assert.equal(matches('url:lumora.com', 'voir https://example.org/x'), false);
  assert.equal(matches('url:lumora.com', 'lumora.com sans schéma'), false);
  assert.equal(matches('url:lumora.com', 'lien', { urls: ['https://t.co/x', 'https://www.lumora.com/'] }), true);
  assert.equal(matches('url:"lumora.com/rappel"', 'https://lumora.com/rappel-2024'), true);
});

test('lang: and from:', () => {
  assert.equal(matches('lumora lang:fr', 'lumora', { lang: 'fr' }), true);
  assert.equal(matches('lumora lang:fr', 'lumora', { lang: 'fr-CA' }), true);
  assert.equal(matches('lumora lang:fr', 'lumora', { lang: 'en' }), false);
  assert.equal(matches('lumora lang:fr', 'lumora', { lang: null }), false);
  assert.equal(matches('lumora -lang:en', 'lumora', { lang: null }), true);
  assert.equal(matches('from:LumoraCoffee', 'bonjour', { authorHandle: 'lumoracoffee' }), true);
  assert.equal(matches('from:@lumoracoffee', 'bonjour', { authorHandle: '@LumoraCoffee' }), true);
  assert.equal(matches('from:lumora', 'bonjour', { authorHandle: 'lumora@mastodon.social' }), true);
  assert.equal(matches('from:lumora', 'bonjour', { authorHandle: 'lumora2' }), false);
  assert.equal(matches('from:lumora', 'bonjour', { authorHandle: null }), false);
  assert.equal(matches('lumora -from:lumora', 'lumora', { authorHandle: 'lumora' }), false);
});

test('emoji terms', () => {
  assert.equal(matches('lumora 🔥', 'Lumora 🔥🔥'), true);
  assert.equal(matches('lumora 🔥', 'Lumora 👍'), false);
});

test('compileQuery keeps the source', () => {
  assert.equal(compileQuery('a OR b').source, 'a OR b');
});
