import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { createCategoryClassifier, DEFAULT_MODEL_PATH, loadCategoryModel } from './classifier.ts';
import { createLexiconBaseline } from './lexicon-baseline.ts';
import { supportedLanguage } from './lexicons.ts';
import { readModelFile } from './model-file.ts';
import { CATEGORY_IDS } from './taxonomy.ts';

// The shipped model (models/categories/vigie-categories-1.json, committed with the code).

test('the shipped model loads once, serves French and English, and matches the current lexicons', () => {
  assert.ok(existsSync(DEFAULT_MODEL_PATH), DEFAULT_MODEL_PATH);
  const c = loadCategoryModel();
  assert.equal(loadCategoryModel(), c);
  assert.equal(c.name, 'vigie-categories-1');
  assert.deepEqual([...c.languages].sort(), ['en', 'fr']);
  assert.equal(c.lexiconsMatch, true, 'a lexicon changed after training: run `vigie train categories` and commit the model');
});

const CLEAR: readonly [lang: string, text: string, category: string][] = [
  ['fr', 'Le chargeur a pris feu cette nuit, la prise a fondu, on aurait pu y passer', 'product_safety'],
  ['fr', "Impossible de se connecter à l'appli depuis ce matin, panne chez tout le monde ?", 'service_outage'],
  ['fr', 'Fuite de données : nos noms, adresses et mots de passe sont en vente sur le dark web', 'data_breach'],
  ['fr', 'Appel au boycott de la marque, signez la pétition et partagez', 'boycott'],
  ['en', 'They charged me twice this month and the price went up again, total rip off', 'pricing'],
  ['en', 'Class action lawsuit filed against them in federal court', 'legal'],
  ['en', 'Three weeks and customer service still has not replied to my emails', 'customer_service'],
];

test('the shipped model finds clear triggers in both languages', () => {
  const c = loadCategoryModel();
  for (const [lang, text, category] of CLEAR) {
    assert.ok(c.classify(text, lang).includes(category), `${lang} "${text}": ${JSON.stringify(c.classify(text, lang))}, expected ${category}`);
  }
});

test('no trigger, empty text and unsupported languages give an empty list; region tags are accepted', () => {
  const c = loadCategoryModel();
  assert.deepEqual(c.classify('Merci pour le café ce matin, à demain', 'fr'), []);
  assert.deepEqual(c.classify('', 'en'), []);
  assert.deepEqual(c.classify('Der Akku ist explodiert, Boykott!', 'de'), []);
  assert.deepEqual(c.classify('Boycott them, sign the petition', 'xx-unknown'), []);
  assert.equal(c.scores('anything', 'de'), null);
  const text = 'Appel au boycott de la marque, signez la pétition et partagez';
  assert.deepEqual(c.classify(text, 'fr-FR'), c.classify(text, 'fr'));
  assert.equal(supportedLanguage('EN_gb'), 'en');
  assert.equal(supportedLanguage('english'), null);
});

test('a text of unknown language is read in both languages', () => {
  const c = loadCategoryModel();
  const fr = 'Appel au boycott de la marque, signez la pétition et partagez';
  assert.ok(c.classify(fr, null).includes('boycott'));
  const en = 'Class action lawsuit filed against them in federal court';
  assert.ok(c.classify(en, null).includes('legal'));
});

test('scores explain a decision: probabilities against thresholds, and the lexicon entries found', () => {
  const c = loadCategoryModel();
  const text = 'Le chargeur a pris feu cette nuit, la prise a fondu';
  const s = c.scores(text, 'fr');
  assert.ok(s !== null);
  assert.deepEqual(s.langs, ['fr']);
  assert.equal(s.scores.length, CATEGORY_IDS.length);
  for (let i = 1; i < s.scores.length; i++) assert.ok((s.scores[i - 1]?.probability ?? 0) >= (s.scores[i]?.probability ?? 0));
  assert.deepEqual(s.scores.filter((x) => x.selected).map((x) => x.category).sort(), [...c.classify(text, 'fr')].sort());
  for (const x of s.scores) assert.equal(x.selected, x.probability >= x.threshold);
  assert.ok(s.lexicon.some((f) => f.category === 'product_safety' && f.entry === 'pris feu' && !f.weak));
});

test('a model whose lexicon fingerprint differs is flagged, not refused', () => {
  const model = readModelFile(DEFAULT_MODEL_PATH);
  const stale = createCategoryClassifier({ ...model, lexicons: { ...model.lexicons, fr: 'different' } });
  assert.equal(stale.lexiconsMatch, false);
  assert.deepEqual(stale.classify('Appel au boycott, signez la pétition', 'fr'), loadCategoryModel().classify('Appel au boycott, signez la pétition', 'fr'));
});

test('the lexicon baseline reports the categories of strong entries only', () => {
  const base = createLexiconBaseline();
  assert.deepEqual(base('le sav ne répond jamais, boycott !', 'fr'), ['customer_service', 'boycott']);
  assert.deepEqual(base('the app is slow', 'en'), []); // "slow" is a weak cue
  assert.deepEqual(base('boycott', 'de'), []);
  assert.deepEqual(base('boycott', null), ['boycott']);
});
