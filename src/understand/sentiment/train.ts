/**
 * Trains the built-in sentiment model from the data sets read by training-data.ts, reproducibly:
 *
 * 1. every training text whose overlapKey equals a validation text's is excluded (SemEval holds
 *    TweetEval's and UMSAB English's validation tweets): no leakage into the reported figures;
 * 2. a seeded, per-set and per-class 10 % of what is left is held out, for model selection (the
 *    epoch kept) and calibration (the temperature);
 * 3. one head per language (English: SemEval and the written English brand mentions; French:
 *    UMSAB French train, DEFT 2017 and the written French brand mentions), each a class-balanced
 *    logistic regression on the same hashed features (logistic.ts), quantised to int8, then
 *    temperature-calibrated on its held-out texts;
 * 4. the model as it will ship (LinearSentimentModel over the quantised file) is scored on the
 *    validation sets, with and without the language tag, and on the in-domain evaluation sets
 *    (written brand mentions never used for any choice), also through the stored decision rule
 *    withMinConfidence(model, 0.5).
 */
import { fitTemperature, probabilities } from './calibrate.ts';
import { DEFAULT_FEATURE_CONFIG, type FeatureConfig } from './features.ts';
import { LinearSentimentModel } from './linear-model.ts';
import { withMinConfidence } from './min-confidence.ts';
import { featurise, fitWeights, logitsOf, type Featurised } from './logistic.ts';
import { expectedCalibrationError, metrics, type Metrics } from './metrics.ts';
import { encodeModel, quantise, type ModelHead, type SentimentModelData } from './model-file.ts';
import { SeededRandom } from './rng.ts';
import { overlapKey, TrainingDataError, type DataSet, type LabelledText, type SentimentCorpus } from './training-data.ts';
import type { SentimentModel } from './types.ts';

export const MODEL_ID = 'vigie-sentiment-1';

/** The confidence below which the pipeline stores a neutral (understand.sentiment.minConfidence default). */
export const STORED_MIN_CONFIDENCE = 0.5;

/** How one language's head is trained. */
export interface HeadSettings {
  readonly lang: 'en' | 'fr';
  /** Training sets (by DataSet name) and the weight of each set's examples (after class balance). */
  readonly sources: Readonly<Record<string, number>>;
  /** Epochs run; the epoch with the best held-out score is kept. */
  readonly maxEpochs: number;
  /** Runs with different shuffles whose weights are averaged. */
  readonly bags: number;
  readonly learningRate: number;
  readonly l2: number;
  /** Held-out score used to choose the epoch. */
  readonly selectBy: 'macroRecall' | 'macroF1';
}

export interface TrainSettings {
  readonly seed: number;
  /** Share of each training set held out for model selection and calibration. */
  readonly holdout: number;
  readonly features: FeatureConfig;
  readonly heads: readonly HeadSettings[];
}

/** Weights of the written brand mentions, chosen by brand-fold cross-validation on train-*.jsonl (cross-validate.ts). */
const BRAND_WEIGHT_EN = 40;
const BRAND_WEIGHT_FR = 7;

export const DEFAULT_TRAIN_SETTINGS: TrainSettings = {
  seed: 1,
  holdout: 0.1,
  features: DEFAULT_FEATURE_CONFIG,
  heads: [
    { lang: 'en', sources: { 'semeval-en-train': 1, 'brands-en-train': BRAND_WEIGHT_EN }, maxEpochs: 6, bags: 4, learningRate: 0.01, l2: 0, selectBy: 'macroRecall' },
    { lang: 'fr', sources: { 'umsab-fr-train': 5, 'deft2017-fr': 1, 'brands-fr-train': BRAND_WEIGHT_FR }, maxEpochs: 15, bags: 5, learningRate: 0.01, l2: 0, selectBy: 'macroF1' },
  ],
};

