/**
 * Classification metrics for evaluating Vigie's models against labelled data sets: confusion
 * matrix, accuracy, per-class precision / recall / F1, macro-recall (TweetEval's sentiment metric),
 * macro-F1 (UMSAB's), and the expected calibration error of predicted probabilities. Generic over
 * k classes numbered 0..k-1, so sentiment (3 classes) and language identification share them.
 */

export interface ClassMetrics {
  /** Index of the class (0..k-1). */
  index: number;
  /** How many items have this class as gold label. */
  support: number;
  /** How many items were predicted as this class. */
  predicted: number;
  /** True positives / predicted; 0 when nothing was predicted as this class. */
  precision: number;
  /** True positives / support; 0 when the class has no gold item. */
  recall: number;
  /** Harmonic mean of precision and recall; 0 when both are 0. */
  f1: number;
}

export interface ClassificationMetrics {
  n: number;
  accuracy: number;
  /** Mean recall over the classes that occur (in gold labels or predictions). */
  macroRecall: number;
  /** Mean F1 over the same classes. */
  macroF1: number;
  perClass: ClassMetrics[];
  /** confusion[gold][predicted] = count. */
  confusion: number[][];
}

function checkLabels(name: string, labels: readonly number[], k: number): void {
  for (let i = 0; i < labels.length; i++) {
    const v = labels[i] as number;
    if (!Number.isInteger(v) || v < 0 || v >= k) {
      throw new RangeError(`${name}[${i}] = ${v}: labels must be integers in 0..${k - 1}`);
    }
  }
}

/** confusion[gold][predicted]: how many items of each gold class got each predicted class. */
export function confusionMatrix(gold: readonly number[], predicted: readonly number[], k: number): number[][] {
  if (gold.length !== predicted.length) {
    throw new RangeError(`gold has ${gold.length} labels but predicted has ${predicted.length}`);
  }
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k = ${k}: the number of classes must be a positive integer`);
  checkLabels('gold', gold, k);
  checkLabels('predicted', predicted, k);
  const m = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < gold.length; i++) (m[gold[i] as number] as number[])[predicted[i] as number]! += 1;
  return m;
}

/** Every metric above from a confusion matrix (rows gold, columns predicted). */
export function metricsFromConfusion(confusion: readonly (readonly number[])[]): ClassificationMetrics {
  const k = confusion.length;
  let n = 0;
  let correct = 0;
  const perClass: ClassMetrics[] = [];
  for (let c = 0; c < k; c++) {
    const row = confusion[c] as readonly number[];
    if (row.length !== k) throw new RangeError(`confusion row ${c} has ${row.length} cells, expected ${k}`);
    const support = row.reduce((a, b) => a + b, 0);
    let predicted = 0;
    for (let g = 0; g < k; g++) predicted += (confusion[g] as readonly number[])[c] as number;
    const tp = row[c] as number;
    n += support;
    correct += tp;
    const precision = predicted === 0 ? 0 : tp / predicted;
    const recall = support === 0 ? 0 : tp / support;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    perClass.push({ index: c, support, predicted, precision, recall, f1 });
  }
  // As scikit-learn does when it is not given the label list: average over the classes present.
  const present = perClass.filter((c) => c.support > 0 || c.predicted > 0);
  const mean = (xs: number[]): number => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);
  return {
    n,
    accuracy: n === 0 ? 0 : correct / n,
    macroRecall: mean(present.map((c) => c.recall)),
    macroF1: mean(present.map((c) => c.f1)),
    perClass,
    confusion: confusion.map((r) => [...r]),
  };
}

/** Accuracy, per-class and macro metrics of predicted labels against gold labels (k classes). */
export function classificationMetrics(gold: readonly number[], predicted: readonly number[], k: number): ClassificationMetrics {
  return metricsFromConfusion(confusionMatrix(gold, predicted, k));
}

/**
 * Expected calibration error: items are put in `bins` equal-width bins by their top probability
 * (the confidence of the predicted class, argmax of `probs`); ECE is the mean over items of
 * |bin accuracy − bin mean confidence|, each bin weighted by its share of items. 0 is perfectly
 * calibrated. Each row of `probs` holds one item's class probabilities.
 */
export function expectedCalibrationError(probs: readonly (readonly number[])[], gold: readonly number[], bins = 10): number {
  if (probs.length !== gold.length) throw new RangeError(`probs has ${probs.length} rows but gold has ${gold.length} labels`);
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`bins = ${bins}: must be a positive integer`);
  if (probs.length === 0) return 0;
  const count = new Array<number>(bins).fill(0);
  const confSum = new Array<number>(bins).fill(0);
  const hits = new Array<number>(bins).fill(0);
  for (let i = 0; i < probs.length; i++) {
    const row = probs[i] as readonly number[];
    if (row.length === 0) throw new RangeError(`probs[${i}] is empty`);
    let best = 0;
    for (let c = 1; c < row.length; c++) if ((row[c] as number) > (row[best] as number)) best = c;
    const conf = row[best] as number;
    if (!(conf >= 0 && conf <= 1)) throw new RangeError(`probs[${i}][${best}] = ${conf}: probabilities must be in [0, 1]`);
    const b = Math.min(bins - 1, Math.floor(conf * bins));
    count[b]! += 1;
    confSum[b]! += conf;
    if (best === gold[i]) hits[b]! += 1;
  }
  let ece = 0;
  for (let b = 0; b < bins; b++) {
    const nb = count[b] as number;
    if (nb > 0) ece += Math.abs((hits[b] as number) - (confSum[b] as number));
  }
  return ece / probs.length;
}
