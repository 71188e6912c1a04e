/**
 * Chooses the weight of the written brand mentions in a head by cross-validation on the training
 * side only: the brands of `brands-<lang>-train` are split into folds (whole brands, so a fold's
 * brands are unseen, as the evaluation files' brands are); for each candidate weight and fold the
 * head is trained on everything else and scored on the fold's mentions, through the plain model
 * and through the stored decision rule (withMinConfidence 0.5). The eval-*.jsonl files are not
 * read here. Also reports the head's benchmark validation set(s), trained on all brands.
 */
import { metrics, type Metrics } from './metrics.ts';
import { LinearSentimentModel } from './linear-model.ts';
import { withMinConfidence } from './min-confidence.ts';
import { STORED_MIN_CONFIDENCE, trainSentimentModel, type TrainSettings, type ValidationReport } from './train.ts';
import { TrainingDataError, type DataSet, type SentimentCorpus } from './training-data.ts';
import { labelIndex } from './types.ts';

export interface WeightScore {
  weight: number;
  /** Pooled over the folds' mentions. */
  plain: Metrics;
  stored: Metrics;
  /** The benchmark validation sets of this language, trained with this weight on all brands (when asked). */
  validation: ValidationReport[];
}

export interface CrossValidationOptions {
  readonly lang: 'en' | 'fr';
  readonly weights: readonly number[];
  readonly folds: number;
  /** Also train on all brands and score the validation sets (slower). */
  readonly withValidation: boolean;
}

/** Brand → fold: brands sorted by name, dealt round-robin (deterministic, about equal folds). */
export function brandFolds(set: DataSet, folds: number): Map<string, number> {
  const brands = [...new Set(set.rows.map((r) => r.brand ?? ''))].sort();
  if (brands.length < folds) throw new TrainingDataError(`${set.files[0]}: ${brands.length} brands, fewer than the ${folds} folds asked`);
  return new Map(brands.map((b, i) => [b, i % folds]));
}

export function crossValidateBrandWeight(corpus: SentimentCorpus, settings: TrainSettings, options: CrossValidationOptions, log: (line: string) => void = () => {}): WeightScore[] {
  const name = `brands-${options.lang}-train`;
  const head = settings.heads.find((h) => h.lang === options.lang);
  const brands = corpus.train.find((s) => s.name === name);
  if (head === undefined || brands === undefined) throw new TrainingDataError(`cross-validation: no ${options.lang} head or no ${name} set`);
  const fold = brandFolds(brands, options.folds);
  const others = corpus.train.filter((s) => s.name !== name && s.rows[0]?.lang === options.lang);
  const out: WeightScore[] = [];
  for (const weight of options.weights) {
    const gold: number[] = [];
    const plain: number[] = [];
    const stored: number[] = [];
    for (let k = 0; k < options.folds; k++) {
      const trainRows = brands.rows.filter((r) => fold.get(r.brand ?? '') !== k);
      const testRows = brands.rows.filter((r) => fold.get(r.brand ?? '') === k);
      const foldSettings: TrainSettings = { ...settings, heads: [{ ...head, sources: { ...head.sources, [name]: weight } }] };
      const trained = trainSentimentModel({ train: [...others, { ...brands, rows: trainRows }], validation: [], inDomain: [] }, foldSettings);
      const model = new LinearSentimentModel(trained.model);
      const rule = withMinConfidence(model, STORED_MIN_CONFIDENCE);
      for (const r of testRows) {
        gold.push(r.label);
        plain.push(labelIndex(model.predict(r.text, r.lang).label));
        stored.push(labelIndex(rule.predict(r.text, r.lang).label));
      }
    }
    let validation: ValidationReport[] = [];
    if (options.withValidation) {
      const full: TrainSettings = { ...settings, heads: [{ ...head, sources: { ...head.sources, [name]: weight } }] };
      const sets = corpus.validation.filter((v) => v.rows[0]?.lang === options.lang);
      validation = trainSentimentModel({ train: [...others, brands], validation: sets, inDomain: [] }, full).report.validation;
    }
    const score: WeightScore = { weight, plain: metrics(gold, plain), stored: metrics(gold, stored), validation };
    out.push(score);
    log(
      `${options.lang} weight ${weight}: brand-fold accuracy ${score.plain.accuracy.toFixed(3)}, macro-F1 ${score.plain.macroF1.toFixed(3)}; ` +
        `stored accuracy ${score.stored.accuracy.toFixed(3)}, macro-F1 ${score.stored.macroF1.toFixed(3)}` +
        validation.map((v) => `; ${v.name} macro-recall ${v.tagged.macroRecall.toFixed(3)} macro-F1 ${v.tagged.macroF1.toFixed(3)}`).join(''),
    );
  }
  return out;
}