export interface SetReport {
  name: string;
  files: readonly string[];
  lang: string;
  /** Rows read, per class [negative, neutral, positive]. */
  read: [number, number, number];
  dropped: Record<string, number>;
  /** Rows excluded because they equal a validation text. */
  excludedTotal: number;
  /** The same, per validation set matched (a row equal to texts of two sets counts for both). */
  excluded: Record<string, number>;
  heldOut: number;
  trained: number;
  weight: number | null;
}

export interface HeadReport {
  lang: string;
  examples: number;
  heldOut: number;
  epochs: number;
  bestEpoch: number;
  /** Held-out score per epoch (float weights). */
  curve: number[];
  scale: number;
  temperature: number;
  /** Held-out metrics of the quantised head, and its calibration error before and after scaling. */
  heldOutMetrics: Metrics;
  eceBefore: number;
  eceAfter: number;
}

export interface ValidationReport {
  name: string;
  files: readonly string[];
  lang: string;
  /** With the language tag of the set, and without (lang null). */
  tagged: Metrics & { ece: number; abstained: number };
  untagged: Metrics & { ece: number; abstained: number };
}

/** A set of written brand mentions scored as the pipeline stores it, and without the language tag. */
export interface InDomainReport extends ValidationReport {
  /** With the set's language tag, through withMinConfidence(model, minConfidence). */
  stored: Metrics & { ece: number; abstained: number };
  minConfidence: number;
}

export interface TrainingReport {
  settings: TrainSettings;
  sets: SetReport[];
  validation: ValidationReport[];
  inDomain: InDomainReport[];
  heads: HeadReport[];
  modelBytes: number;
  seconds: number;
}

export interface TrainedModel {
  model: SentimentModelData;
  bytes: Uint8Array;
  report: TrainingReport;
}

interface Example {
  readonly row: LabelledText;
  readonly weight: number;
}

