/**
 * Fitting the detector's confidence from labelled data (used by `npm run bench -- language --fit`):
 * a logistic regression of "the best candidate is the right language" on the confidence features,
 * and the threshold that maximises right answers minus `wrongCost` × wrong ones among the texts
 * that get a language (a null answer scores 0).
 */
import { confidenceOf, featureVector, type ConfidenceFeatures, type ConfidenceModel } from './confidence.ts';

export interface FitRow {
  features: ConfidenceFeatures;
  correct: boolean;
}

/** Plain logistic regression by full-batch gradient descent (deterministic; a few thousand rows). */
export function fitConfidenceModel(rows: readonly FitRow[], iterations = 5000, rate = 1): ConfidenceModel {
  if (rows.length === 0) throw new RangeError('no rows to fit the confidence on');
  const xs = rows.map((r) => featureVector(r.features));
  const ys = rows.map((r) => (r.correct ? 1 : 0));
  const w = [0, 0, 0, 0];
  for (let it = 0; it < iterations; it++) {
    const g = [0, 0, 0, 0];
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i] as [number, number, number];
      const z = (w[0] as number) + (w[1] as number) * x[0] + (w[2] as number) * x[1] + (w[3] as number) * x[2];
      const e = 1 / (1 + Math.exp(-z)) - (ys[i] as number);
      g[0]! += e;
      g[1]! += e * x[0];
      g[2]! += e * x[1];
      g[3]! += e * x[2];
    }
    for (let k = 0; k < 4; k++) w[k]! -= (rate * (g[k] as number)) / xs.length;
  }
  return { intercept: w[0] as number, margin: w[1] as number, top: w[2] as number, logLetters: w[3] as number };
}

export interface ThresholdChoice {
  threshold: number;
  /** correct − wrongCost × wrong at that threshold. */
  utility: number;
  coverage: number;
  precision: number;
}

/**
 * The threshold among `candidates` with the best utility, each row scored with `model`.
 * Rows the hard rules already refuse (too short…) are not in `rows`.
 */
export function chooseThreshold(
  rows: readonly FitRow[],
  model: ConfidenceModel,
  wrongCost = 2,
  candidates: readonly number[] = Array.from({ length: 19 }, (_, i) => (i + 1) / 20),
): ThresholdChoice {
  const scored = rows.map((r) => ({ c: confidenceOf(r.features, model), ok: r.correct }));
  let best: ThresholdChoice | undefined;
  for (const threshold of candidates) {
    let right = 0;
    let wrong = 0;
    for (const s of scored) {
      if (s.c < threshold) continue;
      if (s.ok) right++;
      else wrong++;
    }
    const utility = right - wrongCost * wrong;
    if (best === undefined || utility > best.utility) {
      best = { threshold, utility, coverage: (right + wrong) / Math.max(1, scored.length), precision: right + wrong === 0 ? 1 : right / (right + wrong) };
    }
  }
  return best as ThresholdChoice;
}

export interface TopFloor {
  /** The floor applies to texts with at least this many letters (up to the next floor's). */
  minLetters: number;
  /** Lowest top score accepted. */
  floor: number;
}

/**
 * For each letter bucket starting at `starts`, the `quantile` of the top score among right
 * answers: below it, a text of that length scores lower than (1 − quantile) of the texts the
 * model gets right, which is what a language it does not know looks like. 0.5 % keeps nearly all
 * right answers (1 % cost about 1 point of accuracy on held-out German and English tweets) and
 * still refuses all 20 posts of fixtures/unsupported.ts.
 */
export function fitTopFloors(rows: readonly FitRow[], starts: readonly number[] = [20, 40, 80], quantile = 0.005): TopFloor[] {
  return starts.map((minLetters, i) => {
    const max = starts[i + 1] ?? Infinity;
    const tops = rows
      .filter((r) => r.correct && r.features.letters >= minLetters && r.features.letters < max)
      .map((r) => r.features.top)
      .sort((a, b) => a - b);
    if (tops.length === 0) throw new RangeError(`no right answer with ${minLetters}–${max} letters to set a floor from`);
    return { minLetters, floor: tops[Math.floor(quantile * (tops.length - 1))] as number };
  });
}
