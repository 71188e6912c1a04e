import { scan } from '../../baseline/tokenize.ts';

/**
 * The text features of the per-brand adapter: lowercased words and word bigrams, hashed into
 * 2^bits buckets (FNV-1a), each worth 1/√(count) so that every text's vector has length 1.
 * A brand's own vocabulary ("delayed", "lost bag", "gate agent") is what the adapter learns on top
 * of the base model. This is the one place to switch to the built-in model's feature extraction;
 * a switch changes `TEXT_FEATURES_ID`, which serialised adapters record.
 */
export const TEXT_FEATURES_ID = 'words-bigrams-fnv1a-1';
export const DEFAULT_FEATURE_BITS = 18;
/** Texts are cut to this many UTF-16 units first (a 100 kB post costs what a long post costs). */
const MAX_CHARS = 2000;

/** A sparse feature vector: bucket indices (distinct) and their values. */
export interface SparseFeatures {
  readonly indices: Int32Array;
  readonly values: Float64Array;
}

const EMPTY: SparseFeatures = { indices: new Int32Array(0), values: new Float64Array(0) };

function fnv1a(s: string, h = 0x811c9dc5): number {
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}

/** Reused between calls (the adapter runs on the pipeline's thread, one text at a time). */
let buffer = new Int32Array(256);

export function textFeatures(text: string, _lang: string | null, bits = DEFAULT_FEATURE_BITS): SparseFeatures {
  const { tokens } = scan(text.length > MAX_CHARS ? text.slice(0, MAX_CHARS) : text, true, true);
  if (tokens.length === 0) return EMPTY;
  if (buffer.length < 2 * tokens.length) buffer = new Int32Array(2 * tokens.length);
  const mask = (1 << bits) - 1;
  let n = 0;
  let previous = 0; // the hash of the word before, 0 at the start
  for (const token of tokens) {
    if (token.length === 0) continue;
    const h = fnv1a(token);
    buffer[n++] = h & mask;
    // A bigram: the previous word's hash, a space, then this word.
    if (previous !== 0) buffer[n++] = fnv1a(token, Math.imul(previous ^ 32, 0x01000193)) & mask;
    previous = h === 0 ? 1 : h;
  }
  if (n === 0) return EMPTY;
  const sorted = buffer.subarray(0, n).sort();
  let m = 1;
  for (let i = 1; i < n; i++) if (sorted[i] !== sorted[m - 1]) sorted[m++] = sorted[i]!;
  const indices = sorted.slice(0, m);
  const values = new Float64Array(m).fill(1 / Math.sqrt(m));
  return { indices, values };
}
