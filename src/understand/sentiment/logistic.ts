/**
 * Multinomial logistic regression (softmax over the three classes) on hashed sparse features
 * (features.ts), fitted by AdaGrad with L2 and per-example weights (class balance, source
 * weights), in seeded epochs. Deterministic: the same examples, settings and seed give the same
 * weights, bit for bit. train.ts drives it.
 */
import { FeatureExtractor, type FeatureConfig } from './features.ts';
import { SeededRandom } from './rng.ts';

export interface OptimiserSettings {
  readonly epochs: number;
  readonly learningRate: number;
  /** L2 penalty applied to the weights an example touches. */
  readonly l2: number;
  readonly seed: number;
}

/** Every example's feature indices, back to back. */
export interface Featurised {
  readonly indices: Int32Array;
  /** Example i has indices[offsets[i] … offsets[i+1]). */
  readonly offsets: Uint32Array;
}

/**
 * Extracts every example's features. `dropout` is the probability that an example is featurised
 * without its language tag (for models whose features use the tag), drawn from `seed`.
 */
export function featurise(examples: readonly { text: string; lang: string | null }[], config: FeatureConfig, dropout = 0, seed = 1): Featurised {
  const extractor = new FeatureExtractor(config);
  const rng = new SeededRandom(seed ^ 0x5eed);
  const offsets = new Uint32Array(examples.length + 1);
  let parts: Int32Array[] = [];
  let total = 0;
  for (let i = 0; i < examples.length; i++) {
    const e = examples[i]!;
    const lang = dropout > 0 && rng.next() < dropout ? null : e.lang;
    const n = extractor.extract(e.text, lang);
    parts.push(extractor.features.slice(0, n));
    total += n;
    offsets[i + 1] = total;
  }
  const indices = new Int32Array(total);
  let at = 0;
  for (const p of parts) {
    indices.set(p, at);
    at += p.length;
  }
  parts = [];
  return { indices, offsets };
}

/** Raw logits of example i under `weights` (three per bucket), into out[0..2]. */
export function logitsOf(data: Featurised, i: number, weights: Float32Array | Float64Array, out: Float64Array): void {
  let z0 = 0;
  let z1 = 0;
  let z2 = 0;
  const idx = data.indices;
  for (let j = data.offsets[i]!, end = data.offsets[i + 1]!; j < end; j++) {
    const f = idx[j]! * 3;
    z0 += weights[f]!;
    z1 += weights[f + 1]!;
    z2 += weights[f + 2]!;
  }
  out[0] = z0;
  out[1] = z1;
  out[2] = z2;
}

/** Fits the weights (buckets × 3, classes interleaved). */
export function fitWeights(
  data: Featurised,
  labels: ArrayLike<number>,
  exampleWeights: ArrayLike<number>,
  buckets: number,
  settings: OptimiserSettings,
  onEpoch?: (epoch: number, weights: Float64Array) => void,
): Float64Array {
  const w = new Float64Array(buckets * 3);
  const g2 = new Float64Array(buckets * 3).fill(1e-6);
  const n = labels.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const rng = new SeededRandom(settings.seed);
  const idx = data.indices;
  const { learningRate: lr, l2 } = settings;
  for (let epoch = 0; epoch < settings.epochs; epoch++) {
    rng.shuffle(order);
    for (let o = 0; o < n; o++) {
      const i = order[o]!;
      const start = data.offsets[i]!;
      const end = data.offsets[i + 1]!;
      let z0 = 0;
      let z1 = 0;
      let z2 = 0;
      for (let j = start; j < end; j++) {
        const f = idx[j]! * 3;
        z0 += w[f]!;
        z1 += w[f + 1]!;
        z2 += w[f + 2]!;
      }
      const m = Math.max(z0, z1, z2);
      const e0 = Math.exp(z0 - m);
      const e1 = Math.exp(z1 - m);
      const e2 = Math.exp(z2 - m);
      const s = e0 + e1 + e2;
      const y = labels[i]!;
      const ew = exampleWeights[i]!;
      const d0 = (e0 / s - (y === 0 ? 1 : 0)) * ew;
      const d1 = (e1 / s - (y === 1 ? 1 : 0)) * ew;
      const d2 = (e2 / s - (y === 2 ? 1 : 0)) * ew;
      for (let j = start; j < end; j++) {
        const f = idx[j]! * 3;
        let g = d0 + l2 * w[f]!;
        g2[f]! += g * g;
        w[f]! -= (lr * g) / Math.sqrt(g2[f]!);
        g = d1 + l2 * w[f + 1]!;
        g2[f + 1]! += g * g;
        w[f + 1]! -= (lr * g) / Math.sqrt(g2[f + 1]!);
        g = d2 + l2 * w[f + 2]!;
        g2[f + 2]! += g * g;
        w[f + 2]! -= (lr * g) / Math.sqrt(g2[f + 2]!);
      }
    }
    onEpoch?.(epoch, w);
  }
  return w;
}
