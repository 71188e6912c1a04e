/**
 * Three-class sentiment metrics: accuracy, macro-averaged recall (TweetEval's official metric),
 * macro-F1 (UMSAB's), per-class recall, the confusion matrix, and the expected calibration error
 * of the predicted probabilities (15 equal-width confidence bins).
 */
export interface Metrics {
  n: number;
  accuracy: number;
  macroRecall: number;
  macroF1: number;
  /** Recall of negative, neutral, positive. */
  recall: [number, number, number];
  /** confusion[gold][predicted]. */
  confusion: number[][];
}

export function metrics(gold: ArrayLike<number>, predicted: ArrayLike<number>): Metrics {
  if (gold.length !== predicted.length) throw new Error(`metrics: ${gold.length} gold labels but ${predicted.length} predictions`);
  const confusion = [0, 1, 2].map(() => [0, 0, 0]);
  for (let i = 0; i < gold.length; i++) confusion[gold[i]!]![predicted[i]!]!++;
  let correct = 0;
  const recall: [number, number, number] = [0, 0, 0];
  let f1 = 0;
  let classes = 0;
  for (let k = 0; k < 3; k++) {
    const row = confusion[k]!;
    const support = row[0]! + row[1]! + row[2]!;
    const predictedK = confusion[0]![k]! + confusion[1]![k]! + confusion[2]![k]!;
    const tp = row[k]!;
    correct += tp;
    const r = support === 0 ? 0 : tp / support;
    const p = predictedK === 0 ? 0 : tp / predictedK;
    recall[k] = r;
    if (support > 0) {
      classes++;
      f1 += p + r === 0 ? 0 : (2 * p * r) / (p + r);
    }
  }
  const n = gold.length;
  const present = recall.filter((_, k) => confusion[k]!.some((v) => v > 0));
  return {
    n,
    accuracy: n === 0 ? 0 : correct / n,
    macroRecall: present.length === 0 ? 0 : present.reduce((a, b) => a + b, 0) / present.length,
    macroF1: classes === 0 ? 0 : f1 / classes,
    recall,
    confusion,
  };
}

/**
 * Expected calibration error: the gap between confidence (the top probability) and accuracy,
 * averaged over `bins` equal-width confidence bins weighted by their size. `probs` holds three
 * probabilities per text.
 */
export function expectedCalibrationError(probs: ArrayLike<number>, gold: ArrayLike<number>, bins = 15): number {
  const count = new Float64Array(bins);
  const conf = new Float64Array(bins);
  const hit = new Float64Array(bins);
  const n = gold.length;
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let k = 1; k < 3; k++) if (probs[i * 3 + k]! > probs[i * 3 + best]!) best = k;
    const c = probs[i * 3 + best]!;
    const b = Math.min(bins - 1, Math.floor(c * bins));
    count[b]!++;
    conf[b]! += c;
    if (best === gold[i]) hit[b]!++;
  }
  let ece = 0;
  for (let b = 0; b < bins; b++) if (count[b]! > 0) ece += Math.abs(hit[b]! - conf[b]!) / n;
  return ece;
}
