/**
 * The category model file (models/categories/vigie-categories-1.json): one compact JSON object.
 * Feature ids are little-endian Int32 in base64; weights (a row of one weight per category for
 * each feature id) are little-endian Int16 in base64 times `weightScale` (the largest weight over
 * 32767: a step of about 1e-4, far below what moves a decision), so the file stays small and
 * loads without parsing thousands of numbers. The
 * `training` block is provenance (corpora, seed, settings, cross-validated metrics) and is not
 * needed to classify. Parsing checks everything and names the field at fault.
 */
import { readFileSync } from 'node:fs';
import type { FeatureOptions } from './features.ts';
import { CATEGORY_IDS } from './taxonomy.ts';

export const MODEL_FORMAT = 'vigie-categories';
export const MODEL_VERSION = 1;

export interface CategoryModel {
  name: string;
  /** Languages the model was trained on (each has a lexicon). */
  languages: string[];
  /** Category ids, in the order of every per-category array (CATEGORY_IDS). */
  categories: string[];
  features: FeatureOptions;
  /** Lexicon fingerprint per language at training time. */
  lexicons: Record<string, string>;
  /** Probability a category needs to be reported, per category. */
  thresholds: number[];
  bias: number[];
  /** Kept feature ids. */
  featureIds: Int32Array;
  /** featureIds.length × categories.length, row-major. */
  weights: Float32Array;
  /** Provenance, written by the trainer. */
  training: Record<string, unknown>;
}

export class CategoryModelError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CategoryModelError';
  }
}

export function serializeModel(model: CategoryModel): string {
  const ids = Buffer.alloc(model.featureIds.length * 4);
  model.featureIds.forEach((id, i) => ids.writeInt32LE(id, i * 4));
  let largest = 0;
  for (const w of model.weights) largest = Math.max(largest, Math.abs(w));
  const weightScale = largest === 0 ? 1 : largest / 32767;
  const weights = Buffer.alloc(model.weights.length * 2);
  model.weights.forEach((w, i) => weights.writeInt16LE(Math.round(w / weightScale), i * 2));
  const round = (x: number): number => Math.round(x * 1e6) / 1e6;
  const body = {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    name: model.name,
    languages: model.languages,
    categories: model.categories,
    features: model.features,
    lexicons: model.lexicons,
    thresholds: model.thresholds.map(round),
    bias: model.bias.map(round),
    featureCount: model.featureIds.length,
    featureIds: ids.toString('base64'),
    weightScale,
    weights: weights.toString('base64'),
    training: model.training,
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}

export function readModelFile(path: string): CategoryModel {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new CategoryModelError(`category model ${path}: cannot read it (${(e as Error).message}); train one with \`vigie train categories\``);
  }
  return parseModel(text, path);
}

export function parseModel(text: string, where: string): CategoryModel {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new CategoryModelError(`category model ${where}: not valid JSON (${(e as Error).message})`);
  }
  const fail = (field: string, what: string): never => {
    throw new CategoryModelError(`category model ${where}: field "${field}" ${what}; retrain it with \`vigie train categories\``);
  };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fail('(root)', 'must be an object');
  const o = raw as Record<string, unknown>;
  if (o.format !== MODEL_FORMAT) fail('format', `must be "${MODEL_FORMAT}" (got ${JSON.stringify(o.format)})`);
  if (o.version !== MODEL_VERSION) fail('version', `must be ${MODEL_VERSION} (got ${JSON.stringify(o.version)}); this Vigie reads version ${MODEL_VERSION} only`);
  const strings = (field: string): string[] => {
    const v = o[field];
    if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) return fail(field, 'must be a list of strings');
    return v as string[];
  };
  const numbers = (field: string, length: number): number[] => {
    const v = o[field];
    if (!Array.isArray(v) || v.length !== length || !v.every((x) => typeof x === 'number' && Number.isFinite(x))) {
      return fail(field, `must be a list of ${length} numbers`);
    }
    return v as number[];
  };
  const name = typeof o.name === 'string' && o.name.length > 0 ? o.name : fail('name', 'must be a non-empty string');
  const languages = strings('languages');
  const categories = strings('categories');
  if (categories.join(',') !== CATEGORY_IDS.join(',')) fail('categories', `must be exactly ${CATEGORY_IDS.join(', ')} in that order`);
  const f = o.features as Record<string, unknown> | undefined;
  if (typeof f !== 'object' || f === null || typeof f.bigrams !== 'boolean' || !Array.isArray(f.charNgrams) || !f.charNgrams.every((n) => Number.isInteger(n) && n >= 2 && n <= 8)) {
    fail('features', 'must be {"bigrams": boolean, "charNgrams": [integers 2–8]}');
  }
  const features: FeatureOptions = { bigrams: f!.bigrams as boolean, charNgrams: f!.charNgrams as number[] };
  const lex = o.lexicons;
  if (typeof lex !== 'object' || lex === null || !languages.every((l) => typeof (lex as Record<string, unknown>)[l] === 'string')) {
    fail('lexicons', 'must map every language to its lexicon fingerprint');
  }
  const thresholds = numbers('thresholds', categories.length);
  if (!thresholds.every((t) => t > 0 && t < 1)) fail('thresholds', 'must be probabilities between 0 and 1 (exclusive)');
  const bias = numbers('bias', categories.length);
  const count = o.featureCount;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) fail('featureCount', 'must be a non-negative integer');
  const ids = decode(o.featureIds, (count as number) * 4, 'featureIds', fail);
  const scale = o.weightScale;
  if (typeof scale !== 'number' || !Number.isFinite(scale) || scale <= 0) fail('weightScale', 'must be a positive number');
  const weights = decode(o.weights, (count as number) * categories.length * 2, 'weights', fail);
  const featureIds = new Int32Array(count as number);
  for (let i = 0; i < featureIds.length; i++) featureIds[i] = ids.readInt32LE(i * 4);
  const w = new Float32Array((count as number) * categories.length);
  for (let i = 0; i < w.length; i++) w[i] = weights.readInt16LE(i * 2) * (scale as number);
  const training = typeof o.training === 'object' && o.training !== null ? (o.training as Record<string, unknown>) : {};
  return { name, languages, categories, features, lexicons: lex as Record<string, string>, thresholds, bias, featureIds, weights: w, training };
}

function decode(value: unknown, bytes: number, field: string, fail: (field: string, what: string) => never): Buffer {
  if (typeof value !== 'string') return fail(field, 'must be a base64 string');
  const buf = Buffer.from(value, 'base64');
  if (buf.length !== bytes) fail(field, `must decode to ${bytes} bytes (got ${buf.length})`);
  return buf;
}
