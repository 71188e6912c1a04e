/**
 * Trains the category model from labelled corpora, reproducibly: the seed fixes the
 * cross-validation folds, and everything else is deterministic. Steps:
 * 1. features of every mention (features.ts), brand names hidden so the model learns triggers,
 *    not which invented brand had which trouble;
 * 2. k-fold cross-validation, folds grouped by brand (each fold is scored on brands its model never
 *    saw), over a small grid of settings (L2 strength, feature sets); each fold keeps the
 *    features seen in at least `minDf` of its training mentions;
 * 3. the setting with the best macro-F1 on the out-of-fold predictions wins; each category's
 *    threshold is the one that maximises its (smoothed) out-of-fold F1;
 * 4. the final model is fitted on every mention with that setting and those thresholds.
 * Evaluation sets never come in here: thresholds and settings are chosen on training data only.
 */
import { seededRandom } from '../../domain/seeded-random.ts';
import { FeatureExtractor, lexiconFingerprint, type FeatureOptions } from './features.ts';
import { evaluatePredictions, type CategoryEvaluation } from './evaluate.ts';
import { fitLogistic, logits, type SparseRows } from './logistic.ts';
import { LEXICONS } from './lexicons.ts';
import { CorpusError, type CategoryRecord } from './corpus.ts';
import type { CategoryModel } from './model-file.ts';
import { CATEGORY_IDS } from './taxonomy.ts';
import { fold, words, apostropheModeOf } from './text.ts';

export interface TrainSetting {
  lambda: number;
  features: FeatureOptions;
}

export interface TrainOptions {
  seed: number;
  folds: number;
  minDf: number;
  /** Settings tried by cross-validation. */
  grid: TrainSetting[];
  name: string;
  /** Called with progress messages (one per setting tried). */
  log?: (message: string) => void;
}

export const DEFAULT_SEED = 20260321;

export const DEFAULT_GRID: TrainSetting[] = [
  { lambda: 1e-3, features: { bigrams: true, charNgrams: [] } },
  { lambda: 3e-3, features: { bigrams: true, charNgrams: [] } },
  { lambda: 1e-2, features: { bigrams: true, charNgrams: [] } },
  { lambda: 3e-3, features: { bigrams: false, charNgrams: [] } },
  { lambda: 3e-3, features: { bigrams: true, charNgrams: [4] } },
];

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = {
  seed: DEFAULT_SEED,
  folds: 5,
  minDf: 2,
  grid: DEFAULT_GRID,
  name: 'vigie-categories-1',
};

export interface SettingResult {
  setting: TrainSetting;
  macroF1: number;
  microF1: number;
}

export interface TrainReport {
  mentions: number;
  byLanguage: Record<string, number>;
  seed: number;
  folds: number;
  minDf: number;
  grid: SettingResult[];
  chosen: TrainSetting;
  thresholds: Record<string, number>;
  /** Out-of-fold predictions of the chosen setting at the chosen thresholds (optimistic: the thresholds were tuned on them). */
  crossValidation: CategoryEvaluation;
  crossValidationByLanguage: Record<string, CategoryEvaluation>;
  features: number;
  iterations: number;
  converged: boolean;
}

interface Example {
  lang: string;
  /** Feature id → count. */
  features: Map<number, number>;
  labels: Uint8Array;
}

const K = CATEGORY_IDS.length;

