import type { SentimentLabel } from '../../../domain/mention.ts';
import { SENTIMENT_LABELS, type SentimentPrediction } from '../types.ts';
import type { SparseFeatures } from './text-features.ts';

/**
 * A per-brand sentiment adapter: a multinomial logistic regression on top of the base model.
 * Class k's logit is  Σ_j logProb[k][j]·ℓ_j + bias[k] + Σ_f x_f·words[f][k],  where ℓ are the base
 * model's log-probabilities (centred; probabilities floored at MIN_PROB) and x the hashed text
 * features. At the start (logProb = identity, bias and words 0) it gives back the base model's
 * probabilities exactly; fit.ts moves it towards the brand's corrections.
 */
export interface SentimentAdapter {
  readonly brandId: string;
  /** The id of the base model it was fitted on top of (an adapter is only valid on that model). */
  readonly baseModel: string;
  /** How many corrections it was fitted on. */
  readonly corrections: number;
  /** Below this many corrections the adapter is not used: the base model answers. */
  readonly minCorrections: number;
  /** The text features' id (TEXT_FEATURES_ID) and buckets, or 'none'. */
  readonly textFeatures: string;
  readonly featureBits: number;
  /** 3×3, row-major: logProb[k * 3 + j] weighs the base log-probability of class j in class k's logit. */
  readonly logProb: Float64Array;
  readonly bias: Float64Array;
  /** Hashed feature bucket → its 3 weights (only the buckets seen in training). */
  readonly words: ReadonlyMap<number, Float64Array>;
}

/** Probabilities below this are floored before taking logs (a model's hard 0 would be -∞). */
export const MIN_PROB = 1e-4;

/** The base model's centred log-probabilities, the adapter's first three inputs. */
export function centredLogProbs(probs: readonly [number, number, number]): Float64Array {
  const l = new Float64Array(3);
  for (let j = 0; j < 3; j++) l[j] = Math.log(Math.max(MIN_PROB, probs[j]!));
  const mean = (l[0]! + l[1]! + l[2]!) / 3;
  for (let j = 0; j < 3; j++) l[j] = l[j]! - mean;
  return l;
}

/** The adapter's class logits for one text (written into `out`). */
export function logits(a: SentimentAdapter, l: Float64Array, x: SparseFeatures, out: Float64Array): Float64Array {
  for (let k = 0; k < 3; k++) {
    out[k] = a.logProb[k * 3]! * l[0]! + a.logProb[k * 3 + 1]! * l[1]! + a.logProb[k * 3 + 2]! * l[2]! + a.bias[k]!;
  }
  for (let i = 0; i < x.indices.length; i++) {
    const w = a.words.get(x.indices[i]!);
    if (w === undefined) continue;
    const v = x.values[i]!;
    out[0] = out[0]! + v * w[0]!;
    out[1] = out[1]! + v * w[1]!;
    out[2] = out[2]! + v * w[2]!;
  }
  return out;
}

/** Softmax in place. */
export function softmax(z: Float64Array): Float64Array {
  const m = Math.max(z[0]!, z[1]!, z[2]!);
  let sum = 0;
  for (let k = 0; k < 3; k++) {
    z[k] = Math.exp(z[k]! - m);
    sum += z[k]!;
  }
  for (let k = 0; k < 3; k++) z[k] = z[k]! / sum;
  return z;
}

/** True when the adapter has enough corrections to be used. */
export function isActive(a: SentimentAdapter): boolean {
  return a.corrections >= a.minCorrections;
}

/**
 * The adapted prediction for a text the base model judged as `base`: the base prediction itself
 * when the adapter is not active yet or the base model abstained (unsupported language, empty
 * text: the adapter has nothing to add), else the adapter's probabilities and their argmax.
 */
export function adaptPrediction(a: SentimentAdapter, base: SentimentPrediction, x: SparseFeatures, model: string): SentimentPrediction {
  if (!isActive(a) || base.reason !== undefined) return base;
  const p = softmax(logits(a, centredLogProbs(base.probs), x, new Float64Array(3)));
  const k = p[0]! >= p[1]! && p[0]! >= p[2]! ? 0 : p[1]! >= p[2]! ? 1 : 2;
  const label: SentimentLabel = SENTIMENT_LABELS[k]!;
  return { label, probs: [p[0]!, p[1]!, p[2]!], score: p[2]! - p[0]!, confidence: p[k]!, model };
}

/** The adapter that reproduces the base model: identity on the log-probabilities, no bias, no words. */
export function identityAdapter(brandId: string, baseModel: string, minCorrections: number, textFeatures: string, featureBits: number): SentimentAdapter {
  return {
    brandId, baseModel, corrections: 0, minCorrections, textFeatures, featureBits,
    logProb: Float64Array.of(1, 0, 0, 0, 1, 0, 0, 0, 1), bias: new Float64Array(3), words: new Map(),
  };
}
