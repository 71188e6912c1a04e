/**
 * Scores multi-label category predictions against gold labels: per category precision, recall,
 * F1 and support; micro averages (over every category decision) and macro averages (the mean
 * over categories that have gold examples); the exact-match ratio (the predicted set is the gold
 * set, `none` being the empty set); a merged "product defect or safety" row (the issue lists them
 * as one trigger); and a `none` row (texts with no trigger recognised as such). Conventions
 * follow scikit-learn with zero_division=0: a precision with nothing predicted, or a recall with
 * no gold example, is 0.
 */
import type { CategoryRecord } from './corpus.ts';
import { CATEGORY_IDS } from './taxonomy.ts';

export interface ScoreRow {
  category: string;
  /** Gold examples. */
  support: number;
  /** Predicted examples. */
  predicted: number;
  truePositives: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface Averages {
  precision: number;
  recall: number;
  f1: number;
}

export interface CategoryEvaluation {
  mentions: number;
  /** One row per category, in CATEGORY_IDS order. */
  rows: ScoreRow[];
  /** product_defect or product_safety, counted as one category. */
  defectOrSafety: ScoreRow;
  /** Mentions with no trigger: gold ['none'] against an empty prediction. */
  none: ScoreRow;
  micro: Averages;
  macro: Averages;
  /** Share of mentions whose predicted set equals the gold set. */
  exactMatch: number;
}

export const DEFECT_OR_SAFETY = 'product_defect|product_safety';

export function scoreRow(category: string, support: number, predicted: number, truePositives: number): ScoreRow {
  const precision = predicted === 0 ? 0 : truePositives / predicted;
  const recall = support === 0 ? 0 : truePositives / support;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { category, support, predicted, truePositives, precision, recall, f1 };
}

/**
 * Scores predictions (category ids; [] or ['none'] for none) against gold labels, mention by
 * mention (same order, same length).
 */
export function evaluatePredictions(gold: readonly (readonly string[])[], predicted: readonly (readonly string[])[]): CategoryEvaluation {
  if (gold.length !== predicted.length) throw new Error(`evaluatePredictions: ${gold.length} gold labels but ${predicted.length} predictions`);
  const k = CATEGORY_IDS.length;
  const support = new Array<number>(k).fill(0);
  const pred = new Array<number>(k).fill(0);
  const tp = new Array<number>(k).fill(0);
  const merged = { support: 0, predicted: 0, tp: 0 };
  const none = { support: 0, predicted: 0, tp: 0 };
  let exact = 0;
  const mergedIn = (s: ReadonlySet<string>): boolean => s.has('product_defect') || s.has('product_safety');
  for (let i = 0; i < gold.length; i++) {
    const g = new Set((gold[i] as readonly string[]).filter((c) => c !== 'none'));
    const p = new Set((predicted[i] as readonly string[]).filter((c) => c !== 'none'));
    CATEGORY_IDS.forEach((id, c) => {
      const inG = g.has(id);
      const inP = p.has(id);
      if (inG) support[c]!++;
      if (inP) pred[c]!++;
      if (inG && inP) tp[c]!++;
    });
    const mg = mergedIn(g);
    const mp = mergedIn(p);
    if (mg) merged.support++;
    if (mp) merged.predicted++;
    if (mg && mp) merged.tp++;
    if (g.size === 0) none.support++;
    if (p.size === 0) none.predicted++;
    if (g.size === 0 && p.size === 0) none.tp++;
    if (g.size === p.size && [...g].every((c) => p.has(c))) exact++;
  }
  const rows = CATEGORY_IDS.map((id, c) => scoreRow(id, support[c] as number, pred[c] as number, tp[c] as number));
  const sum = (a: number[]): number => a.reduce((x, y) => x + y, 0);
  const micro = scoreRow('micro', sum(support), sum(pred), sum(tp));
  const present = rows.filter((r) => r.support > 0);
  const mean = (f: (r: ScoreRow) => number): number => (present.length === 0 ? 0 : sum(present.map(f)) / present.length);
  return {
    mentions: gold.length,
    rows,
    defectOrSafety: scoreRow(DEFECT_OR_SAFETY, merged.support, merged.predicted, merged.tp),
    none: scoreRow('none', none.support, none.predicted, none.tp),
    micro: { precision: micro.precision, recall: micro.recall, f1: micro.f1 },
    macro: { precision: mean((r) => r.precision), recall: mean((r) => r.recall), f1: mean((r) => r.f1) },
    exactMatch: gold.length === 0 ? 0 : exact / gold.length,
  };
}

/** Scores a predictor on a corpus; returns the evaluation and each mention's prediction. */
export function evaluateCorpus(
  records: readonly CategoryRecord[],
  predict: (record: CategoryRecord) => readonly string[],
): { evaluation: CategoryEvaluation; predictions: string[][] } {
  const predictions = records.map((r) => [...predict(r)]);
  return { evaluation: evaluatePredictions(records.map((r) => r.categories), predictions), predictions };
}