export function trainCategoryModel(records: readonly CategoryRecord[], options: TrainOptions = DEFAULT_TRAIN_OPTIONS): { model: CategoryModel; report: TrainReport } {
  if (records.length === 0) throw new CorpusError('no training mention');
  const unsupported = records.find((r) => !LEXICONS.has(r.lang));
  if (unsupported !== undefined) {
    throw new CorpusError(`${unsupported.where}: language "${unsupported.lang}" has no lexicon (supported: ${[...LEXICONS.keys()].join(', ')}); remove the line or add a lexicon`);
  }
  if (options.grid.length === 0) throw new Error('trainCategoryModel: empty settings grid');
  if (!Number.isInteger(options.folds) || options.folds < 2) throw new Error('trainCategoryModel: folds must be an integer ≥ 2');
  if (records.length < options.folds) throw new CorpusError(`only ${records.length} training mentions for ${options.folds} folds`);
  const log = options.log ?? (() => {});
  const languages = [...new Set(records.map((r) => r.lang))].sort();
  const folds = assignFolds(records, options.folds, options.seed);

  const examplesBySet = new Map<string, Example[]>();
  const examplesFor = (features: FeatureOptions): Example[] => {
    const key = JSON.stringify(features);
    let ex = examplesBySet.get(key);
    if (ex === undefined) {
      ex = extractExamples(records, features);
      examplesBySet.set(key, ex);
    }
    return ex;
  };

  let best: { result: SettingResult; oof: Float64Array } | null = null;
  const results: SettingResult[] = [];
  for (const setting of options.grid) {
    const examples = examplesFor(setting.features);
    const oof = new Float64Array(records.length * K);
    for (let f = 0; f < options.folds; f++) {
      const trainIdx: number[] = [];
      const testIdx: number[] = [];
      folds.forEach((fold, i) => (fold === f ? testIdx : trainIdx).push(i));
      const vocab = vocabulary(trainIdx.map((i) => examples[i] as Example), options.minDf);
      const fit = fitLogistic(matrix(trainIdx.map((i) => examples[i] as Example), vocab), labelMatrix(trainIdx.map((i) => examples[i] as Example)), K, { lambda: setting.lambda });
      const z = logits(matrix(testIdx.map((i) => examples[i] as Example), vocab), fit, K);
      testIdx.forEach((row, j) => {
        for (let c = 0; c < K; c++) oof[row * K + c] = sigmoid(z[j * K + c] as number);
      });
    }
    const thresholds = tuneThresholds(oof, examples);
    const evaluation = evaluatePredictions(
      records.map((r) => r.categories),
      predictAt(oof, thresholds, records.length),
    );
    const result = { setting, macroF1: evaluation.macro.f1, microF1: evaluation.micro.f1 };
    results.push(result);
    log(`  λ=${setting.lambda} bigrams=${setting.features.bigrams} char=${JSON.stringify(setting.features.charNgrams)}: cross-validated macro-F1 ${result.macroF1.toFixed(3)}, micro-F1 ${result.microF1.toFixed(3)}`);
    if (best === null || result.macroF1 > best.result.macroF1 + 1e-9 || (Math.abs(result.macroF1 - best.result.macroF1) <= 1e-9 && result.microF1 > best.result.microF1)) {
      best = { result, oof };
    }
  }
  const chosen = (best as { result: SettingResult; oof: Float64Array }).result.setting;
  const oof = (best as { result: SettingResult; oof: Float64Array }).oof;
  const examples = examplesFor(chosen.features);
  const thresholds = tuneThresholds(oof, examples);
  const predicted = predictAt(oof, thresholds, records.length);
  const crossValidation = evaluatePredictions(records.map((r) => r.categories), predicted);
  const crossValidationByLanguage: Record<string, CategoryEvaluation> = {};
  for (const lang of languages) {
    const idx = records.map((r, i) => (r.lang === lang ? i : -1)).filter((i) => i >= 0);
    crossValidationByLanguage[lang] = evaluatePredictions(idx.map((i) => (records[i] as CategoryRecord).categories), idx.map((i) => predicted[i] as string[]));
  }

  const vocab = vocabulary(examples, options.minDf);
  const fit = fitLogistic(matrix(examples, vocab), labelMatrix(examples), K, { lambda: chosen.lambda });
  const featureIds = new Int32Array(vocab.size);
  for (const [id, col] of vocab) featureIds[col] = id;
  // Rows sorted by feature id: the file does not depend on Map iteration order.
  const order = [...featureIds.keys()].sort((a, b) => (featureIds[a] as number) - (featureIds[b] as number));
  const sortedIds = Int32Array.from(order, (col) => featureIds[col] as number);
  const weights = new Float32Array(order.length * K);
  order.forEach((col, r) => {
    for (let c = 0; c < K; c++) weights[r * K + c] = fit.weights[col * K + c] as number;
  });
  const byLanguage: Record<string, number> = {};
  for (const r of records) byLanguage[r.lang] = (byLanguage[r.lang] ?? 0) + 1;
  const report: TrainReport = {
    mentions: records.length,
    byLanguage,
    seed: options.seed,
    folds: options.folds,
    minDf: options.minDf,
    grid: results,
    chosen,
    thresholds: Object.fromEntries(CATEGORY_IDS.map((id, c) => [id, round(thresholds[c] as number)])),
    crossValidation,
    crossValidationByLanguage,
    features: sortedIds.length,
    iterations: fit.iterations,
    converged: fit.converged,
  };
  const model: CategoryModel = {
    name: options.name,
    languages,
    categories: [...CATEGORY_IDS],
    features: chosen.features,
    lexicons: Object.fromEntries(languages.map((l) => [l, lexiconFingerprint(LEXICONS.get(l)!, l)])),
    thresholds: [...thresholds],
    bias: [...fit.bias],
    featureIds: sortedIds,
    weights,
    training: {},
  };
  return { model, report };
}

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** Features of every record; brand words are hidden from the word features. */
function extractExamples(records: readonly CategoryRecord[], features: FeatureOptions): Example[] {
  const extractors = new Map([...LEXICONS].map(([lang, lexicon]) => [lang, new FeatureExtractor(lang, lexicon, features)]));
  return records.map((r) => {
    const extractor = extractors.get(r.lang) as FeatureExtractor;
    const counts = new Map<number, number>();
    const skip = brandMask(r.brand, r.lang);
    extractor.extract(r.text, (f) => counts.set(f, (counts.get(f) ?? 0) + 1), skip);
    const labels = new Uint8Array(K);
    for (const c of r.categories) labels[CATEGORY_IDS.indexOf(c)] = 1;
    return { lang: r.lang, features: counts, labels };
  });
}

