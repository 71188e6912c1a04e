/**
 * The built-in sentiment model at run time: hashed features (features.ts) → one linear head per
 * language (int8 weights × scale) → logits → softmax with the head's calibrated temperature.
 *
 * The language: the caller's tag when it is en or fr; another tag → a low-confidence neutral
 * (`unsupported-language:xx`); no tag → the function words of the text choose the head, and
 * when they do not tell, the two heads' probabilities are averaged. Texts it cannot judge
 * (empty, binary, no words nor emoji, mostly in a script other than Latin, function words of an
 * unsupported language) get `abstain(…)` with the reason. Never throws on any string.
 */
import { FeatureExtractor, guessLanguage } from './features.ts';
import type { SentimentModelData } from './model-file.ts';
import { abstain, SENTIMENT_LABELS, type SentimentModel, type SentimentPrediction } from './types.ts';

interface Head {
  readonly lang: string;
  readonly scale: number;
  readonly temperature: number;
  /** buckets × 4: three classes and one unused byte, so a bucket never straddles two cache lines. */
  readonly weights: Int8Array;
}

/** Which head(s) produced logits: a language code, or `mixed` when two were averaged. */
export type HeadChoice = { kind: 'head'; lang: string } | { kind: 'mixed' } | { kind: 'abstain'; reason: string };

export class LinearSentimentModel implements SentimentModel {
  readonly id: string;
  readonly languages: readonly string[];
  readonly data: SentimentModelData;
  private readonly extractor: FeatureExtractor;
  private readonly heads: ReadonlyMap<string, Head>;
  private readonly z = new Float64Array(3);
  private readonly p = new Float64Array(3);
  private readonly q = new Float64Array(3);

  constructor(data: SentimentModelData) {
    this.data = data;
    this.id = data.id;
    this.languages = data.languages;
    this.extractor = new FeatureExtractor(data.features);
    const buckets = 1 << data.features.bits;
    const heads = new Map<string, Head>();
    for (const h of data.heads) {
      const w = new Int8Array(buckets * 4);
      for (let b = 0; b < buckets; b++) {
        w[b * 4] = h.weights[b * 3]!;
        w[b * 4 + 1] = h.weights[b * 3 + 1]!;
        w[b * 4 + 2] = h.weights[b * 3 + 2]!;
      }
      heads.set(h.lang, { lang: h.lang, scale: h.scale, temperature: h.temperature, weights: w });
    }
    this.heads = heads;
  }

  predict(text: string, lang: string | null): SentimentPrediction {
    const choice = this.prepare(text, lang);
    if (choice.kind === 'abstain') return abstain(this.id, choice.reason);
    const p = this.p;
    if (choice.kind === 'head') {
      const head = this.heads.get(choice.lang)!;
      this.headLogits(head, this.z);
      softmaxInto(this.z, head.temperature, p);
    } else {
      const q = this.q;
      let first = true;
      for (const head of this.heads.values()) {
        this.headLogits(head, this.z);
        softmaxInto(this.z, head.temperature, first ? p : q);
        if (!first) for (let k = 0; k < 3; k++) p[k]! += q[k]!;
        first = false;
      }
      const s = p[0]! + p[1]! + p[2]!;
      for (let k = 0; k < 3; k++) p[k]! /= s;
    }
    const p0 = p[0]!;
    const p1 = p[1]!;
    const p2 = p[2]!;
    const best = p0 >= p1 && p0 >= p2 ? 0 : p1 >= p2 ? 1 : 2;
    return {
      label: SENTIMENT_LABELS[best]!,
      probs: [p0, p1, p2],
      score: p2 - p0,
      confidence: best === 0 ? p0 : best === 1 ? p1 : p2,
      model: this.id,
    };
  }

