/**
 * Case and accent folding shared by queries and posts, so that "cafe", "Café" and "CAFÉ" are
 * one word. ASCII text (most posts) takes the fast path: a plain `toLowerCase`. In other text,
 * each non-ASCII character is folded once and cached: decomposed (NFKD, which also turns
 * ligatures and full-width letters into plain ones), lower-cased, stripped of combining marks;
 * a few letters that do not decompose are spelt out (ß → ss, œ → oe, ø → o…).
 */

const NON_ASCII = /[^\x00-\x7f]/;
const MARKS = /\p{M}+/gu;
const SPELT: Readonly<Record<string, string>> = {
  ß: 'ss',
  œ: 'oe',
  æ: 'ae',
  ø: 'o',
  đ: 'd',
  ł: 'l',
  ħ: 'h',
  ı: 'i',
  þ: 'th',
  ð: 'd',
  ŀ: 'l',
  ς: 'σ',
};
const SPECIAL = new RegExp(`[${Object.keys(SPELT).join('')}]`, 'g');

/** Folded form of each non-ASCII code point met so far (bounded: see MAX_CACHED). */
const cache = new Map<number, string>();
const MAX_CACHED = 100_000;

export function hasNonAscii(text: string): boolean {
  return NON_ASCII.test(text);
}

function foldCodePoint(cp: number): string {
  let f = cache.get(cp);
  if (f === undefined) {
    f = String.fromCodePoint(cp)
      .normalize('NFKD')
      .toLowerCase()
      .replace(MARKS, '')
      .replace(SPECIAL, (c) => SPELT[c] ?? c);
    if (cache.size < MAX_CACHED) cache.set(cp, f);
  }
  return f;
}

const NON_ASCII_RUN = /[^\x00-\x7f]+/g;

function foldRun(run: string): string {
  let out = '';
  for (let i = 0; i < run.length; i++) {
    const c = run.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < run.length) {
      const cp = run.codePointAt(i) as number;
      out += cp > 0xffff ? foldCodePoint(cp) : run.charAt(i);
      if (cp > 0xffff) i++;
    } else {
      out += foldCodePoint(c);
    }
  }
  return out;
}

export function fold(text: string): string {
  const lower = text.toLowerCase();
  if (!NON_ASCII.test(lower)) return lower;
  return lower.replace(NON_ASCII_RUN, foldRun);
}
