import { createRequire } from 'node:module';
import { z } from 'zod';
import { FRENCH_INTENSIFIERS, FRENCH_LEXICON_SOURCE, FRENCH_NEGATORS, FRENCH_WEAK_NEGATORS } from './lexicon-fr.ts';

/** A language's lexicon, ready for the scorer in sentiment.ts. */
export interface Lexicon {
  readonly lang: string;
  /** Single tokens → score (−5…+5). */
  readonly words: ReadonlyMap<string, number>;
  /** Expressions of 2–3 tokens, joined with "_" → score. */
  readonly phrases: ReadonlyMap<string, number>;
  /** First tokens of the expressions (to try phrases only where one can start). */
  readonly phraseHeads: ReadonlySet<string>;
  readonly negators: ReadonlySet<string>;
  /** Negate only after a "ne" marker (French "plus"). */
  readonly weakNegators: ReadonlySet<string>;
  /** Tokens that announce a negation to come ("ne", "n"). */
  readonly negationMarkers: ReadonlySet<string>;
  readonly intensifiers: ReadonlySet<string>;
  /** Splits forms when the lexicon is built (texts are split by scan in tokenize.ts, which agrees). */
  readonly separator: RegExp;
  /** English drops apostrophes before splitting ("don't" → "dont", as AFINN's negators spell it). */
  readonly dropApostrophes: boolean;
  /**
   * Everything the scorer needs to know about a token, in one map (see TokenInfo): one lookup
   * per token instead of up to five (the enricher went from 4.8 to 3.9 µs of CPU per post on the
   * ingest benchmark's posts: src/pipeline/brand-assigner.bench.ts).
   */
  readonly tokens: ReadonlyMap<string, TokenInfo>;
}

/** Roles of a token in a lexicon (bits of TokenInfo.roles). */
export const PHRASE_HEAD = 1;
export const NEGATOR = 2;
export const WEAK_NEGATOR = 4;
export const NEGATION_MARKER = 8;
export const INTENSIFIER = 16;

/** A token's score as a single word (undefined when it has none) and its roles. */
export interface TokenInfo {
  readonly score: number | undefined;
  readonly roles: number;
}

function tokenInfos(lexicon: Omit<Lexicon, 'tokens'>): Map<string, TokenInfo> {
  const roles = new Map<string, number>();
  const mark = (set: ReadonlySet<string>, role: number): void => {
    for (const t of set) roles.set(t, (roles.get(t) ?? 0) | role);
  };
  mark(lexicon.phraseHeads, PHRASE_HEAD);
  mark(lexicon.negators, NEGATOR);
  mark(lexicon.weakNegators, WEAK_NEGATOR);
  mark(lexicon.negationMarkers, NEGATION_MARKER);
  mark(lexicon.intensifiers, INTENSIFIER);
  for (const t of lexicon.words.keys()) if (!roles.has(t)) roles.set(t, 0);
  return new Map([...roles].map(([t, r]) => [t, { score: lexicon.words.get(t), roles: r }]));
}

/** Strips accents (é → e, œ → oe) so that posts typed without accents still match. */
export function unaccent(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').replace(/œ/g, 'oe').replace(/æ/g, 'ae');
}

function build(
  lang: string,
  entries: Iterable<[string, number]>,
  rest: Omit<Lexicon, 'lang' | 'words' | 'phrases' | 'phraseHeads' | 'tokens'>,
  withUnaccented: boolean,
): Lexicon {
  const words = new Map<string, number>();
  const phrases = new Map<string, number>();
  const phraseHeads = new Set<string>();
  const add = (form: string, score: number): void => {
    const cleaned = rest.dropApostrophes ? form.replace(/['’]/g, '') : form;
    const parts = cleaned.toLowerCase().split(rest.separator).filter((p) => p.length > 0);
    if (parts.length === 0) return;
    if (parts.length === 1) words.set(parts[0]!, score);
    else {
      phrases.set(parts.join('_'), score);
      phraseHeads.add(parts[0]!);
    }
  };
  for (const [form, score] of entries) {
    add(form, score);
    if (withUnaccented) {
      const plain = unaccent(form);
      if (plain !== form) add(plain, score);
    }
  }
  const lexicon = { lang, words, phrases, phraseHeads, ...rest };
  return { ...lexicon, tokens: tokenInfos(lexicon) };
}

/** Parses the `<score> <form> <form>…` lines of lexicon-fr.ts. Forms joined by "_" are expressions. */
export function parseLexiconSource(source: string): Array<[string, number]> {
  const out: Array<[string, number]> = [];
  for (const [n, line] of source.split('\n').entries()) {
    const parts = line.trim().split(/\s+/).filter((p) => p.length > 0);
    if (parts.length === 0) continue;
    const score = Number(parts[0]);
    if (!Number.isInteger(score) || score < -5 || score > 5) {
      throw new Error(`French lexicon line ${n + 1}: "${parts[0]}" is not a score from -5 to 5; start each line with one`);
    }
    for (const form of parts.slice(1)) out.push([form.replace(/_/g, ' '), score]);
  }
  return out;
}

const SEPARATOR = /[^\p{L}\p{N}]+/u;

export const FRENCH: Lexicon = build(
  'fr',
  parseLexiconSource(FRENCH_LEXICON_SOURCE),
  {
    negators: new Set([...FRENCH_NEGATORS, ...FRENCH_NEGATORS.map(unaccent)]),
    weakNegators: new Set(FRENCH_WEAK_NEGATORS),
    negationMarkers: new Set(['ne', 'n']),
    intensifiers: new Set([...FRENCH_INTENSIFIERS, ...FRENCH_INTENSIFIERS.map(unaccent)]),
    separator: SEPARATOR,
    dropApostrophes: false,
  },
  true,
);

const require = createRequire(import.meta.url);
const Scores = z.record(z.string(), z.number());

/** English: AFINN-165 and the negators as shipped by the `sentiment` package. */
export const ENGLISH: Lexicon = build(
  'en',
  Object.entries(Scores.parse(require('sentiment/languages/en/labels.json'))).map(([k, v]) => [k.replace(/-/g, ' '), v]),
  {
    negators: new Set([
      ...Object.keys(Scores.parse(require('sentiment/languages/en/negators.json'))).map((k) => k.replace(/'/g, '')),
      'never', 'no', 'nothing', 'without', 'neither', 'nor', 'didnt', 'wasnt', 'arent', 'couldnt', 'shouldnt',
      'wouldnt', 'havent', 'hasnt', 'werent', 'cannot', 'aint',
    ]),
    weakNegators: new Set(),
    negationMarkers: new Set(),
    intensifiers: new Set(['very', 'really', 'so', 'extremely', 'totally', 'absolutely', 'super', 'incredibly', 'completely', 'utterly', 'truly', 'too']),
    separator: SEPARATOR,
    dropApostrophes: true,
  },
  false,
);

export const LEXICONS: ReadonlyMap<string, Lexicon> = new Map([
  ['fr', FRENCH],
  ['en', ENGLISH],
]);
