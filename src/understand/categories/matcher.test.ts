import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FeatureExtractor, type FoundEntry } from './features.ts';
import { LEXICON_EN } from './lexicon-en.ts';
import { LEXICON_FR } from './lexicon-fr.ts';
import { CompiledLexicon, LexiconSyntaxError, type Lexicon } from './matcher.ts';
import { CATEGORY_IDS, type CategoryId } from './taxonomy.ts';
import { apostropheModeOf, fold, words } from './text.ts';

function lexicon(entries: Partial<Record<CategoryId, string[]>>): Lexicon {
  return Object.fromEntries(CATEGORY_IDS.map((id) => [id, entries[id] ?? []])) as unknown as Lexicon;
}

/** Entries found in a text: "category:entry" strings, in the order found. */
function found(c: CompiledLexicon, text: string): string[] {
  const atoms = words(text, apostropheModeOf(c.lang)).map((w) => c.atomsOf(fold(w)));
  const out: string[] = [];
  c.match(atoms, (e, at) => out.push(`${CATEGORY_IDS[e.category]}:${e.source}@${at}`));
  return out;
}

test('words, stems, phrases and gaps match, accents and case ignored', () => {
  const c = new CompiledLexicon('fr', lexicon({
    product_safety: ['brûlé', 'explos*', 'rappel conso'],
    service_outage: ['impossible de _ connecter', "l'appli plante"],
    customer_service: ['~rembours*'],
  }));
  assert.deepEqual(found(c, 'Poêle BRULEE ? non : brûlé, et ça a EXPLOSÉ'), ['product_safety:brûlé@3', 'product_safety:explos*@7']);
  assert.deepEqual(found(c, 'Rappel Conso sur le lot'), ['product_safety:rappel conso@0']);
  assert.deepEqual(found(c, 'impossible de me connecter, impossible de connecter'), ['service_outage:impossible de _ connecter@0']);
  assert.deepEqual(found(c, "L’appli plante"), ["service_outage:l'appli plante@0"]);
  assert.deepEqual(found(c, 'remboursement refusé'), ['customer_service:~rembours*@0']);
  assert.deepEqual(found(c, 'rien à signaler'), []);
  assert.equal(c.entries.find((e) => e.source === '~rembours*')?.weak, true);
});

test('English entries join apostrophes like English texts do', () => {
  const c = new CompiledLexicon('en', lexicon({ service_outage: ["can't log in", 'cant sign in'] }));
  assert.deepEqual(found(c, 'I CANT log in'), ["service_outage:can't log in@1"]);
  assert.deepEqual(found(c, 'can’t sign in'), ['service_outage:cant sign in@0']);
});

test('one word can start entries of several categories, and a prefix and a literal both match', () => {
  const c = new CompiledLexicon('en', lexicon({ data_breach: ['data leak'], product_defect: ['leak*', 'leaking'] }));
  assert.deepEqual(found(c, 'leaking data leak').sort(), ['data_breach:data leak@1', 'product_defect:leak*@0', 'product_defect:leak*@2', 'product_defect:leaking@0']);
});

test('bad entries are refused with the lexicon, category and entry, all at once', () => {
  assert.throws(
    () => new CompiledLexicon('fr', lexicon({ pricing: ['ab*', 'cher', 'chèr', '_ prix', 'prix!'], legal: [''] })),
    (e: unknown) => {
      assert.ok(e instanceof LexiconSyntaxError);
      assert.match(e.message, /lexicon fr, pricing: "ab\*": prefix "ab\*" is shorter than 3 letters/);
      assert.match(e.message, /lexicon fr, pricing: "chèr" repeats "cher"/);
      assert.match(e.message, /lexicon fr, pricing: "_ prix": "_" must be between two words/);
      assert.match(e.message, /"prix!" is not a word/);
      assert.match(e.message, /lexicon fr, legal: "": empty entry/);
      return true;
    },
  );
});

for (const [lang, lex] of [['en', LEXICON_EN], ['fr', LEXICON_FR]] as const) {
  test(`${lang} lexicon: compiles, and every category has at least 60 strong entries`, () => {
    const c = new CompiledLexicon(lang, lex);
    for (const [i, id] of CATEGORY_IDS.entries()) {
      const strong = c.entries.filter((e) => e.category === i && !e.weak).length;
      assert.ok(strong >= 60, `${lang} ${id}: ${strong} strong entries`);
    }
  });
}

const EXAMPLES: readonly [lang: string, text: string, category: CategoryId][] = [
  ['fr', 'RappelConso : ne pas consommer ce lot', 'product_safety'],
  ['fr', 'la poêle a brûlé ma plaque', 'product_safety'],
  ['fr', 'le chargeur a explosé !!!', 'product_safety'],
  ['fr', 'appli plantée depuis 2h', 'service_outage'],
  ['fr', "impossible de se connecter à l'appli", 'service_outage'],
  ['fr', 'énorme fuite de données chez eux', 'data_breach'],
  ['fr', "j'ai porté plainte", 'legal'],
  ['fr', 'une class action se prépare', 'legal'],
  ['fr', 'encore une hausse de prix', 'pricing'],
  ['fr', 'BOYCOTT total', 'boycott'],
  ['fr', 'le sav ne répond jamais', 'customer_service'],
  ['fr', 'le pdg tient des propos racistes', 'conduct'],
  ['fr', 'cette pub est sexiste', 'campaign'],
  ['fr', 'ma machine est tombée en panne au bout de 3 mois', 'product_defect'],
  ['en', 'the app keeps crashing, total junk', 'product_defect'],
  ['en', 'my charger caught fire', 'product_safety'],
  ['en', "can't log in, is it down for everyone?", 'service_outage'],
  ['en', 'been on hold for 2 hours', 'customer_service'],
  ['en', 'their CEO made racist remarks', 'conduct'],
  ['en', 'that ad is so tone-deaf', 'campaign'],
  ['en', 'they got hacked, my password was leaked', 'data_breach'],
  ['en', 'a class action lawsuit was filed', 'legal'],
  ['en', 'charged me twice, what a rip-off', 'pricing'],
  ['en', '#BoycottThem everyone, sign the petition', 'boycott'],
];

test('the shipped lexicons find the triggers of everyday phrasings', () => {
  const extractors = new Map([['en', new FeatureExtractor('en', LEXICON_EN)], ['fr', new FeatureExtractor('fr', LEXICON_FR)]]);
  for (const [lang, text, category] of EXAMPLES) {
    const list: FoundEntry[] = [];
    extractors.get(lang)?.extract(text, () => {}, undefined, list);
    assert.ok(list.some((f) => f.category === category && !f.weak), `${lang} "${text}": expected a strong ${category} entry, found ${JSON.stringify(list.map((f) => `${f.category}:${f.entry}`))}`);
  }
});
