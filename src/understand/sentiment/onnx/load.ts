import type { BatchSentimentModel } from '../types.ts';

export interface OnnxSentimentOptions {
  /** Texts per inference call. */
  batchSize?: number;
  /** Tokens per text (longer ones are truncated). */
  maxLength?: number;
}

// PLACEHOLDER (replaced by the transformer backend).
export async function loadOnnxSentiment(dir: string, _options: OnnxSentimentOptions = {}): Promise<BatchSentimentModel> {
  throw new Error(`the transformer backend is not built yet (model directory ${dir})`);
}
