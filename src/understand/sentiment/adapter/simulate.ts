import type { SentimentLabel } from '../../../domain/mention.ts';
import { labelIndex, type LabelIndex, type SentimentModel } from '../types.ts';
import { adaptPrediction } from './adapter.ts';
import { fitPrepared, prepareExamples, type AdapterOptions, type PreparedExample } from './fit.ts';
import { scores, type Scores } from './scores.ts';
import { seedOf, seededRandom, shuffled } from './shuffle.ts';

/**
 * Simulates analysts correcting a labelled data set: per brand, the rows in a seeded order; the
 * first `trainShare` of them are the brand's corrections, the rest is held back. The base model
 * and the adapter fitted on the corrections are scored on the held-back rows (accuracy,
 * macro-F1), per brand and pooled; the learning curve refits on the first k corrections only
 * (k = 10, 25, 50, 100, 200 by default) and scores on the same held-back rows.
 */
export interface LabelledRow {
  text: string;
  lang: string | null;
  label: SentimentLabel;
  brand: string;
}

export interface SimulationOptions {
  trainShare: number;
  seed: number;
  curve?: readonly number[];
  adapter?: Omit<AdapterOptions, 'brandId'>;
}

export interface Gain {
  accuracy: number;
  macroF1: number;
}

export interface CurvePoint {
  corrections: number;
  /** How many brands had that many corrections (the pooled points only). */
  brands?: number;
  base: Scores;
  adapted: Scores;
  gain: Gain;
}

export interface BrandResult {
  brand: string;
  rows: number;
  /** Corrections used (rows the base model abstained on, or empty texts, are not usable). */
  corrections: number;
  base: Scores;
  adapted: Scores;
  gain: Gain;
  curve: CurvePoint[];
}

export interface SimulationReport {
  baseModel: string;
  trainShare: number;
  seed: number;
  brands: BrandResult[];
  overall: { base: Scores; adapted: Scores; gain: Gain };
  curve: CurvePoint[];
}

export const DEFAULT_CURVE = [10, 25, 50, 100, 200];

const gainOf = (base: Scores, adapted: Scores): Gain => ({ accuracy: adapted.accuracy - base.accuracy, macroF1: adapted.macroF1 - base.macroF1 });

interface Held {
  gold: LabelIndex[];
  base: LabelIndex[];
  prepared: PreparedExample[];
  /** Index in `prepared` of each held-back row, or -1 when the base model abstained (the adapter then answers as the base). */
  at: number[];
}

export function simulateCorrections(rows: readonly LabelledRow[], base: SentimentModel, options: SimulationOptions): SimulationReport {
  if (!(options.trainShare > 0 && options.trainShare < 1)) throw new RangeError(`trainShare must be between 0 and 1 (exclusive), got ${options.trainShare}`);
  const curve = options.curve ?? DEFAULT_CURVE;
  const byBrand = new Map<string, LabelledRow[]>();
  for (const r of rows) {
    const list = byBrand.get(r.brand);
    if (list === undefined) byBrand.set(r.brand, [r]);
    else list.push(r);
  }
  const brands: BrandResult[] = [];
  const pooled = { gold: [] as LabelIndex[], base: [] as LabelIndex[], adapted: [] as LabelIndex[] };
  const pooledCurve = curve.map(() => ({ brands: 0, gold: [] as LabelIndex[], base: [] as LabelIndex[], adapted: [] as LabelIndex[] }));
  for (const brand of [...byBrand.keys()].sort()) {
    const ordered = shuffled(byBrand.get(brand)!, seededRandom(seedOf(brand, options.seed)));
    const cut = Math.round(ordered.length * options.trainShare);
    const train = prepareExamples(ordered.slice(0, cut), base, options.adapter ?? {});
    const held = prepareHeld(ordered.slice(cut), base, options.adapter ?? {});
    const fit = (examples: readonly PreparedExample[]): LabelIndex[] => {
      const adapter = fitPrepared(examples, base.id, { ...options.adapter, brandId: brand });
      return held.at.map((i, r) => (i < 0 ? held.base[r]! : labelIndex(adaptPrediction(adapter, held.prepared[i]!.base, held.prepared[i]!.features, 'adapted').label)));
    };
    const adaptedLabels = fit(train);
    const baseScores = scores(held.gold, held.base);
    const adaptedScores = scores(held.gold, adaptedLabels);
    pooled.gold.push(...held.gold);
    pooled.base.push(...held.base);
    pooled.adapted.push(...adaptedLabels);
    const points: CurvePoint[] = [];
    curve.forEach((k, c) => {
      if (k > train.length) return;
      const labels = fit(train.slice(0, k));
      const adapted = scores(held.gold, labels);
      points.push({ corrections: k, base: baseScores, adapted, gain: gainOf(baseScores, adapted) });
      const p = pooledCurve[c]!;
      p.brands++;
      p.gold.push(...held.gold);
      p.base.push(...held.base);
      p.adapted.push(...labels);
    });
    brands.push({ brand, rows: ordered.length, corrections: train.length, base: baseScores, adapted: adaptedScores, gain: gainOf(baseScores, adaptedScores), curve: points });
  }
  const overallBase = scores(pooled.gold, pooled.base);
  const overallAdapted = scores(pooled.gold, pooled.adapted);
  return {
    baseModel: base.id,
    trainShare: options.trainShare,
    seed: options.seed,
    brands,
    overall: { base: overallBase, adapted: overallAdapted, gain: gainOf(overallBase, overallAdapted) },
    curve: curve.flatMap((k, c) => {
      const p = pooledCurve[c]!;
      if (p.brands === 0) return [];
      const b = scores(p.gold, p.base);
      const a = scores(p.gold, p.adapted);
      return [{ corrections: k, brands: p.brands, base: b, adapted: a, gain: gainOf(b, a) }];
    }),
  };
}

/** The held-back rows: gold labels, the base model's labels, and what the adapter needs for each. */
function prepareHeld(rows: readonly LabelledRow[], base: SentimentModel, options: Omit<AdapterOptions, 'brandId'>): Held {
  const held: Held = { gold: [], base: [], prepared: [], at: [] };
  for (const r of rows) {
    held.gold.push(labelIndex(r.label));
    const [p] = prepareExamples([r], base, options);
    if (p === undefined) {
      held.base.push(labelIndex(base.predict(r.text, r.lang).label));
      held.at.push(-1);
    } else {
      held.base.push(labelIndex(p.base.label));
      held.at.push(held.prepared.length);
      held.prepared.push(p);
    }
  }
  return held;
}
