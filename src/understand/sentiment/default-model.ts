/**
 * Vigie's built-in sentiment model: `models/sentiment/vigie-sentiment-1.vsm` in the repository
 * (trained by `vigie train sentiment`, see models/sentiment/PROVENANCE.md), loaded once and
 * cached; or any model file given by path. Also the entry points a per-brand adapter builds on:
 * the feature indices of a text and the model's raw logits.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LinearSentimentModel } from './linear-model.ts';
import { readModelFile } from './model-file.ts';
import type { SentimentModel } from './types.ts';

export const DEFAULT_MODEL_FILE = 'models/sentiment/vigie-sentiment-1.vsm';

/** The repository root: the nearest folder above this file holding package.json. */
function repositoryRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const up = dirname(dir);
    if (up === dir) return resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
    dir = up;
  }
}

export function defaultModelPath(): string {
  return join(repositoryRoot(), DEFAULT_MODEL_FILE);
}

const cache = new Map<string, LinearSentimentModel>();

/**
 * The built-in model (no argument), or the model file at `path`; loaded once per path and cached.
 * Throws a SentimentModelError (which file, what is wrong, how to fix it) for a missing or
 * damaged file.
 */
export function loadSentimentModel(path?: string): SentimentModel {
  return loadLinearModel(path);
}

/** The same model, typed as the linear model (features and logits for adapters). */
export function loadLinearModel(path?: string): LinearSentimentModel {
  const file = resolve(path ?? defaultModelPath());
  let model = cache.get(file);
  if (model === undefined) {
    model = new LinearSentimentModel(readModelFile(file));
    cache.set(file, model);
  }
  return model;
}

/**
 * The hashed feature indices of a text under the built-in model (indices may repeat; each is in
 * [0, 2^bits)), as a fresh array. Empty when the model would abstain on the text.
 */
export function sentimentFeatures(text: string, lang: string | null, path?: string): Int32Array {
  const model = loadLinearModel(path);
  const choice = model.prepare(text, lang);
  return choice.kind === 'abstain' ? new Int32Array(0) : model.featureIndices().slice();
}

/**
 * The built-in model's raw logits [negative, neutral, positive] for a text (before temperature
 * and softmax), the head that produced them and its temperature; null when the model abstains.
 */
export function sentimentLogits(text: string, lang: string | null, path?: string): { logits: Float64Array; head: string; temperature: number } | null {
  return loadLinearModel(path).logits(text, lang);
}
