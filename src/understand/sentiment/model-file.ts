/**
 * The built-in sentiment model's file format (`.vsm`), read and written with validation.
 *
 *   16 bytes  "VIGIE-SENTIMENT\n"
 *   4 bytes   header length H (uint32, little-endian)
 *   H bytes   header, JSON (UTF-8): format, id, languages, hashVersion, features, heads
 *   …         each head's weights in header order: buckets × 3 int8 (negative, neutral, positive
 *             interleaved per bucket); a weight is the int8 times the head's `scale`
 *   4 bytes   CRC-32 of everything before it
 *
 * Compact (a head of 2^18 buckets is 768 kB), no timestamp (the same training gives the same
 * bytes), and a damaged or foreign file is refused with what is wrong and how to get a good one.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { crc32 } from 'node:zlib';
import { z } from 'zod';
import { validateFeatureConfig, type FeatureConfig } from './features.ts';
import { HASH_VERSION } from './hashing.ts';

export const MAGIC = 'VIGIE-SENTIMENT\n';
export const FORMAT_VERSION = 1;

/** One language's weights. */
export interface ModelHead {
  /** ISO 639-1 code of the texts this head judges. */
  readonly lang: string;
  /** A weight is weights[i] × scale. */
  readonly scale: number;
  /** Logits are divided by this before the softmax (calibration). */
  readonly temperature: number;
  /** buckets × 3, classes interleaved. */
  readonly weights: Int8Array;
}

export interface SentimentModelData {
  readonly id: string;
  readonly languages: readonly string[];
  readonly features: FeatureConfig;
  readonly heads: readonly ModelHead[];
}

/** A model file that cannot be used: the message says which file, what is wrong and what to do. */
export class SentimentModelError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SentimentModelError';
  }
}

const Header = z.object({
  format: z.literal(FORMAT_VERSION),
  id: z.string().min(1).max(100),
  languages: z.array(z.string().regex(/^[a-z]{2}$/)).min(1),
  hashVersion: z.number().int(),
  features: z.object({
    bits: z.number().int(),
    charMin: z.number().int(),
    charMax: z.number().int(),
    wordBigrams: z.boolean(),
    accentFold: z.boolean(),
    negationWindow: z.number().int(),
    maxChars: z.number().int(),
    langTag: z.boolean(),
    langCopies: z.boolean(),
  }),
  heads: z
    .array(z.object({ lang: z.string().regex(/^[a-z]{2}$/), scale: z.number().positive().finite(), temperature: z.number().positive().finite() }))
    .min(1),
});

/** Serialises a model (the bytes depend only on the model: no date, fixed key order). */
export function encodeModel(model: SentimentModelData): Uint8Array {
  validateFeatureConfig(model.features);
  const buckets = 1 << model.features.bits;
  const f = model.features;
  const header = {
    format: FORMAT_VERSION,
    id: model.id,
    languages: [...model.languages],
    hashVersion: HASH_VERSION,
    features: {
      bits: f.bits, charMin: f.charMin, charMax: f.charMax, wordBigrams: f.wordBigrams, accentFold: f.accentFold,
      negationWindow: f.negationWindow, maxChars: f.maxChars, langTag: f.langTag, langCopies: f.langCopies,
    },
    heads: model.heads.map((h) => ({ lang: h.lang, scale: h.scale, temperature: h.temperature })),
  };
  Header.parse(header);
  for (const h of model.heads) {
    if (h.weights.length !== buckets * 3) throw new Error(`head ${h.lang}: ${h.weights.length} weights, expected ${buckets * 3} (2^${f.bits} buckets × 3)`);
  }
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const size = MAGIC.length + 4 + json.length + model.heads.length * buckets * 3 + 4;
  const out = Buffer.alloc(size);
  let at = out.write(MAGIC, 0, 'latin1');
  out.writeUInt32LE(json.length, at);
  at += 4;
  json.copy(out, at);
  at += json.length;
  for (const h of model.heads) {
    out.set(new Uint8Array(h.weights.buffer, h.weights.byteOffset, h.weights.length), at);
    at += h.weights.length;
  }
  out.writeUInt32LE(crc32(out.subarray(0, at)), at);
  return out;
}

