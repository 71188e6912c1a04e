import type { SentimentLabel } from '../../../domain/mention.ts';
import { labelIndex, type LabelIndex, type SentimentModel, type SentimentPrediction } from '../types.ts';
import { centredLogProbs, identityAdapter, logits, softmax, type SentimentAdapter } from './adapter.ts';
import { seededRandom, shuffled } from './shuffle.ts';
import { DEFAULT_FEATURE_BITS, TEXT_FEATURES_ID, textFeatures, type SparseFeatures } from './text-features.ts';

/**
 * Fits a brand's adapter on its analysts' corrections: online (stochastic) gradient descent on the
 * cross-entropy, examples in a seeded order for `epochs` passes, learning rate
 * η_t = η₀ / (1 + t / n) (t counts steps, n examples), with an L2 pull towards the starting point
 * (the identity, which reproduces the base model) worth `l2` examples for the log-probability and
 * bias weights and `l2Words` examples for the word weights. Fewer than `minCorrections` usable
 * corrections leave the adapter inactive (the base model answers). Same corrections, same options,
 * same adapter.
 */
export interface AdapterOptions {
  brandId: string;
  /** Corrections needed before the adapter is used (default 10). */
  minCorrections?: number;
  /** Passes over the corrections (default: about 30,000 steps in all, at least 10 and at most 50 passes). */
  epochs?: number;
  /** η₀ (default 0.5). */
  learningRate?: number;
  /** Strength of the pull of the log-probability and bias weights to the start, in examples (default 4). */
  l2?: number;
  /** Strength of the pull of the word weights to 0, in examples (default 0.25). */
  l2Words?: number;
  /** Seed of the training order (default 1). */
  seed?: number;
  /** Learn the brand's words too (default true); false keeps a recalibration of the base model. */
  textFeatures?: boolean;
  /** log2 of the number of word buckets (default 18). */
  featureBits?: number;
}

/** One correction as the adapter learns from it. */
export interface CorrectionExample {
  text: string;
  lang: string | null;
  label: SentimentLabel;
}

/** A correction with what the training needs computed once: the base model's answer and the text features. */
export interface PreparedExample {
  base: SentimentPrediction;
  logProbs: Float64Array;
  features: SparseFeatures;
  y: LabelIndex;
}

export const ADAPTER_DEFAULTS = { minCorrections: 10, learningRate: 0.5, l2: 4, l2Words: 0.25, seed: 1, textFeatures: true, featureBits: DEFAULT_FEATURE_BITS };

/** The default number of passes over n corrections: about 30,000 steps, 10 to 50 passes. */
export function defaultEpochs(n: number): number {
  return Math.min(50, Math.max(10, Math.ceil(30_000 / Math.max(1, n))));
}

const NO_FEATURES: SparseFeatures = { indices: new Int32Array(0), values: new Float64Array(0) };

/** The text features an adapter with these options uses. */
export function featuresFor(text: string, lang: string | null, options: Pick<AdapterOptions, 'textFeatures' | 'featureBits'>): SparseFeatures {
  return options.textFeatures === false ? NO_FEATURES : textFeatures(text, lang, options.featureBits ?? DEFAULT_FEATURE_BITS);
}

/** Runs the base model once per correction; skips those it abstains on (nothing to adapt) and empty texts. */
export function prepareExamples(
  corrections: readonly CorrectionExample[],
  base: SentimentModel,
  options: Pick<AdapterOptions, 'textFeatures' | 'featureBits'> = {},
): PreparedExample[] {
  const out: PreparedExample[] = [];
  for (const c of corrections) {
    if (c.text.trim().length === 0) continue;
    const prediction = base.predict(c.text, c.lang);
    if (prediction.reason !== undefined) continue;
    out.push({ base: prediction, logProbs: centredLogProbs(prediction.probs), features: featuresFor(c.text, c.lang, options), y: labelIndex(c.label) });
  }
  return out;
}

export function fitAdapter(corrections: readonly CorrectionExample[], base: SentimentModel, options: AdapterOptions): SentimentAdapter {
  return fitPrepared(prepareExamples(corrections, base, options), base.id, options);
}

