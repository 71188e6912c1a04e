import { classificationMetrics } from '../../eval/metrics.ts';
import type { LabelIndex } from '../types.ts';

/** Accuracy and macro-F1 of 3-class predictions (the evaluation metrics: src/understand/eval/metrics.ts). */
export interface Scores {
  n: number;
  accuracy: number;
  macroF1: number;
}

export function scores(gold: readonly LabelIndex[], predicted: readonly LabelIndex[]): Scores {
  if (gold.length !== predicted.length) throw new Error(`scores: ${gold.length} gold labels but ${predicted.length} predictions`);
  const m = classificationMetrics(gold, predicted, 3);
  return { n: m.n, accuracy: m.accuracy, macroF1: m.macroF1 };
}
