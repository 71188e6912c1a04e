import type { SentimentLabel } from '../../domain/mention.ts';
import { emoticonScore } from './emoji.ts';
import { scan } from './tokenize.ts';
import { INTENSIFIER, NEGATION_MARKER, NEGATOR, PHRASE_HEAD, WEAK_NEGATOR, type Lexicon } from './lexicon.ts';

/**
 * Lexicon sentiment, AFINN-style, for one language:
 * - each token (or expression of 2–3 tokens) found in the lexicon adds its score (−5…+5);
 * - a negator ("not", "pas", "jamais"…) in the 3 tokens before a word multiplies it by −0.75
 *   (negation weakens as much as it inverts: "pas génial" is mildly negative, "pas mal" mildly
 *   positive); in French a "ne"/"n'" in the 3 tokens before also negates ("je n'aime …"), and
 *   "plus" negates only after a "ne" ("n'est plus bon", but "plus beau" stays positive);
 *   expressions are never negated (they carry their own negation: "marche pas", "pas de réponse");
 * - an intensifier ("very", "très", "trop", "vraiment"…) just before a word multiplies it by 1.5
 *   (and does not score itself, so "super nul" is −4.5, while "super" alone is +2);
 * - emoji and emoticons add their scores (all languages).
 */
export const NEGATION_FACTOR = -0.75;
export const INTENSIFIER_FACTOR = 1.5;
const WINDOW = 3;

/** Score of a list of lowercased tokens (see scan in tokenize.ts) in a lexicon. */
export function lexiconScore(tokens: readonly string[], lexicon: Lexicon): number {
  const n = tokens.length;
  const infos = lexicon.tokens;
  let score = 0;
  let negateLeft = 0; // tokens during which a negator still applies
  let neLeft = 0; // tokens during which a French "ne" still applies
  let intensify = 0;
  for (let i = 0; i < n; i++) {
    const token = tokens[i]!;
    if (token.length === 0) continue;
    const info = infos.get(token);
    if (info !== undefined) {
      const roles = info.roles;
      let value: number | undefined;
      let span = 1;
      if ((roles & PHRASE_HEAD) !== 0 && i + 1 < n) {
        const two = token + '_' + tokens[i + 1];
        const v3 = i + 2 < n ? lexicon.phrases.get(two + '_' + tokens[i + 2]) : undefined;
        if (v3 !== undefined) {
          value = v3;
          span = 3;
        } else {
          const v2 = lexicon.phrases.get(two);
          if (v2 !== undefined) {
            value = v2;
            span = 2;
          }
        }
      }
      if (value !== undefined) {
        score += value * (intensify > 0 ? INTENSIFIER_FACTOR : 1);
        negateLeft = neLeft = intensify = 0;
        i += span - 1;
        continue;
      }
      if ((roles & NEGATOR) !== 0 || (neLeft > 0 && (roles & WEAK_NEGATOR) !== 0)) {
        negateLeft = WINDOW + 1;
      } else if ((roles & NEGATION_MARKER) !== 0) {
        neLeft = WINDOW + 1;
      } else if ((roles & INTENSIFIER) !== 0 && i + 1 < n && isScored(tokens[i + 1]!, infos)) {
        intensify = 2;
      } else if (info.score !== undefined) {
        let s = info.score;
        if (negateLeft > 0 || neLeft > 0) s *= NEGATION_FACTOR;
        if (intensify > 0) s *= INTENSIFIER_FACTOR;
        score += s;
        negateLeft = neLeft = intensify = 0;
        continue;
      }
    }
    if (negateLeft > 0) negateLeft--;
    if (neLeft > 0) neLeft--;
    if (intensify > 0) intensify--;
  }
  return score;
}

/** True when the token scores alone or may start an expression. */
function isScored(token: string, infos: Lexicon['tokens']): boolean {
  const info = infos.get(token);
  return info !== undefined && (info.score !== undefined || (info.roles & PHRASE_HEAD) !== 0);
}

/**
 * Maps a raw score to [−1, 1] with s / √(s² + 15) (as VADER does): one −2 word gives −0.46, a
 * −5 word −0.79, several strong words approach ±1.
 */
export function normaliseScore(raw: number): number {
  if (raw === 0) return 0;
  return raw / Math.sqrt(raw * raw + 15);
}

/**
 * The neutral band: |score| < 0.2 is neutral. A single ±1 word (0.25) is enough to leave it, a
 * negated ±1 word (0.19) is not.
 */
export const NEUTRAL_BAND = 0.2;

export function labelOf(score: number): SentimentLabel {
  if (score <= -NEUTRAL_BAND) return 'negative';
  if (score >= NEUTRAL_BAND) return 'positive';
  return 'neutral';
}

/** Raw score of a text: the lexicon of its language when there is one, plus emoji everywhere. */
export function rawSentiment(text: string, lexicon: Lexicon | undefined): number {
  const scanned = scan(text, lexicon?.dropApostrophes ?? false, lexicon !== undefined);
  const words = lexicon === undefined ? 0 : lexiconScore(scanned.tokens, lexicon);
  return words + scanned.emoji + emoticonScore(text);
}
