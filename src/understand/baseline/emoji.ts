import { createRequire } from 'node:module';
import { z } from 'zod';

/**
 * Emoji and emoticon scores, shared by every language. Emoji come from the emoji sentiment table
 * shipped with the `sentiment` package (Kralj Novak et al., 2015), with overrides for the emoji
 * people use at brands when they are angry or delighted, whose table scores are too mild.
 */
const require = createRequire(import.meta.url);
const table = z.record(z.string(), z.number()).parse(require('sentiment/build/emoji.json'));

const OVERRIDES: Record<string, number> = {
  '😡': -4, '😠': -3, '🤬': -5, '👎': -3, '🤮': -4, '🤢': -3, '💩': -3, '😤': -2, '🙄': -2,
  '😢': -2, '😭': -2, '😞': -2, '😒': -2, '😱': -2, '💔': -3, '🖕': -4, '😖': -2, '😫': -2,
  '😍': 3, '🥰': 3, '❤': 3, '💖': 3, '👍': 2, '👏': 2, '🙏': 2, '😊': 2, '😀': 2, '🤩': 3, '🔥': 1,
};

/** Emoji scores keyed by the emoji without variation selectors (U+FE0F). */
export const EMOJI_SCORES: ReadonlyMap<string, number> = new Map(
  Object.entries({ ...table, ...OVERRIDES }).map(([k, v]) => [k.replace(/\uFE0F/g, ''), v]),
);

/** Emoticons, matched on whitespace-delimited tokens of the original (not lowercased) text. */
export const EMOTICON_SCORES: ReadonlyMap<string, number> = new Map([
  [':)', 2], [':-)', 2], [':]', 2], ['=)', 2], [':D', 3], [':-D', 3], ['xD', 2], ['XD', 2], [';)', 2],
  [';-)', 2], ['<3', 3], ['^^', 2], ['^_^', 2], [':p', 1], [':P', 1],
  [':(', -2], [':-(', -2], [":'(", -2], [':/', -1], [':-/', -1], ['>:(', -3], [':@', -3], ['D:', -2],
  ['</3', -3], [':|', -1], ['-_-', -1],
]);

const EMOTICON = /(?<=^|\s)(?:[:;=]['-]?[)(\]DpP/|@]|<\/?3|\^_?\^|[xX]D|D:|-_-|>:\()(?=$|[\s.,!?])/g;

/** Sum of the emoticon scores in a text (case matters: ":D", "xD"). */
export function emoticonScore(text: string): number {
  let score = 0;
  EMOTICON.lastIndex = 0;
  for (let m = EMOTICON.exec(text); m !== null; m = EMOTICON.exec(text)) score += EMOTICON_SCORES.get(m[0]) ?? 0;
  return score;
}
