/**
 * Language identification for posts that arrive without a platform language tag. Returns an
 * ISO 639-1 code with a calibrated confidence, or null with the reason — never a confident guess
 * on a text too short, without letters, binary, in a language the model does not know (its best
 * language then scores far below what right answers score), or whose best language is not clearly
 * ahead. A brand's configured languages can be given as a hint: they win over a close candidate.
 */
import { belowTopFloor, confidenceOf, MIN_CONFIDENCE, MIN_LETTERS, UNKNOWN_LANGUAGE_CONFIDENCE, type ConfidenceFeatures } from './confidence.ts';
import { rankLanguages } from './eld-backend.ts';
import { prepareForDetection } from './prepare.ts';

/**
 * Why no language: no letters at all; fewer than MIN_LETTERS; binary junk; a text that fits none
 * of the model's languages well (probably a language it does not know); or candidates too close
 * for the length of the text.
 */
export type LanguageReason = 'no-letters' | 'too-short' | 'binary' | 'unknown-language' | 'undetermined';

export interface LanguageGuess {
  /** ISO 639-1 code, or null when undetermined. */
  lang: string | null;
  /** In [0, 1]: the estimated probability that `lang` (or the rejected best guess) is right. */
  confidence: number;
  /** Why `lang` is null. */
  reason?: LanguageReason;
}

export interface LanguageAnalysis extends LanguageGuess {
  /** The best candidate even when rejected (null when nothing could be scored). */
  best: string | null;
  features: ConfidenceFeatures | null;
}

/**
 * Score added to the hinted languages before ranking: enough to win over a close candidate, not
 * over a clear one. `npm run bench -- language --fit` measures bonuses from 0 to 0.08 with the hint
 * [fr, en]; this is the largest whose loss on texts in other languages stays within half a point
 * on the fitting data (on held-out texts + prefixes: fr/en 85.6 → 89.7 % right, other languages
 * 82.8 → 82.1 %).
 */
export const HINT_BONUS = 0.05;

// Persian, Urdu and Sorani Kurdish write yeh and kaf as ی ک (U+06CC, U+06A9) and have پ چ ژ گ;
// Arabic writes ي ك (U+064A, U+0643) and has ة. Texts spelt the Arabic way are not fa / ur / ku
// (the n-gram model often mixes them up on short Arabic tweets).
const ARABIC_ONLY = /[\u064A\u0643\u0629]/u;
const PERSO_ARABIC_ONLY = /[\u06CC\u06A9\u067E\u0686\u0698\u06AF]/u;
const PERSO_ARABIC_LANGS = new Set(['fa', 'ur', 'ku']);

function bySpelling(ranked: [string, number][], text: string): [string, number][] {
  if (!PERSO_ARABIC_LANGS.has(ranked[0]?.[0] ?? '') || !ARABIC_ONLY.test(text) || PERSO_ARABIC_ONLY.test(text)) return ranked;
  return ranked.filter(([l]) => !PERSO_ARABIC_LANGS.has(l));
}

/**
 * Everything the detector knows about a text (the evaluation and the threshold fitting use it).
 * `hintBonus` is there for measuring other bonuses; detection uses HINT_BONUS.
 */
export function analyseLanguage(text: string, hint?: readonly string[], hintBonus = HINT_BONUS): LanguageAnalysis {
  const prepared = prepareForDetection(text);
  if (prepared.binary) return { lang: null, confidence: 0, reason: 'binary', best: null, features: null };
  if (prepared.letters === 0) return { lang: null, confidence: 0, reason: 'no-letters', best: null, features: null };
  if (prepared.letters < MIN_LETTERS) return { lang: null, confidence: 0, reason: 'too-short', best: null, features: null };
  let ranked = bySpelling(rankLanguages(prepared.text), prepared.text);
  if (hint !== undefined && hint.length > 0 && ranked.length > 0) {
    ranked = ranked.map(([l, s]): [string, number] => [l, hint.includes(l) ? s + hintBonus : s]).sort((a, b) => b[1] - a[1]);
  }
  const first = ranked[0];
  if (first === undefined) return { lang: null, confidence: 0, reason: 'undetermined', best: null, features: null };
  const features: ConfidenceFeatures = { top: first[1], margin: first[1] - (ranked[1]?.[1] ?? 0), letters: prepared.letters };
  const confidence = confidenceOf(features);
  if (belowTopFloor(features)) {
    return { lang: null, confidence: Math.min(confidence, UNKNOWN_LANGUAGE_CONFIDENCE), reason: 'unknown-language', best: first[0], features };
  }
  if (confidence < MIN_CONFIDENCE) return { lang: null, confidence, reason: 'undetermined', best: first[0], features };
  return { lang: first[0], confidence, best: first[0], features };
}

/**
 * The language of `text` (ISO 639-1) or null, with a confidence in [0, 1] and, for null, the
 * reason: 'too-short', 'no-letters', 'binary', 'unknown-language' or 'undetermined'. `hint`: the languages expected
 * (a brand's configured languages), favoured among close candidates; codes the model does not
 * know are ignored. Robust to URLs, handles, hashtags, emoji, mixed scripts and binary junk; looks
 * at the first few thousand characters only.
 */
export function detectLanguage(text: string, hint?: readonly string[]): LanguageGuess {
  const a = analyseLanguage(text, hint);
  return a.reason === undefined ? { lang: a.lang, confidence: a.confidence } : { lang: null, confidence: a.confidence, reason: a.reason };
}
