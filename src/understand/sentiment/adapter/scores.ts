import type { LabelIndex } from '../types.ts';

/** Accuracy and macro-F1 (averaged over the classes present in the gold labels) of 3-class predictions. */
export interface Scores {
  n: number;
  accuracy: number;
  macroF1: number;
}

export function scores(gold: readonly LabelIndex[], predicted: readonly LabelIndex[]): Scores {
  if (gold.length !== predicted.length) throw new Error(`scores: ${gold.length} gold labels but ${predicted.length} predictions`);
  const confusion = [0, 1, 2].map(() => [0, 0, 0]);
  for (let i = 0; i < gold.length; i++) confusion[gold[i]!]![predicted[i]!]!++;
  let correct = 0;
  let f1 = 0;
  let classes = 0;
  for (let k = 0; k < 3; k++) {
    const row = confusion[k]!;
    const support = row[0]! + row[1]! + row[2]!;
    const predictedK = confusion[0]![k]! + confusion[1]![k]! + confusion[2]![k]!;
    const tp = row[k]!;
    correct += tp;
    if (support === 0) continue;
    classes++;
    const recall = tp / support;
    const precision = predictedK === 0 ? 0 : tp / predictedK;
    f1 += precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  }
  return { n: gold.length, accuracy: gold.length === 0 ? 0 : correct / gold.length, macroF1: classes === 0 ? 0 : f1 / classes };
}
