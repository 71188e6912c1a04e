/**
 * What the category classifier sees of a text, for one language: the lexicon's verdicts
 * (strong, weak and negated hits per category, and which entries matched) plus hashed word unigrams,
 * bigrams and, optionally, character n-grams. Every feature is a 32-bit id; training
 * (train.ts) and inference (classifier.ts) go through the same `extract`, so they cannot drift
 * apart. Words are looked up once and cached (fold, lexicon atoms, hashes), which is what makes
 * a text cost little more than one map lookup per word.
 */
import { createHash } from 'node:crypto';
import { CompiledLexicon, type Lexicon, type LexiconEntry } from './matcher.ts';
import { CATEGORY_IDS } from './taxonomy.ts';
import { apostropheModeOf, fold, hashPair, hashString, words, type ApostropheMode } from './text.ts';

export interface FeatureOptions {
  /** Word bigrams as features. */
  bigrams: boolean;
  /** Character n-gram lengths inside words (with boundary marks), e.g. [4]; [] for none. */
  charNgrams: readonly number[];
}

export const DEFAULT_FEATURES: FeatureOptions = { bigrams: true, charNgrams: [] };

/** Lexicon hits per category (index in CATEGORY_IDS). */
export interface LexiconHits {
  /** Non-overlapping strong entries found, per category. */
  strong: Int32Array;
  /** Weak entries found, per category. */
  weak: Int32Array;
  /** Entries found right after a negation, per category. */
  negated: Int32Array;
}

/** A lexicon entry found in a text, for explanations. */
export interface FoundEntry {
  category: string;
  entry: string;
  weak: boolean;
  /** Right after a negation word: not counted as a trigger. */
  negated: boolean;
  /** Index of the first word. */
  word: number;
}

interface WordInfo {
  id: number;
  atoms: Int32Array | null;
  chars: Int32Array | null;
  folded: string;
  /** A negation word (no, never, aucun, sans…). */
  negator: boolean;
}

/**
 * Words that negate what follows within NEGATION_WINDOW words: "no issues with my signal",
 * "aucun souci de réseau", "jamais eu de panne". An entry found right after one is a negated hit:
 * a feature of its own, not a trigger. Entries that contain their negation ("doesnt work",
 * "pas de réponse") start with it and are not affected. French "plus" is left out ("plus de
 * réseau" is an outage).
 */
const NEGATORS: Record<string, ReadonlySet<string>> = {
  en: new Set(['no', 'not', 'never', 'without', 'dont', 'doesnt', 'didnt', 'isnt', 'wasnt', 'arent', 'werent', 'havent', 'hasnt', 'hadnt', 'neither', 'nor']),
  fr: new Set(['pas', 'aucun', 'aucune', 'jamais', 'sans', 'ni']),
};
const NEGATION_WINDOW = 3; // words, within the same clause

const SEED_WORD = 0x2f1b9c4d;
const SEED_CHAR = 0x5e3a7711;
const SEED_META = 0x1d0c8b33;
const CACHE_LIMIT = 30_000; // words per language (a few MB); the cache is emptied when full

/** The id (signed 32-bit, like every feature id) of a named feature that is not a word. */
export function metaFeature(name: string): number {
  return hashString(name, SEED_META) | 0;
}

/**
 * A short fingerprint of a language's lexicon and negation words: a model trained on other ones
 * is stale.
 */
export function lexiconFingerprint(lexicon: Lexicon, lang: string): string {
  const canonical = [...CATEGORY_IDS.map((id) => [id, [...(lexicon[id] ?? [])]]), ['negators', [...(NEGATORS[lang] ?? [])]]];
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex').slice(0, 16);
}

export class FeatureExtractor {
  readonly lang: string;
  readonly lexicon: CompiledLexicon;
  readonly options: FeatureOptions;
  private readonly mode: ApostropheMode;
  private readonly cache = new Map<string, WordInfo>();
  private readonly strongIds: Int32Array;
  private readonly strong2Ids: Int32Array;
  private readonly weakIds: Int32Array;
  private readonly negatedIds: Int32Array;
  private readonly negators: ReadonlySet<string>;
  private readonly entryIds: Int32Array;
  private readonly langId: number;
  // Scratch state reused from call to call (extract is not re-entrant).
  private readonly hits: LexiconHits;
  private readonly lastEnd: Int32Array;
  private found: FoundEntry[] | null = null;
  private infos: WordInfo[] = [];
  private readonly clauses: number[] = [];
  private visitor: (feature: number) => void = () => {};

