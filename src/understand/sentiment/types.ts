import type { SentimentLabel } from '../../domain/mention.ts';

/** The three classes in the TweetEval / UMSAB order: index 0 negative, 1 neutral, 2 positive. */
export const SENTIMENT_LABELS: readonly SentimentLabel[] = ['negative', 'neutral', 'positive'];

/** A label's index in SENTIMENT_LABELS (0, 1 or 2). */
export type LabelIndex = 0 | 1 | 2;

export function labelIndex(label: SentimentLabel): LabelIndex {
  return label === 'negative' ? 0 : label === 'neutral' ? 1 : 2;
}

/** One text's sentiment as a model sees it. */
export interface SentimentPrediction {
  label: SentimentLabel;
  /** Calibrated class probabilities [negative, neutral, positive]; they sum to 1. */
  probs: readonly [number, number, number];
  /** Signed polarity in [-1, 1]: probs[2] - probs[0]. */
  score: number;
  /** The probability of `label`, in [0, 1]. */
  confidence: number;
  /** The model's id (with its version), e.g. `vigie-sentiment-1`. */
  model: string;
  /**
   * Set when the model could not judge the text and returns a low-confidence neutral: an
   * unsupported language (`unsupported-language:de`), an empty or binary text… Never a crash.
   */
  reason?: string;
}

/**
 * A sentiment model that answers synchronously, fast enough for every mention in the pipeline
 * (the built-in linear model). `lang` is an ISO 639-1 code or null when unknown.
 */
export interface SentimentModel {
  readonly id: string;
  /** The ISO 639-1 codes it was trained for; other languages get a low-confidence neutral. */
  readonly languages: readonly string[];
  predict(text: string, lang: string | null): SentimentPrediction;
}

/**
 * A model that answers in batches, asynchronously (the optional transformer backend). The
 * pipeline runs it on each batch before the batch is stored.
 */
export interface BatchSentimentModel {
  readonly id: string;
  readonly languages: readonly string[];
  predictBatch(items: readonly { text: string; lang: string | null }[]): Promise<SentimentPrediction[]>;
  close(): Promise<void>;
}

/** The neutral answer, with low confidence, for what a model cannot judge. */
export function abstain(model: string, reason: string): SentimentPrediction {
  return { label: 'neutral', probs: [1 / 3, 1 / 3, 1 / 3], score: 0, confidence: 1 / 3, model, reason };
}