export function fitPrepared(examples: readonly PreparedExample[], baseModel: string, options: AdapterOptions): SentimentAdapter {
  const o: Required<AdapterOptions> = { ...ADAPTER_DEFAULTS, epochs: defaultEpochs(examples.length), ...definedOnly(options), brandId: options.brandId };
  checkOptions(o);
  const features = o.textFeatures ? TEXT_FEATURES_ID : 'none';
  const start = identityAdapter(o.brandId, baseModel, o.minCorrections, features, o.featureBits);
  const n = examples.length;
  if (n === 0) return start;
  const A = Float64Array.from(start.logProb);
  const b = new Float64Array(3);
  // Word weights are scale × v (so that the pull to 0 of every weight is one multiplication per step).
  const v = new Map<number, Float64Array>();
  let scale = 1;
  const dense: SentimentAdapter = { ...start, logProb: A, bias: b }; // A and b change in place
  const z = new Float64Array(3);
  // The log-probabilities can be large (±6 for a confident model): their weights take steps scaled
  // down by their mean square, so that one step moves every input group about as much.
  let meanSquare = 0;
  for (const e of examples) meanSquare += (e.logProbs[0]! ** 2 + e.logProbs[1]! ** 2 + e.logProbs[2]! ** 2) / n;
  const stepA = 1 / Math.max(1, meanSquare);
  const random = seededRandom(o.seed);
  let t = 0;
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    for (const e of shuffled(examples, random)) {
      const eta = o.learningRate / (1 + t / n);
      t++;
      const x = e.features;
      logits(dense, e.logProbs, NO_FEATURES, z);
      for (let i = 0; i < x.indices.length; i++) {
        const w = v.get(x.indices[i]!);
        if (w === undefined) continue;
        const s = x.values[i]! * scale; // the true word weights are scale × v
        for (let k = 0; k < 3; k++) z[k] = z[k]! + s * w[k]!;
      }
      const p = softmax(z);
      const g0 = p[0]! - (e.y === 0 ? 1 : 0);
      const g1 = p[1]! - (e.y === 1 ? 1 : 0);
      const g2 = p[2]! - (e.y === 2 ? 1 : 0);
      const g = [g0, g1, g2];
      // Gradient step, then the pull to the start as a proximal step (a division, stable for any strength).
      const shrinkA = 1 + (stepA * eta * o.l2) / n;
      const shrinkB = 1 + (eta * o.l2) / n;
      for (let k = 0; k < 3; k++) {
        for (let j = 0; j < 3; j++) {
          const i = k * 3 + j;
          const start = k === j ? 1 : 0;
          A[i] = start + (A[i]! - stepA * eta * g[k]! * e.logProbs[j]! - start) / shrinkA;
        }
        b[k] = (b[k]! - eta * g[k]!) / shrinkB;
      }
      scale /= 1 + (eta * o.l2Words) / n;
      for (let i = 0; i < x.indices.length; i++) {
        const f = x.indices[i]!;
        let w = v.get(f);
        if (w === undefined) v.set(f, (w = new Float64Array(3)));
        const step = (eta * x.values[i]!) / scale;
        w[0] = w[0]! - step * g0;
        w[1] = w[1]! - step * g1;
        w[2] = w[2]! - step * g2;
      }
      if (scale < 1e-6) {
        for (const w of v.values()) for (let k = 0; k < 3; k++) w[k] = w[k]! * scale;
        scale = 1;
      }
    }
  }
  const words = new Map<number, Float64Array>();
  for (const [f, w] of v) words.set(f, Float64Array.from(w, (x) => x * scale));
  return { ...start, corrections: n, logProb: A, bias: b, words };
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, value]) => value !== undefined)) as Partial<T>;
}

function checkOptions(o: Required<AdapterOptions>): void {
  const bad = (name: string, want: string, got: unknown): never => {
    throw new RangeError(`adapter option ${name}: expected ${want}, got ${String(got)}`);
  };
  if (typeof o.brandId !== 'string' || o.brandId.length === 0) bad('brandId', 'a brand id', o.brandId);
  if (!Number.isInteger(o.minCorrections) || o.minCorrections < 1) bad('minCorrections', 'an integer ≥ 1', o.minCorrections);
  if (!Number.isInteger(o.epochs) || o.epochs < 1 || o.epochs > 1000) bad('epochs', 'an integer from 1 to 1000', o.epochs);
  if (!(o.learningRate > 0 && o.learningRate <= 10)) bad('learningRate', 'a number in (0, 10]', o.learningRate);
  if (!(o.l2 >= 0 && Number.isFinite(o.l2))) bad('l2', 'a number ≥ 0', o.l2);
  if (!(o.l2Words >= 0 && Number.isFinite(o.l2Words))) bad('l2Words', 'a number ≥ 0', o.l2Words);
  if (!Number.isInteger(o.featureBits) || o.featureBits < 8 || o.featureBits > 24) bad('featureBits', 'an integer from 8 to 24', o.featureBits);
  if (!Number.isSafeInteger(o.seed)) bad('seed', 'an integer', o.seed);
}