/**
 * Which words name the brand: its own words (3+ letters) and handles or hashtags that start with
 * its name written in one word (`@kerlann_fr`, `#kerlannfail`).
 */
export function brandMask(brand: string | null, lang: string): ((folded: string) => boolean) | undefined {
  if (brand === null) return undefined;
  const parts = words(brand, apostropheModeOf(lang)).map(fold);
  const own = new Set(parts.filter((p) => p.length >= 3));
  const joined = parts.join('');
  if (own.size === 0 && joined.length < 3) return undefined;
  return (w) => own.has(w) || (joined.length >= 3 && w.startsWith(joined));
}

/** Feature id → column, for features present in at least `minDf` examples. */
function vocabulary(examples: readonly Example[], minDf: number): Map<number, number> {
  const df = new Map<number, number>();
  for (const e of examples) for (const id of e.features.keys()) df.set(id, (df.get(id) ?? 0) + 1);
  const kept = [...df].filter(([, n]) => n >= minDf).map(([id]) => id).sort((a, b) => a - b);
  return new Map(kept.map((id, col) => [id, col]));
}

function matrix(examples: readonly Example[], vocab: Map<number, number>): SparseRows {
  const rowPtr = new Int32Array(examples.length + 1);
  const cols: number[] = [];
  const vals: number[] = [];
  examples.forEach((e, i) => {
    const row: [number, number][] = [];
    for (const [id, count] of e.features) {
      const col = vocab.get(id);
      if (col !== undefined) row.push([col, count]);
    }
    row.sort((a, b) => a[0] - b[0]);
    for (const [col, count] of row) {
      cols.push(col);
      vals.push(count);
    }
    rowPtr[i + 1] = cols.length;
  });
  return { rows: examples.length, columns: vocab.size, rowPtr, cols: Int32Array.from(cols), vals: Float64Array.from(vals) };
}

function labelMatrix(examples: readonly Example[]): Uint8Array {
  const y = new Uint8Array(examples.length * K);
  examples.forEach((e, i) => y.set(e.labels, i * K));
  return y;
}

