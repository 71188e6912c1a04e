import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BRUMEO, mention } from '../../pipeline/fixtures.ts';
import { createBaselineEnricher } from './enricher.ts';
import { detectLanguage } from './language.ts';
import { parseLexiconSource } from './lexicon.ts';

const enricher = createBaselineEnricher({ influencerFollowers: 5000 });
const author = { id: 'x:9', handle: 'someone', name: null, followers: 10, verified: false, kind: 'person' as const };
const run = (text: string, lang: string | null = 'fr', over = {}) =>
  enricher.enrich({ mention: mention(1, { text, lang, author, ...over }), brands: [BRUMEO] });
const label = (text: string, lang: string | null = 'fr') => run(text, lang).enrichment.sentiment?.label;
const score = (text: string, lang: string | null = 'fr') => run(text, lang).enrichment.sentiment?.score ?? NaN;

test('French complaints are negative, praise positive, plain facts neutral', () => {
  assert.equal(label('Ma bouteille Brumeo est arrivée cassée, je suis déçu. Remboursement ?'), 'negative');
  assert.equal(label('C’est une arnaque, honte à vous'), 'negative');
  assert.equal(label('Produit dangereux, service client nul'), 'negative');
  assert.equal(label('Génial, merci Brumeo !'), 'positive');
  assert.equal(label('Je bois une Brumeo au bureau'), 'neutral');
});

test('French without accents matches too', () => {
  assert.equal(label('bouteille cassee, tres decu'), 'negative');
});

test('French negation: pas, ne … pas, jamais, plus after ne; expressions are not negated twice', () => {
  assert.ok(score('ce n’est pas génial') < 0, 'pas génial');
  assert.ok(score('je ne suis pas content') < 0, 'ne … pas content');
  assert.ok(score('je ne suis pas du tout satisfait') < 0, 'pas du tout satisfait');
  assert.ok(score('jamais satisfait de ce service') < 0, 'jamais satisfait');
  assert.ok(score('pas mal du tout') > 0, 'pas mal');
  assert.ok(score('la bouteille n’est plus bonne') < 0, 'n’est plus bonne');
  assert.ok(score('plus beau que jamais') > 0, 'plus without ne stays positive');
  assert.ok(score('ça ne marche pas') < 0, 'ne marche pas');
  assert.ok(score('ça marche pas') < 0, 'colloquial marche pas');
});

test('intensifiers strengthen the next word', () => {
  assert.ok(score('très déçu') < score('déçu'));
  assert.ok(score('vraiment génial') > score('génial'));
  assert.ok(score('very good', 'en') > score('good', 'en'));
});

test('English uses AFINN with negation', () => {
  assert.equal(label('My Brumeo bottle leaked, terrible service, I want a refund', 'en'), 'negative');
  assert.equal(label('Love the new Brumeo flavour, great job', 'en'), 'positive');
  assert.ok(score("this is not good", 'en') < 0);
  assert.ok(score("I don't like it", 'en') < 0);
});

test('emoji and emoticons count in every language, and alone in others', () => {
  assert.equal(label('Brumeo 😡😡', 'de'), 'negative');
  assert.equal(label('Brumeo 🤬 👎', 'es'), 'negative');
  assert.equal(label('Brumeo 😍 ❤️', 'it'), 'positive');
  assert.equal(label('Brumeo :(', 'en'), 'negative');
  assert.equal(label('Brumeo :) <3', 'fr'), 'positive');
  assert.equal(label('Brumeo schlecht gut', 'de'), 'neutral');
});

test('scores stay in [-1, 1] and the model is named', () => {
  const r = run('nul nul nul arnaque honte scandale 😡😡😡 🤬');
  assert.equal(r.enrichment.sentiment?.label, 'negative');
  assert.ok(r.enrichment.sentiment!.score >= -1 && r.enrichment.sentiment!.score < -0.9);
  assert.equal(r.enrichment.sentiment?.model, 'baseline-afinn-1');
  assert.deepEqual(r.enrichment.categories, []);
});

test('language: kept when given, detected when missing on long texts only', () => {
  assert.equal(run('whatever', 'en').lang, 'en');
  assert.equal(run('Ma bouteille est arrivée cassée et le service client ne répond pas du tout.', null).lang, 'fr');
  assert.equal(run('My bottle arrived broken and the customer service does not answer at all.', null).lang, 'en');
  assert.equal(run('trop court', null).lang, null);
  assert.equal(detectLanguage('https://example.com/a/very/long/link @someone #tag'), null);
  // A language detected without a lexicon still gets emoji sentiment.
  assert.equal(label('Die Flasche ist kaputt angekommen und niemand antwortet mir 😡', null), 'negative');
});

test('who speaks and reach come from the audience rules (src/understand/audience)', () => {
  const who = (handle: string, followers: number) =>
    run('x', 'en', { author: { ...author, handle, followers } }).enrichment.stakeholder;
  assert.equal(who('brumeo', 10), 'brand');
  assert.equal(who('BrumeoSupport', 10), 'brand');
  assert.equal(who('lea_at_brumeo', 100_000), 'employee');
  assert.equal(who('famous', 10_000), 'influencer');
  assert.equal(who('someone', 4999), 'unknown');
  const reach = run('x', 'en', { author: { ...author, followers: 10 }, engagement: { likes: 0, reposts: 0, replies: 0, quotes: 0, views: 90_000 } });
  assert.equal(reach.enrichment.reach, 90_000, 'never below the views');
});

test('a malformed lexicon line is refused with its line number', () => {
  assert.throws(() => parseLexiconSource('2 bon\nbad line'), /line 2: "bad" is not a score/);
  assert.throws(() => parseLexiconSource('9 trop'), /line 1/);
});

test('the merged token map agrees with the lexicon sets it is built from', async () => {
  const { FRENCH, ENGLISH, INTENSIFIER, NEGATION_MARKER, NEGATOR, PHRASE_HEAD, WEAK_NEGATOR } = await import('./lexicon.ts');
  assert.equal(FRENCH.tokens.get('pas')?.roles! & NEGATOR, NEGATOR);
  assert.equal(FRENCH.tokens.get('plus')?.roles! & WEAK_NEGATOR, WEAK_NEGATOR);
  assert.equal(FRENCH.tokens.get('ne')?.roles! & NEGATION_MARKER, NEGATION_MARKER);
  assert.equal(FRENCH.tokens.get('tres')?.roles! & INTENSIFIER, INTENSIFIER);
  assert.equal(FRENCH.tokens.get('marche')?.roles! & PHRASE_HEAD, PHRASE_HEAD);
  assert.equal(FRENCH.tokens.get('nul')?.score, -3);
  assert.equal(FRENCH.tokens.get('brumeo'), undefined);
  for (const [word, score] of ENGLISH.words) assert.equal(ENGLISH.tokens.get(word)?.score, score, word);
});
