/**
 * The crisis-trigger category classifier: multi-label, one logistic regression per category
 * over the lexicon's verdicts and hashed word features (features.ts), each with its own
 * threshold (tuned by cross-validation on the training corpus, train.ts). `classify` returns the
 * category ids that pass, or an empty list: a text with no trigger, or in a language Vigie has no
 * lexicon for. A text of unknown language (null) is read as French and as English, and a
 * category is kept if either reading passes it.
 *
 * Load the shipped model with `loadCategoryModel()`; it is read once and shared.
 */
import { fileURLToPath } from 'node:url';
import { FeatureExtractor, lexiconFingerprint, type FoundEntry } from './features.ts';
import { LEXICONS, supportedLanguage } from './lexicons.ts';
import { readModelFile, type CategoryModel } from './model-file.ts';
import { CATEGORY_IDS } from './taxonomy.ts';

export const DEFAULT_MODEL_PATH = fileURLToPath(new URL('../../../models/categories/vigie-categories-1.json', import.meta.url));

/** Why a text got its categories. */
export interface CategoryExplanation {
  /** The language(s) the text was read in. */
  langs: string[];
  /** Every category with its probability and threshold, most likely first. */
  scores: { category: string; probability: number; threshold: number; selected: boolean }[];
  /** Lexicon entries found in the text. */
  lexicon: FoundEntry[];
}

export interface CategoryClassifier {
  /** The model name (e.g. `vigie-categories-1`), recorded with each enrichment. */
  readonly name: string;
  /** Languages with a lexicon and training data. */
  readonly languages: readonly string[];
  /** False when a lexicon or the negation words changed after the model was trained (retrain it). */
  readonly lexiconsMatch: boolean;
  /** The category ids of a text, in CATEGORY_IDS order; [] when none passes. */
  classify(text: string, lang: string | null): string[];
  /** Probabilities, thresholds and lexicon entries found; null for an unsupported language. */
  scores(text: string, lang: string | null): CategoryExplanation | null;
}

const shared = new Map<string, CategoryClassifier>();

/** Loads a model file (the shipped one by default), once per path. Throws CategoryModelError. */
export function loadCategoryModel(path: string = DEFAULT_MODEL_PATH): CategoryClassifier {
  let c = shared.get(path);
  if (c === undefined) {
    c = createCategoryClassifier(readModelFile(path));
    shared.set(path, c);
  }
  return c;
}

/** An open-addressing table from feature id to its weight row. */
class WeightTable {
  private readonly keys: Int32Array;
  private readonly rows: Int32Array;
  private readonly mask: number;

  constructor(ids: Int32Array) {
    let size = 16;
    while (size < ids.length * 2) size *= 2;
    this.keys = new Int32Array(size);
    this.rows = new Int32Array(size).fill(-1);
    this.mask = size - 1;
    for (let r = 0; r < ids.length; r++) {
      const id = ids[r] as number;
      let slot = id & this.mask;
      while ((this.rows[slot] as number) >= 0) {
        if (this.keys[slot] === id) throw new Error(`category model: feature id ${id} appears twice`);
        slot = (slot + 1) & this.mask;
      }
      this.keys[slot] = id;
      this.rows[slot] = r;
    }
  }

  row(id: number): number {
    let slot = id & this.mask;
    for (;;) {
      const r = this.rows[slot] as number;
      if (r < 0 || this.keys[slot] === id) return r;
      slot = (slot + 1) & this.mask;
    }
  }
}

export function createCategoryClassifier(model: CategoryModel): CategoryClassifier {
  const k = CATEGORY_IDS.length;
  const extractors = new Map<string, FeatureExtractor>();
  let lexiconsMatch = true;
  for (const lang of model.languages) {
    const lexicon = LEXICONS.get(lang);
    if (lexicon === undefined) continue; // a language this Vigie has no lexicon for: not served
    extractors.set(lang, new FeatureExtractor(lang, lexicon, model.features));
    if (lexiconFingerprint(lexicon, lang) !== model.lexicons[lang]) lexiconsMatch = false;
  }
  const table = new WeightTable(model.featureIds);
  const weights = model.weights;
  const bias = Float64Array.from(model.bias);
  // Compare logits, not probabilities: no exp() per category.
  const logitThresholds = Float64Array.from(model.thresholds, (t) => Math.log(t / (1 - t)));
  const acc = new Float64Array(k);
  const visit = (feature: number): void => {
    const r = table.row(feature);
    if (r < 0) return;
    const base = r * k;
    for (let c = 0; c < k; c++) acc[c] = (acc[c] as number) + (weights[base + c] as number);
  };
  const logits = (extractor: FeatureExtractor, text: string, found?: FoundEntry[]): Float64Array => {
    acc.set(bias);
    extractor.extract(text, visit, undefined, found);
    return acc;
  };
  const readers = (lang: string | null): FeatureExtractor[] => {
    if (lang === null) return [...extractors.values()];
    const base = supportedLanguage(lang);
    const e = base === null ? undefined : extractors.get(base);
    return e === undefined ? [] : [e];
  };

  return {
    name: model.name,
    languages: [...extractors.keys()],
    lexiconsMatch,
    classify(text: string, lang: string | null): string[] {
      const list = readers(lang);
      if (list.length === 1) {
        const s = logits(list[0] as FeatureExtractor, text);
        const out: string[] = [];
        for (let c = 0; c < k; c++) if ((s[c] as number) >= (logitThresholds[c] as number)) out.push(CATEGORY_IDS[c] as string);
        return out;
      }
      const pass = new Array<boolean>(k).fill(false);
      for (const e of list) {
        const s = logits(e, text);
        for (let c = 0; c < k; c++) if ((s[c] as number) >= (logitThresholds[c] as number)) pass[c] = true;
      }
      return CATEGORY_IDS.filter((_, c) => pass[c]);
    },
    scores(text: string, lang: string | null): CategoryExplanation | null {
      const list = readers(lang);
      if (list.length === 0) return null;
      const best = new Float64Array(k).fill(-Infinity);
      const lexicon: FoundEntry[] = [];
      for (const e of list) {
        const s = logits(e, text, lexicon);
        for (let c = 0; c < k; c++) best[c] = Math.max(best[c] as number, s[c] as number);
      }
      const scores = CATEGORY_IDS.map((category, c) => ({
        category,
        probability: 1 / (1 + Math.exp(-(best[c] as number))),
        threshold: model.thresholds[c] as number,
        selected: (best[c] as number) >= (logitThresholds[c] as number),
      })).sort((a, b) => b.probability - a.probability);
      return { langs: list.map((e) => e.lang), scores, lexicon };
    },
  };
}