  /**
   * Extracts the text's features and decides which head judges it (or why none does). After
   * it, `featureIndices()` holds the features.
   */
  prepare(text: string, lang: string | null): HeadChoice {
    let tag: string | null = null;
    if (lang !== null && lang !== undefined) {
      if (typeof lang !== 'string') return { kind: 'abstain', reason: 'invalid-language-tag' };
    }
    if (typeof lang === 'string' && lang.trim() !== '' && !UNKNOWN_TAGS.has(lang.trim().toLowerCase())) {
      tag = baseLanguage(lang);
      if (!this.heads.has(tag)) return { kind: 'abstain', reason: `unsupported-language:${tag || lang}` };
    }
    if (typeof text !== 'string') return { kind: 'abstain', reason: 'not-text' };
    if (isBlank(text)) return { kind: 'abstain', reason: 'empty-text' };
    const ex = this.extractor;
    ex.extract(text, tag);
    const stats = ex.stats;
    if (stats.nul > 0 || stats.binary >= 8 || stats.binary > stats.length * 0.02) return { kind: 'abstain', reason: 'binary-text' };
    if (stats.words === 0 && stats.emoji === 0) return { kind: 'abstain', reason: 'no-words' };
    if (stats.otherLetters > stats.latinLetters) return { kind: 'abstain', reason: 'unsupported-script' };
    if (tag !== null) return { kind: 'head', lang: tag };
    const guess = guessLanguage(stats);
    if (guess !== null) {
      if (this.heads.has(guess)) return { kind: 'head', lang: guess };
      return { kind: 'abstain', reason: `unsupported-language:${guess}` };
    }
    return this.heads.size === 1 ? { kind: 'head', lang: this.heads.keys().next().value! } : { kind: 'mixed' };
  }

  /** The hashed feature indices of the text last given to `prepare`/`predict` (a view, valid until the next call). */
  featureIndices(): Int32Array {
    return this.extractor.features.subarray(0, this.extractor.count);
  }

  /**
   * Raw (uncalibrated) logits of `text` by the head of `lang` ('en', 'fr'): what a per-brand
   * adapter adds its own weights to. Null when the model abstains on the text.
   */
  logits(text: string, lang: string | null): { logits: Float64Array; head: string; temperature: number } | null {
    const choice = this.prepare(text, lang);
    if (choice.kind === 'abstain') return null;
    const head = choice.kind === 'head' ? this.heads.get(choice.lang)! : this.heads.get('en') ?? this.heads.values().next().value!;
    const out = new Float64Array(3);
    this.headLogits(head, out);
    return { logits: out, head: head.lang, temperature: head.temperature };
  }

  private headLogits(head: Head, out: Float64Array): void {
    const w = head.weights;
    const f = this.extractor.features;
    const n = this.extractor.count;
    let z0 = 0;
    let z1 = 0;
    let z2 = 0;
    for (let j = 0; j < n; j++) {
      const k = f[j]! << 2;
      z0 += w[k]!;
      z1 += w[k + 1]!;
      z2 += w[k + 2]!;
    }
    out[0] = z0 * head.scale;
    out[1] = z1 * head.scale;
    out[2] = z2 * head.scale;
  }
}

/**
 * Tags that say "no language" rather than naming one (X/Twitter's undetermined, no linguistic
 * content, media-only…): the text is judged as untagged.
 */
const UNKNOWN_TAGS = new Set(['und', 'zxx', 'mul', 'qme', 'qht', 'qam', 'qct', 'qst', 'art']);

/** True when the text has nothing but whitespace (without copying it, unlike trim()). */
function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13 && c !== 0xa0 && c !== 0xfeff && c !== 0x3000 && !(c >= 0x2000 && c <= 0x200b)) return false;
  }
  return true;
}

/** "fr-FR", "FR", "fr_CA" → "fr". */
export function baseLanguage(tag: string): string {
  return tag.trim().slice(0, 2).toLowerCase();
}

function softmaxInto(z: Float64Array, temperature: number, out: Float64Array): void {
  const a = z[0]! / temperature;
  const b = z[1]! / temperature;
  const c = z[2]! / temperature;
  const m = Math.max(a, b, c);
  const e0 = Math.exp(a - m);
  const e1 = Math.exp(b - m);
  const e2 = Math.exp(c - m);
  const s = e0 + e1 + e2;
  out[0] = e0 / s;
  out[1] = e1 / s;
  out[2] = e2 / s;
}
