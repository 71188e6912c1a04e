/**
 * Text → words for the category lexicons and classifier, in one hand-written pass (it runs on
 * every mention). Words are lowercased runs of letters and digits; everything else separates
 * them (`#BoycottX` → `boycottx`, `mise-à-jour` → `mise`, `à`, `jour`), except currency signs,
 * which become the word `¤`, and `%`, which stays a word of its own. Apostrophes separate
 * French words (`l'appli` → `l`, `appli`) but are dropped inside English ones (`can't` → `cant`,
 * which is also how people type it). Words are then folded (see `fold`) so lexicons and features
 * ignore accents and letter elongation.
 */

/** The word every currency sign ($ £ € ¥) becomes. */
export const CURRENCY = '¤';

/** How apostrophes inside a word are handled: French splits (`l'appli`), English joins (`can't`). */
export type ApostropheMode = 'split' | 'join';

export function apostropheModeOf(lang: string): ApostropheMode {
  return lang === 'en' ? 'join' : 'split';
}

/**
 * The raw (lowercased, not yet folded) words of a text. At most `maxWords` words are returned:
 * a trigger shows in the first few hundred words, and the cap bounds the time spent on long
 * articles. When `clauses` is given, it receives each word's clause number: clauses are
 * separated by . , ; : ! ? ( ) and line breaks (negation does not cross them).
 */
export function words(text: string, mode: ApostropheMode, maxWords = 400, clauses?: number[]): string[] {
  const lower = text.toLowerCase();
  const out: string[] = [];
  const join = mode === 'join';
  let start = -1;
  let pending = ''; // the part of a word before a dropped apostrophe
  let clause = 0;
  const n = lower.length;
  const push = (w: string): void => {
    out.push(w);
    clauses?.push(clause);
  };
  for (let i = 0; i < n; i++) {
    const c = lower.charCodeAt(i);
    if (isWordChar(c)) {
      if (start < 0) start = i;
      continue;
    }
    if (join && (c === 39 || c === 0x2019) && start >= 0 && i + 1 < n && isWordChar(lower.charCodeAt(i + 1))) {
      pending += lower.slice(start, i);
      start = -1;
      continue;
    }
    if (start >= 0 || pending.length > 0) {
      push(start >= 0 ? pending + lower.slice(start, i) : pending);
      if (out.length >= maxWords) return out;
      start = -1;
      pending = '';
    }
    // Money and percentages matter for pricing: $ £ € ¥ become the word "¤", % the word "%".
    if (c === 36 || c === 0xa3 || c === 0x20ac || c === 0xa5) push(CURRENCY);
    else if (c === 37) push('%');
    else if (c === 46 || c === 44 || c === 59 || c === 58 || c === 33 || c === 63 || c === 40 || c === 41 || c === 10) clause++;
  }
  if (start >= 0 || pending.length > 0) push(start >= 0 ? pending + lower.slice(start) : pending);
  return out;
}

function isWordChar(c: number): boolean {
  if (c < 0x80) return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90);
  if (c < 0xc0) return c === 0xaa || c === 0xba;
  if (c === 0xd7 || c === 0xf7) return false;
  if (c < 0x2000) return true; // Latin, Greek, Cyrillic…, and combining accents (decomposed input)
  if (c < 0x2c00) return false; // punctuation, symbols, arrows, dingbats
  if (c >= 0xd800 && c <= 0xdfff) return false; // astral: emoji
  if (c >= 0x3000 && c <= 0x303f) return false; // CJK punctuation
  if (c >= 0xfe00 && c <= 0xfe0f) return false; // variation selectors
  if (c >= 0xff00 && c <= 0xff0f) return false;
  return true;
}

const COMBINING = /[\u0300-\u036f]/g;
const LIGATURES: Record<string, string> = { œ: 'oe', æ: 'ae', ß: 'ss', ø: 'o', đ: 'd', ł: 'l', ı: 'i' };
const LIGATURE_RE = /[œæßøđłı]/g;

/**
 * A lowercased word without accents (`brûlé` → `brule`, `cœur` → `coeur`) and with runs of
 * three or more identical letters cut to one (`nuuuul` → `nul`, `scaaaam` → `scam`): people
 * stretch words when angry, lexicons list them once. Doubled letters stay (`appli`, `annulé`).
 */
export function fold(word: string): string {
  let w = word;
  if (!isAscii(w)) w = w.normalize('NFD').replace(COMBINING, '').replace(LIGATURE_RE, (c) => LIGATURES[c] ?? c);
  return collapseRuns(w);
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

function collapseRuns(w: string): string {
  const n = w.length;
  let run = false;
  for (let i = 2; i < n; i++) {
    const c = w.charCodeAt(i);
    if (c === w.charCodeAt(i - 1) && c === w.charCodeAt(i - 2) && !(c >= 48 && c <= 57)) {
      run = true;
      break;
    }
  }
  if (!run) return w;
  let out = '';
  let i = 0;
  while (i < n) {
    const c = w.charCodeAt(i);
    let j = i + 1;
    while (j < n && w.charCodeAt(j) === c) j++;
    const len = j - i;
    out += len >= 3 && !(c >= 48 && c <= 57) ? w[i] : w.slice(i, j);
    i = j;
  }
  return out;
}

/** FNV-1a over a string, then a final mix: the 32-bit feature id of a word or an n-gram. */
export function hashString(s: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mix(h);
}

/** The feature id of two ids in order (a word bigram). */
export function hashPair(a: number, b: number): number {
  return mix((Math.imul(a, 0x9e3779b1) ^ ((b << 13) | (b >>> 19)) ^ 0x27d4eb2d) >>> 0);
}

function mix(x: number): number {
  let h = x >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