/**
 * Cross-validation folds grouped by brand: every mention of a brand lands in the same fold, so
 * each fold is scored on brands the model did not see — as the evaluation sets and production
 * are. Brands are shuffled with the seed, then dealt largest first to the fold with the fewest
 * mentions. Mentions without a brand are dealt one by one the same way.
 */
export function assignFolds(records: readonly CategoryRecord[], folds: number, seed: number): Int32Array {
  const rng = seededRandom(seed);
  const groups = new Map<string, number[]>();
  records.forEach((r, i) => {
    const key = r.brand === null ? `#${i}` : `${r.lang}:${fold(r.brand)}`;
    let g = groups.get(key);
    if (g === undefined) groups.set(key, (g = []));
    g.push(i);
  });
  const keys = [...groups.keys()].sort();
  for (let i = keys.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [keys[i], keys[j]] = [keys[j] as string, keys[i] as string];
  }
  // Stable sort: equal sizes keep their shuffled order.
  keys.sort((a, b) => (groups.get(b) as number[]).length - (groups.get(a) as number[]).length);
  const sizes = new Array<number>(folds).fill(0);
  const out = new Int32Array(records.length);
  for (const key of keys) {
    let target = 0;
    for (let f = 1; f < folds; f++) if ((sizes[f] as number) < (sizes[target] as number)) target = f;
    const g = groups.get(key) as number[];
    for (const idx of g) out[idx] = target;
    sizes[target] = (sizes[target] as number) + g.length;
  }
  return out;
}


const GRID_LOW = 0.05;
const GRID_HIGH = 0.95;
const GRID_STEP = 0.01;

/**
 * Per category, the threshold in [0.05, 0.95] whose F1 — averaged with its neighbours ±0.02, to
 * avoid a lucky spike on a small corpus — is highest on the out-of-fold probabilities; 0.5 when
 * the category has fewer than 3 examples.
 */
export function tuneThresholds(probabilities: Float64Array, examples: readonly { labels: Uint8Array }[]): number[] {
  const n = examples.length;
  const steps = Math.round((GRID_HIGH - GRID_LOW) / GRID_STEP) + 1;
  const out: number[] = [];
  for (let c = 0; c < K; c++) {
    let positives = 0;
    for (const e of examples) positives += e.labels[c] as number;
    if (positives < 3) {
      out.push(0.5);
      continue;
    }
    const f1 = new Float64Array(steps);
    for (let s = 0; s < steps; s++) {
      const t = GRID_LOW + s * GRID_STEP;
      let tp = 0;
      let pred = 0;
      for (let i = 0; i < n; i++) {
        if ((probabilities[i * K + c] as number) >= t) {
          pred++;
          tp += (examples[i] as { labels: Uint8Array }).labels[c] as number;
        }
      }
      f1[s] = tp === 0 ? 0 : (2 * tp) / (pred + positives);
    }
    let bestS = 0;
    let bestV = -1;
    for (let s = 0; s < steps; s++) {
      let sum = 0;
      let cnt = 0;
      for (let d = -2; d <= 2; d++) {
        const j = s + d;
        if (j >= 0 && j < steps) {
          sum += f1[j] as number;
          cnt++;
        }
      }
      const v = sum / cnt;
      // Ties go to the threshold nearer 0.5.
      if (v > bestV + 1e-12 || (Math.abs(v - bestV) <= 1e-12 && Math.abs(GRID_LOW + s * GRID_STEP - 0.5) < Math.abs(GRID_LOW + bestS * GRID_STEP - 0.5))) {
        bestV = v;
        bestS = s;
      }
    }
    out.push(Math.round((GRID_LOW + bestS * GRID_STEP) * 100) / 100);
  }
  return out;
}

function predictAt(probabilities: Float64Array, thresholds: readonly number[], n: number): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < n; i++) {
    const row: string[] = [];
    for (let c = 0; c < K; c++) if ((probabilities[i * K + c] as number) >= (thresholds[c] as number)) row.push(CATEGORY_IDS[c] as string);
    out.push(row);
  }
  return out;
}
