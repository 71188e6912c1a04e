import { EMOJI_SCORES } from './emoji.ts';

/** The words of a text, lowercased, and the sum of the scores of its emoji. */
export interface Scanned {
  tokens: string[];
  emoji: number;
}

/**
 * One pass over a text, written by hand because it runs on every mention (a Unicode-aware
 * `split` is 4× slower): letters and digits make words (Latin, Greek, Cyrillic… anything from
 * U+00C0 that is not punctuation or a symbol); everything else separates them. Apostrophes
 * separate too ("n'est" → "n", "est"), unless `dropApostrophes` ("don't" → "dont"). Emoji
 * (astral pictographs and the U+2190–U+2BFF symbols such as ❤ ☹) are looked up as they pass.
 */
export function scan(text: string, dropApostrophes: boolean, wantTokens: boolean): Scanned {
  const lower = wantTokens ? text.toLowerCase() : text;
  const tokens: string[] = [];
  let emoji = 0;
  let start = -1;
  let pending = ''; // the part of a word before a dropped apostrophe
  const n = lower.length;
  for (let i = 0; i < n; i++) {
    const c = lower.charCodeAt(i);
    if (isWordChar(c)) {
      if (start < 0) start = i;
      continue;
    }
    if (dropApostrophes && (c === 39 || c === 0x2019) && start >= 0 && i + 1 < n && isWordChar(lower.charCodeAt(i + 1))) {
      pending += lower.slice(start, i);
      start = -1;
      continue;
    }
    if (start >= 0 || pending.length > 0) {
      if (wantTokens) tokens.push(start >= 0 ? pending + lower.slice(start, i) : pending);
      start = -1;
      pending = '';
    }
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      emoji += EMOJI_SCORES.get(lower.slice(i, i + 2)) ?? 0;
      i++;
    } else if (c >= 0x2190 && c <= 0x2bff) {
      emoji += EMOJI_SCORES.get(lower[i]!) ?? 0;
    }
  }
  if (wantTokens && (start >= 0 || pending.length > 0)) tokens.push(start >= 0 ? pending + lower.slice(start) : pending);
  return { tokens, emoji };
}

function isWordChar(c: number): boolean {
  if (c < 0x80) return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90);
  if (c < 0xc0) return c === 0xaa || c === 0xb5 || c === 0xba;
  if (c === 0xd7 || c === 0xf7) return false;
  if (c < 0x2000) return true;
  if (c < 0x2c00) return false; // punctuation, symbols, arrows, dingbats
  if (c >= 0xd800 && c <= 0xdfff) return false; // astral: emoji (CJK extensions are rare in posts)
  if (c >= 0x3000 && c <= 0x303f) return false; // CJK punctuation
  if (c >= 0xfe00 && c <= 0xfe0f) return false; // variation selectors
  if (c >= 0xff00 && c <= 0xff0f) return false;
  return true;
}
