import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FeatureExtractor, lexiconFingerprint, metaFeature, type FoundEntry } from './features.ts';
import { LEXICON_FR } from './lexicon-fr.ts';
import type { Lexicon } from './matcher.ts';
import { CATEGORY_IDS, type CategoryId } from './taxonomy.ts';
import { fold, hashString } from './text.ts';

function lexicon(entries: Partial<Record<CategoryId, string[]>>): Lexicon {
  return Object.fromEntries(CATEGORY_IDS.map((id) => [id, entries[id] ?? []])) as unknown as Lexicon;
}

const lex = lexicon({ service_outage: ['panne', '~lent', 'pas de réseau'], boycott: ['boycott*'], customer_service: ['sav'] });
const idx = (id: CategoryId): number => CATEGORY_IDS.indexOf(id);

function features(e: FeatureExtractor, text: string, skip?: (w: string) => boolean): { list: number[]; found: FoundEntry[]; strong: number[]; weak: number[]; negated: number[] } {
  const list: number[] = [];
  const found: FoundEntry[] = [];
  const h = e.extract(text, (f) => list.push(f), skip, found);
  return { list, found, strong: [...h.strong], weak: [...h.weak], negated: [...h.negated] };
}

test('strong, weak and negated hits are counted apart, and each becomes a feature', () => {
  const e = new FeatureExtractor('fr', lex);
  const a = features(e, 'Panne, panne et re-panne. Le site est lent');
  assert.equal(a.strong[idx('service_outage')], 3);
  assert.equal(a.weak[idx('service_outage')], 1);
  assert.ok(a.list.includes(metaFeature('lex:service_outage')));
  assert.ok(a.list.includes(metaFeature('lex2:service_outage')));
  assert.ok(a.list.includes(metaFeature('weak:service_outage')));
  assert.ok(a.list.includes(metaFeature('lang:fr')));
  assert.ok(!a.list.includes(metaFeature('lex:boycott')));
  // "pas de réseau" contains its negation: a trigger, not a negated hit.
  const b = features(e, "Pas de réseau depuis ce matin");
  assert.equal(b.strong[idx('service_outage')], 1);
  assert.equal(b.negated[idx('service_outage')], 0);
});

test('a negation word within three words of the same clause negates an entry', () => {
  const e = new FeatureExtractor('fr', lex);
  const a = features(e, "Jamais eu de panne avec eux");
  assert.equal(a.strong[idx('service_outage')], 0);
  assert.equal(a.negated[idx('service_outage')], 1);
  assert.ok(a.list.includes(metaFeature('negated:service_outage')));
  assert.equal(a.found[0]?.negated, true);
  // Not across punctuation, nor beyond three words.
  assert.equal(features(e, 'le sav ne répond jamais, boycott !').strong[idx('boycott')], 1);
  assert.equal(features(e, 'aucun rapport mais alors cette panne').strong[idx('service_outage')], 1);
  const en = new FeatureExtractor('en', lexicon({ service_outage: ['outage'] }));
  assert.equal(features(en, "Didn't notice any outage").negated[idx('service_outage')], 1);
  assert.equal(features(en, 'No idea why but the outage continues').strong[idx('service_outage')], 1);
});

test('words, bigrams and lexicon entries are features; brand words are hidden from words only', () => {
  const e = new FeatureExtractor('fr', lex, { bigrams: true, charNgrams: [] });
  const all = features(e, 'Zorbix boycott');
  const hidden = features(e, 'Zorbix boycott', (w) => w === 'zorbix');
  assert.ok(all.list.length > hidden.list.length);
  assert.equal(hidden.strong[idx('boycott')], 1);
  const withChars = features(new FeatureExtractor('fr', lex, { bigrams: false, charNgrams: [3] }), 'boycott');
  // lang + word + 7 trigrams of "<boycott>" + the entry + lex:boycott
  assert.equal(withChars.list.length, 1 + 1 + 7 + 1 + 1);
  // Accented and plain spellings are the same word feature.
  assert.deepEqual(features(e, 'Brûlé').list, features(e, 'brule').list);
  assert.equal(fold('Brûlé'.toLowerCase()), 'brule');
  assert.notEqual(hashString('brule'), 0);
});

test('the lexicon fingerprint changes with any entry and with the negation words', () => {
  const a = lexiconFingerprint(LEXICON_FR, 'fr');
  assert.match(a, /^[0-9a-f]{16}$/);
  assert.equal(lexiconFingerprint(LEXICON_FR, 'fr'), a);
  assert.notEqual(lexiconFingerprint({ ...LEXICON_FR, pricing: [...LEXICON_FR.pricing, 'prix fou'] }, 'fr'), a);
  assert.notEqual(lexiconFingerprint(LEXICON_FR, 'en'), a); // other negation words
});