  constructor(lang: string, lexicon: Lexicon, options: FeatureOptions = DEFAULT_FEATURES) {
    this.lang = lang;
    this.lexicon = new CompiledLexicon(lang, lexicon);
    this.options = options;
    this.mode = apostropheModeOf(lang);
    const n = CATEGORY_IDS.length;
    this.strongIds = Int32Array.from(CATEGORY_IDS, (id) => metaFeature(`lex:${id}`));
    this.strong2Ids = Int32Array.from(CATEGORY_IDS, (id) => metaFeature(`lex2:${id}`));
    this.weakIds = Int32Array.from(CATEGORY_IDS, (id) => metaFeature(`weak:${id}`));
    this.negatedIds = Int32Array.from(CATEGORY_IDS, (id) => metaFeature(`negated:${id}`));
    this.negators = NEGATORS[lang] ?? new Set();
    this.entryIds = Int32Array.from(this.lexicon.entries, (e) =>
      metaFeature(`entry:${lang}:${CATEGORY_IDS[e.category]}:${e.source}`),
    );
    this.langId = metaFeature(`lang:${lang}`);
    this.hits = { strong: new Int32Array(n), weak: new Int32Array(n), negated: new Int32Array(n) };
    this.lastEnd = new Int32Array(n);
  }

  private info(raw: string): WordInfo {
    let info = this.cache.get(raw);
    if (info !== undefined) return info;
    const folded = fold(raw);
    info = { id: hashString(folded, SEED_WORD) | 0, atoms: this.lexicon.atomsOf(folded), chars: this.charGrams(folded), folded, negator: this.negators.has(folded) };
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(raw, info);
    return info;
  }

  private charGrams(folded: string): Int32Array | null {
    const sizes = this.options.charNgrams;
    if (sizes.length === 0) return null;
    const marked = `<${folded}>`;
    const out: number[] = [];
    for (const n of sizes) for (let i = 0; i + n <= marked.length; i++) out.push(hashString(marked.slice(i, i + n), SEED_CHAR + n) | 0);
    return Int32Array.from(out);
  }

  private readonly onHit = (entry: LexiconEntry, position: number): void => {
    const c = entry.category;
    this.visitor(this.entryIds[entry.index] as number);
    let negated = false;
    const clause = this.clauses[position];
    for (let k = Math.max(0, position - NEGATION_WINDOW); k < position && !negated; k++) {
      negated = (this.infos[k] as WordInfo).negator && this.clauses[k] === clause;
    }
    if (negated) this.hits.negated[c]!++;
    else if (entry.weak) this.hits.weak[c]!++;
    else if (position >= (this.lastEnd[c] as number)) {
      this.hits.strong[c]!++;
      this.lastEnd[c] = position + entry.atoms.length;
    }
    this.found?.push({ category: CATEGORY_IDS[c] as string, entry: entry.source, weak: entry.weak, negated, word: position });
  };

  /**
   * Calls `visit` with every feature of a text (a feature found twice is visited twice) and
   * returns the lexicon hits (a scratch object, valid until the next call). `skip` hides words
   * from the word features (training hides brand names; the lexicon still sees them).
   * `found`, when given, receives the lexicon entries found.
   */
  extract(text: string, visit: (feature: number) => void, skip?: (folded: string) => boolean, found?: FoundEntry[]): LexiconHits {
    this.clauses.length = 0;
    const raw = words(text, this.mode, undefined, this.clauses);
    const infos: WordInfo[] = new Array<WordInfo>(raw.length);
    const atoms: (Int32Array | null)[] = new Array<Int32Array | null>(raw.length);
    for (let i = 0; i < raw.length; i++) {
      const info = this.info(raw[i] as string);
      infos[i] = info;
      atoms[i] = info.atoms;
    }
    visit(this.langId);
    const bigrams = this.options.bigrams;
    let prev = 0;
    let hasPrev = false;
    for (let i = 0; i < infos.length; i++) {
      const info = infos[i] as WordInfo;
      if (skip !== undefined && skip(info.folded)) {
        hasPrev = false;
        continue;
      }
      visit(info.id);
      if (bigrams && hasPrev) visit(hashPair(prev, info.id) | 0);
      if (info.chars !== null) for (let k = 0; k < info.chars.length; k++) visit(info.chars[k] as number);
      prev = info.id;
      hasPrev = true;
    }
    const hits = this.hits;
    hits.strong.fill(0);
    hits.weak.fill(0);
    hits.negated.fill(0);
    this.lastEnd.fill(0);
    this.infos = infos;
    this.visitor = visit;
    this.found = found ?? null;
    this.lexicon.match(atoms, this.onHit);
    this.found = null;
    this.infos = [];
    for (let c = 0; c < hits.strong.length; c++) {
      const s = hits.strong[c] as number;
      if (s > 0) visit(this.strongIds[c] as number);
      if (s > 1) visit(this.strong2Ids[c] as number);
      if ((hits.weak[c] as number) > 0) visit(this.weakIds[c] as number);
      if ((hits.negated[c] as number) > 0) visit(this.negatedIds[c] as number);
    }
    return hits;
  }
}