/** Trains, calibrates and scores the model. `log` receives progress lines. */
export function trainSentimentModel(corpus: SentimentCorpus, settings: TrainSettings = DEFAULT_TRAIN_SETTINGS, log: (line: string) => void = () => {}): TrainedModel {
  const started = performance.now();
  const rng = new SeededRandom(settings.seed);
  const keys = new Map<string, Set<string>>();
  for (const v of [...corpus.validation, ...corpus.inDomain]) {
    for (const r of v.rows) {
      const k = overlapKey(r.text);
      keys.set(k, (keys.get(k) ?? new Set()).add(v.name));
    }
  }
  const weightOf = (set: DataSet): number | null => {
    for (const h of settings.heads) if (set.name in h.sources) return h.sources[set.name]!;
    return null;
  };

  const train = new Map<string, Example[]>();
  const held = new Map<string, Example[]>();
  const sets: SetReport[] = [];
  for (const set of corpus.train) {
    const read: [number, number, number] = [0, 0, 0];
    const excluded: Record<string, number> = {};
    const kept: LabelledText[] = [];
    let excludedTotal = 0;
    for (const r of set.rows) {
      read[r.label]++;
      const hits = keys.get(overlapKey(r.text));
      if (hits === undefined) kept.push(r);
      else {
        excludedTotal++;
        for (const name of hits) excluded[name] = (excluded[name] ?? 0) + 1;
      }
    }
    const weight = weightOf(set);
    const lang = set.rows[0]?.lang ?? 'en';
    let heldOut = 0;
    if (weight !== null && weight > 0) {
      const counts = [0, 0, 0];
      for (const r of kept) counts[r.label]!++;
      for (let label = 0; label < 3; label++) {
        const group = kept.filter((r) => r.label === label);
        rng.shuffle(group);
        const nHeld = Math.round(group.length * settings.holdout);
        heldOut += nHeld;
        const w = (kept.length / (3 * counts[label]!)) * weight;
        group.forEach((row, i) => {
          const target = i < nHeld ? held : train;
          const list = target.get(row.lang) ?? [];
          list.push({ row, weight: w });
          target.set(row.lang, list);
        });
      }
    }
    sets.push({ name: set.name, files: set.files, lang, read, dropped: { ...set.dropped }, excludedTotal, excluded, heldOut, trained: weight !== null && weight > 0 ? kept.length - heldOut : 0, weight });
    log(`${set.name}: ${set.rows.length} read (neg ${read[0]}, neu ${read[1]}, pos ${read[2]}), ${excludedTotal} excluded (equal to a validation text), ${heldOut} held out`);
  }

  const heads: ModelHead[] = [];
  const headReports: HeadReport[] = [];
  for (const hs of settings.heads) {
    const examples = train.get(hs.lang) ?? [];
    const heldOut = held.get(hs.lang) ?? [];
    if (examples.length === 0) throw new TrainingDataError(`no training text for the ${hs.lang} head: its data sets (${Object.keys(hs.sources).join(', ')}) are empty or entirely excluded`);
    const data = featurise(examples.map((e) => ({ text: e.row.text, lang: e.row.lang })), settings.features);
    const heldData = featurise(heldOut.map((e) => ({ text: e.row.text, lang: e.row.lang })), settings.features);
    const heldLabels = Int8Array.from(heldOut, (e) => e.row.label);
    // `bags` runs with different shuffles, averaged epoch by epoch (less variance than one run);
    // the epoch whose average scores best on the held-out texts is kept.
    const sums = Array.from({ length: hs.maxEpochs }, () => new Float64Array((1 << settings.features.bits) * 3));
    const labels = Int8Array.from(examples, (e) => e.row.label);
    const exampleWeights = Float64Array.from(examples, (e) => e.weight);
    for (let bag = 0; bag < hs.bags; bag++) {
      const seed = (settings.seed * 31 + hs.lang.charCodeAt(0)) * 1009 + bag;
      fitWeights(data, labels, exampleWeights, 1 << settings.features.bits, { epochs: hs.maxEpochs, learningRate: hs.learningRate, l2: hs.l2, seed }, (epoch, w) => {
        const sum = sums[epoch]!;
        for (let k = 0; k < w.length; k++) sum[k]! += w[k]!;
      });
    }
    const curve: number[] = [];
    let best = sums[0]!;
    let bestScore = -1;
    let bestEpoch = 0;
    sums.forEach((sum, epoch) => {
      for (let k = 0; k < sum.length; k++) sum[k]! /= hs.bags;
      const m = metrics(heldLabels, predictAll(heldData, sum));
      const score = hs.selectBy === 'macroRecall' ? m.macroRecall : m.macroF1;
      curve.push(Math.round(score * 1e4) / 1e4);
      if (score > bestScore) {
        bestScore = score;
        bestEpoch = epoch + 1;
        best = sum;
      }
    });
    const q = quantise(best);
    const logits = allLogits(heldData, q.weights, q.scale);
    const temperature = fitTemperature(logits, heldLabels);
    const heldMetrics = metrics(heldLabels, argmaxAll(logits));
    const eceBefore = expectedCalibrationError(probabilities(logits, 1), heldLabels);
    const eceAfter = expectedCalibrationError(probabilities(logits, temperature), heldLabels);
    heads.push({ lang: hs.lang, scale: q.scale, temperature, weights: q.weights });
    headReports.push({
      lang: hs.lang, examples: examples.length, heldOut: heldOut.length, epochs: hs.maxEpochs, bestEpoch, curve,
      scale: q.scale, temperature, heldOutMetrics: heldMetrics, eceBefore, eceAfter,
    });
    log(
      `head ${hs.lang}: ${examples.length} texts, epoch ${bestEpoch}/${hs.maxEpochs} kept (held-out ${hs.selectBy} ${bestScore.toFixed(3)}), ` +
        `temperature ${temperature}, held-out ECE ${eceBefore.toFixed(3)} → ${eceAfter.toFixed(3)}`,
    );
  }

  const model: SentimentModelData = { id: MODEL_ID, languages: settings.heads.map((h) => h.lang), features: settings.features, heads };
  const bytes = encodeModel(model);
  const shipped = new LinearSentimentModel(model);
  const validation = corpus.validation.map((v) => scoreSet(shipped, v));
  for (const v of validation) {
    log(`${v.name}: macro-recall ${v.tagged.macroRecall.toFixed(3)}, macro-F1 ${v.tagged.macroF1.toFixed(3)}, accuracy ${v.tagged.accuracy.toFixed(3)} (untagged: macro-F1 ${v.untagged.macroF1.toFixed(3)})`);
  }
  const stored = withMinConfidence(shipped, STORED_MIN_CONFIDENCE);
  const inDomain = corpus.inDomain.map((v): InDomainReport => ({ ...scoreSet(shipped, v), stored: scoreSet(stored, v).tagged, minConfidence: STORED_MIN_CONFIDENCE }));
  for (const v of inDomain) {
    log(`${v.name} (in-domain, never used for choices): accuracy ${v.tagged.accuracy.toFixed(3)}, macro-F1 ${v.tagged.macroF1.toFixed(3)}; stored (min confidence ${v.minConfidence}): accuracy ${v.stored.accuracy.toFixed(3)}, macro-F1 ${v.stored.macroF1.toFixed(3)}`);
  }
  return {
    model,
    bytes,
    report: { settings, sets, validation, inDomain, heads: headReports, modelBytes: bytes.length, seconds: Math.round((performance.now() - started) / 100) / 10 },
  };
}

