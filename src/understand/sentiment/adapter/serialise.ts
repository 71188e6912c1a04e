import { z } from 'zod';
import type { SentimentAdapter } from './adapter.ts';

/**
 * An adapter as JSON (to cache or export it): its weights, the base model and text features it
 * was fitted with, and how many corrections. `parseAdapter` validates a document and says what is
 * wrong and where.
 */
export const ADAPTER_FORMAT = 'vigie-sentiment-adapter';

const finite = z.number().finite();
const AdapterJsonSchema = z.strictObject({
  format: z.literal(ADAPTER_FORMAT),
  version: z.literal(1),
  brandId: z.string().min(1),
  baseModel: z.string().min(1),
  corrections: z.number().int().nonnegative(),
  minCorrections: z.number().int().positive(),
  textFeatures: z.string().min(1),
  featureBits: z.number().int().min(8).max(24),
  logProb: z.array(finite).length(9),
  bias: z.array(finite).length(3),
  /** [bucket, w_negative, w_neutral, w_positive], by bucket. */
  words: z.array(z.tuple([z.number().int().nonnegative(), finite, finite, finite])),
});
export type AdapterJson = z.infer<typeof AdapterJsonSchema>;

export function serialiseAdapter(a: SentimentAdapter): AdapterJson {
  return {
    format: ADAPTER_FORMAT,
    version: 1,
    brandId: a.brandId,
    baseModel: a.baseModel,
    corrections: a.corrections,
    minCorrections: a.minCorrections,
    textFeatures: a.textFeatures,
    featureBits: a.featureBits,
    logProb: [...a.logProb],
    bias: [...a.bias],
    words: [...a.words].sort(([x], [y]) => x - y).map(([f, w]) => [f, w[0]!, w[1]!, w[2]!]),
  };
}

export function parseAdapter(value: unknown, where = 'adapter'): SentimentAdapter {
  const parsed = AdapterJsonSchema.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.map(String).join('.') || '(document)'}: ${i.message}`);
    throw new Error(`${where} is not a valid sentiment adapter: ${issues.join('; ')}`);
  }
  const j = parsed.data;
  const limit = 2 ** j.featureBits;
  const bad = j.words.find(([f]) => f >= limit);
  if (bad !== undefined) throw new Error(`${where}: words: bucket ${bad[0]} is outside 0…${limit - 1} (featureBits ${j.featureBits})`);
  return {
    brandId: j.brandId,
    baseModel: j.baseModel,
    corrections: j.corrections,
    minCorrections: j.minCorrections,
    textFeatures: j.textFeatures,
    featureBits: j.featureBits,
    logProb: Float64Array.from(j.logProb),
    bias: Float64Array.from(j.bias),
    words: new Map(j.words.map(([f, a, b, c]) => [f, Float64Array.of(a, b, c)])),
  };
}
