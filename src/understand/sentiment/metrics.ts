/**
 * Three-class sentiment metrics for training and provenance: accuracy, macro-averaged recall
 * (TweetEval's official metric), macro-F1 (UMSAB's), per-class recall, the confusion matrix, and
 * the expected calibration error over 15 confidence bins. Computed by the generic evaluation
 * metrics (src/understand/eval/metrics.ts), so `vigie train` and `vigie eval` agree to the digit.
 */
import { classificationMetrics, expectedCalibrationError as calibrationError } from '../eval/metrics.ts';

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
  const m = classificationMetrics(Array.from(gold), Array.from(predicted), 3);
  const recall: [number, number, number] = [m.perClass[0]!.recall, m.perClass[1]!.recall, m.perClass[2]!.recall];
  return { n: m.n, accuracy: m.accuracy, macroRecall: m.macroRecall, macroF1: m.macroF1, recall, confusion: m.confusion };
}

/** Expected calibration error; `probs` holds three probabilities per text, flat. */
export function expectedCalibrationError(probs: ArrayLike<number>, gold: ArrayLike<number>, bins = 15): number {
  const rows: number[][] = [];
  for (let i = 0; i < gold.length; i++) rows.push([probs[i * 3]!, probs[i * 3 + 1]!, probs[i * 3 + 2]!]);
  return calibrationError(rows, Array.from(gold), bins);
}