/** Scores a model on a labelled set, with the set's language tag and without. */
export function scoreSet(model: SentimentModel, set: DataSet): ValidationReport {
  const run = (tagged: boolean): Metrics & { ece: number; abstained: number } => {
    const gold = Int8Array.from(set.rows, (r) => r.label);
    const pred = new Int8Array(set.rows.length);
    const probs = new Float64Array(set.rows.length * 3);
    let abstained = 0;
    set.rows.forEach((r, i) => {
      const p = model.predict(r.text, tagged ? r.lang : null);
      if (p.reason !== undefined) abstained++;
      pred[i] = p.label === 'negative' ? 0 : p.label === 'neutral' ? 1 : 2;
      probs.set(p.probs, i * 3);
    });
    return { ...metrics(gold, pred), ece: expectedCalibrationError(probs, gold), abstained };
  };
  return { name: set.name, files: set.files, lang: set.rows[0]?.lang ?? '', tagged: run(true), untagged: run(false) };
}

function predictAll(data: Featurised, w: Float64Array): Int8Array {
  const n = data.offsets.length - 1;
  const out = new Int8Array(n);
  const z = new Float64Array(3);
  for (let i = 0; i < n; i++) {
    logitsOf(data, i, w, z);
    out[i] = z[0]! >= z[1]! && z[0]! >= z[2]! ? 0 : z[1]! >= z[2]! ? 1 : 2;
  }
  return out;
}

function allLogits(data: Featurised, q: Int8Array, scale: number): Float64Array {
  const n = data.offsets.length - 1;
  const out = new Float64Array(n * 3);
  const idx = data.indices;
  for (let i = 0; i < n; i++) {
    let z0 = 0;
    let z1 = 0;
    let z2 = 0;
    for (let j = data.offsets[i]!; j < data.offsets[i + 1]!; j++) {
      const f = idx[j]! * 3;
      z0 += q[f]!;
      z1 += q[f + 1]!;
      z2 += q[f + 2]!;
    }
    out[i * 3] = z0 * scale;
    out[i * 3 + 1] = z1 * scale;
    out[i * 3 + 2] = z2 * scale;
  }
  return out;
}

function argmaxAll(logits: Float64Array): Int8Array {
  const n = logits.length / 3;
  const out = new Int8Array(n);
  for (let i = 0; i < n; i++) {
    const a = logits[i * 3]!;
    const b = logits[i * 3 + 1]!;
    const c = logits[i * 3 + 2]!;
    out[i] = a >= b && a >= c ? 0 : b >= c ? 1 : 2;
  }
  return out;
}