/** Parses model bytes; `source` names the file in messages. */
export function decodeModel(bytes: Uint8Array, source: string): SentimentModelData {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const fix = 'restore the file from the repository or write a new one with `vigie train sentiment --data <dir> --out <file>`';
  if (buf.length < MAGIC.length + 8 || buf.toString('latin1', 0, MAGIC.length) !== MAGIC) {
    throw new SentimentModelError(`${source}: not a Vigie sentiment model (it does not start with "VIGIE-SENTIMENT"); ${fix}`);
  }
  const stored = buf.readUInt32LE(buf.length - 4);
  if (crc32(buf.subarray(0, buf.length - 4)) !== stored) {
    throw new SentimentModelError(`${source}: the file is damaged (checksum mismatch: truncated or modified); ${fix}`);
  }
  const headerLength = buf.readUInt32LE(MAGIC.length);
  const headerStart = MAGIC.length + 4;
  if (headerStart + headerLength > buf.length - 4) {
    throw new SentimentModelError(`${source}: the header length (${headerLength} bytes) runs past the end of the file; ${fix}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(buf.toString('utf8', headerStart, headerStart + headerLength));
  } catch (e) {
    throw new SentimentModelError(`${source}: the header is not valid JSON (${e instanceof Error ? e.message : String(e)}); ${fix}`);
  }
  const parsed = Header.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new SentimentModelError(`${source}: header field ${issue.path.join('.') || '(root)'}: ${issue.message}; ${fix}`);
  }
  const header = parsed.data;
  if (header.hashVersion !== HASH_VERSION) {
    throw new SentimentModelError(
      `${source}: the model was trained with feature hashing version ${header.hashVersion}, this Vigie uses ${HASH_VERSION}; retrain it with \`vigie train sentiment\``,
    );
  }
  try {
    validateFeatureConfig(header.features);
  } catch (e) {
    throw new SentimentModelError(`${source}: ${e instanceof Error ? e.message : String(e)}; ${fix}`);
  }
  const buckets = 1 << header.features.bits;
  const expected = headerStart + headerLength + header.heads.length * buckets * 3 + 4;
  if (expected !== buf.length) {
    throw new SentimentModelError(
      `${source}: ${buf.length} bytes, but its header announces ${header.heads.length} head(s) of 2^${header.features.bits} buckets (${expected} bytes); ${fix}`,
    );
  }
  let at = headerStart + headerLength;
  const heads = header.heads.map((h) => {
    const weights = new Int8Array(buckets * 3);
    weights.set(new Int8Array(buf.buffer, buf.byteOffset + at, buckets * 3));
    at += buckets * 3;
    return { lang: h.lang, scale: h.scale, temperature: h.temperature, weights };
  });
  return { id: header.id, languages: header.languages, features: header.features, heads };
}

export function readModelFile(path: string): SentimentModelData {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    const code = e instanceof Error && 'code' in e ? String(e.code) : '';
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : e instanceof Error ? e.message : String(e);
    throw new SentimentModelError(
      `${path}: cannot read the sentiment model (${why}); give the path of a .vsm file, or write one with \`vigie train sentiment --data <dir> --out ${path}\``,
    );
  }
  return decodeModel(bytes, path);
}

export function writeModelFile(path: string, model: SentimentModelData): number {
  const bytes = encodeModel(model);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, bytes);
  return bytes.length;
}

/**
 * Float weights → int8 and a scale. The scale maps the 99.999th percentile of |w| to 127 (a few
 * extreme weights are clipped rather than costing every other weight its precision).
 */
export function quantise(weights: Float64Array | Float32Array): { weights: Int8Array; scale: number } {
  const abs = Float64Array.from(weights, Math.abs).sort();
  const top = abs[Math.min(abs.length - 1, Math.floor(abs.length * 0.99999))]! || abs[abs.length - 1]! || 1;
  const scale = top / 127;
  const q = new Int8Array(weights.length);
  for (let i = 0; i < weights.length; i++) q[i] = Math.max(-127, Math.min(127, Math.round(weights[i]! / scale)));
  return { weights: q, scale };
}
