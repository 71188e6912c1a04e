/**
 * The sentiment label vocabulary accepted in evaluation files: the TweetEval / UMSAB indexes
 * (0 negative, 1 neutral, 2 positive) and the class names in English (full or short) and French.
 * Other numeric scales (−1/0/1, 0/4, 1–5 stars…) are refused with a hint rather than guessed.
 */
import type { LabelIndex } from '../sentiment/types.ts';
import type { LabelSpec } from './labelled-text.ts';

const WORDS: ReadonlyMap<string, LabelIndex> = new Map<string, LabelIndex>([
  ['0', 0], ['1', 1], ['2', 2],
  ['negative', 0], ['neutral', 1], ['positive', 2],
  ['neg', 0], ['neu', 1], ['pos', 2],
  // French; accents optional (`négatif` / `negatif`), feminine `négative` / `positive` included.
  ['negatif', 0], ['neutre', 1], ['positif', 2],
]);

function fold(raw: string): string {
  return raw.trim().toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');
}

/** The label index of a raw label, or undefined if it is not one of the accepted forms. */
export function parseSentimentLabel(raw: string): LabelIndex | undefined {
  return WORDS.get(fold(raw));
}

export const SENTIMENT_LABEL_SPEC: LabelSpec<LabelIndex> = {
  parse: parseSentimentLabel,
  accepted: '0, 1, 2 (0 negative, 1 neutral, 2 positive), negative/neutral/positive, neg/neu/pos, négatif/neutre/positif',
  hint(raw) {
    if (/^[+-]?\d+(\.\d+)?$/.test(raw.trim())) {
      return 'numeric labels must be 0, 1 or 2; map another scale (−1/0/1, 0/4, stars…) to these first';
    }
    return undefined;
  },
};
