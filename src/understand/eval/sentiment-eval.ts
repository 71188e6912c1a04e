/**
 * Runs a sentiment model over labelled texts and scores it: the classification metrics, the
 * calibration of its probabilities, which texts it abstained on (and why), and its speed. The
 * clock covers the model's predictions only, not reading the files, so texts/s is the model's.
 * Works with the built-in synchronous model and with the batched transformer backend alike.
 */
import type { BatchSentimentModel, LabelIndex, SentimentModel, SentimentPrediction } from '../sentiment/types.ts';
import { labelIndex, SENTIMENT_LABELS } from '../sentiment/types.ts';
import { classificationMetrics, expectedCalibrationError, type ClassificationMetrics } from './metrics.ts';

export interface SentimentEvalOptions {
  /** ISO 639-1 code given to the model for every text; null = unknown. */
  lang: string | null;
  /** Texts per `predictBatch` call for a batch model (default 32). */
  batchSize?: number;
}

export interface SentimentEvaluation extends ClassificationMetrics {
  model: string;
  /** Predicted label index of every text, in input order. */
  predictions: LabelIndex[];
  /** Expected calibration error of the predicted probabilities (10 bins). */
  ece: number;
  /** Seconds spent in the model's predictions. */
  seconds: number;
  textsPerSec: number;
  /** Texts the model abstained on, counted by reason (`unsupported-language:de`…). */
  abstained: Record<string, number>;
}

function isBatch(model: SentimentModel | BatchSentimentModel): model is BatchSentimentModel {
  return 'predictBatch' in model;
}

function checkPrediction(p: SentimentPrediction | undefined, i: number, model: string): SentimentPrediction {
  if (p === undefined || !SENTIMENT_LABELS.includes(p.label) || p.probs.length !== 3) {
    throw new Error(`model ${model} returned an invalid prediction for text ${i + 1}: ${JSON.stringify(p)}`);
  }
  return p;
}

/** Predicts every text with `model` and scores the predictions against `gold` (0/1/2). */
export async function evaluateSentiment(
  texts: readonly string[],
  gold: readonly LabelIndex[],
  model: SentimentModel | BatchSentimentModel,
  options: SentimentEvalOptions,
): Promise<SentimentEvaluation> {
  if (texts.length !== gold.length) throw new RangeError(`${texts.length} texts but ${gold.length} labels`);
  const lang = options.lang;
  let raw: SentimentPrediction[];
  let ms: number;
  if (isBatch(model)) {
    const size = options.batchSize ?? 32;
    raw = [];
    const items = texts.map((text) => ({ text, lang }));
    const t0 = performance.now();
    for (let i = 0; i < items.length; i += size) raw.push(...(await model.predictBatch(items.slice(i, i + size))));
    ms = performance.now() - t0;
    if (raw.length !== texts.length) throw new Error(`model ${model.id} returned ${raw.length} predictions for ${texts.length} texts`);
  } else {
    raw = new Array<SentimentPrediction>(texts.length);
    const t0 = performance.now();
    for (let i = 0; i < texts.length; i++) raw[i] = model.predict(texts[i] as string, lang);
    ms = performance.now() - t0;
  }
  const preds = raw.map((p, i) => checkPrediction(p, i, model.id));
  const predictions = preds.map((p) => labelIndex(p.label));
  const abstained: Record<string, number> = {};
  for (const p of preds) if (p.reason !== undefined) abstained[p.reason] = (abstained[p.reason] ?? 0) + 1;
  const seconds = ms / 1000;
  return {
    ...classificationMetrics(gold, predictions, 3),
    model: model.id,
    predictions,
    ece: expectedCalibrationError(preds.map((p) => p.probs), gold),
    seconds,
    textsPerSec: seconds > 0 ? texts.length / seconds : Infinity,
    abstained,
  };
}
