/**
 * Tokenisation of folded text, shared by posts and query terms (which is what makes phrases and
 * multi-word terms agree with the text). A word is a run of letters, digits and "_", so
 * apostrophes and hyphens separate words ("l'usine" → "l", "usine"; "coca-cola" → "coca",
 * "cola"); each emoji is a word of its own. When `specials` is on, URLs (http://, https://,
 * www.) are taken out of the words, and #hashtags and @handles (after a non-word character)
 * are collected; their bodies still give words.
 *
 * A hand-written scanner rather than regular expressions: it runs once per post on the ingest
 * path, and computes a 32-bit FNV-1a hash of each word as it goes (see BrandMatcher).
 */

const SEP = 0;
const WORD = 1;
const EMOJI = 2;

const ASCII = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  ASCII[c] = /[a-zA-Z0-9_]/.test(ch) ? WORD : SEP;
}
/** Classes of BMP characters, computed on first sight (0 = unknown, else class + 1). */
const BMP = new Uint8Array(0x10000);
const ASTRAL = new Map<number, number>();
const IS_WORD = /^[\p{L}\p{N}\p{M}_]$/u;
const IS_EMOJI = /^\p{Extended_Pictographic}$/u;

function classify(cp: number): number {
  const ch = String.fromCodePoint(cp);
  return IS_WORD.test(ch) ? WORD : IS_EMOJI.test(ch) ? EMOJI : SEP;
}

/** Class of the code point at i (which must not be ASCII), and its width in UTF-16 units. */
function classAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff) {
    const cp = text.codePointAt(i) as number;
    if (cp <= 0xffff) return SEP; // a lone surrogate
    let k = ASTRAL.get(cp);
    if (k === undefined) {
      k = classify(cp);
      if (ASTRAL.size < 100_000) ASTRAL.set(cp, k);
    }
    return k;
  }
  if (c >= 0xdc00 && c <= 0xdfff) return SEP;
  let k = BMP[c] as number;
  if (k === 0) {
    k = classify(c) + 1;
    BMP[c] = k;
  }
  return k - 1;
}

/** End of the run of word characters starting at i (i when there is none). */
function wordRunEnd(text: string, i: number): number {
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c < 128) {
      if (ASCII[c] !== WORD) return i;
      i++;
    } else {
      if (classAt(text, i) !== WORD) return i;
      i += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
    }
  }
  return i;
}

export const FNV_OFFSET = 0x811c9dc5;
export const FNV_PRIME = 0x01000193;

/** Hashes keep 30 bits, so that V8 stores them as small integers (no boxing). */
export const HASH_MASK = 0x3fffffff;

/** The hash the scanner computes for a word (FNV-1a over UTF-16 units, 30 bits). */
export function hashWord(word: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), FNV_PRIME);
  return h & HASH_MASK;
}

export interface Scan {
  /** Start and end (exclusive) offsets of each word in the folded text, and its hash. */
  readonly starts: number[];
  readonly ends: number[];
  readonly hashes: number[];
  readonly hashtags: Set<string> | null;
  readonly mentions: Set<string> | null;
  readonly urls: string[];
}

const URL_TAIL = /[.,;:!?'")\]}]+$/;

function urlLength(text: string, i: number): number {
  if (!(text.startsWith('http://', i) || text.startsWith('https://', i) || text.startsWith('www.', i))) return 0;
  let j = i;
  while (j < text.length) {
    const c = text.charCodeAt(j);
    if (c <= 32 || c === 60 || c === 62 || c === 34) break; // space, control, < > "
    if (c >= 0x80 && /\s/.test(text.charAt(j))) break;
    j++;
  }
  return j - i;
}

/** End of a handle body at i: word runs joined by "." or "-", then an optional "@server". */
function handleEnd(text: string, i: number): number {
  let j = wordRunEnd(text, i);
  if (j === i) return i;
  const joined = (from: number): number => {
    let k = from;
    for (;;) {
      const c = text.charCodeAt(k);
      if (c !== 46 && c !== 45) return k; // "." "-"
      const e = wordRunEnd(text, k + 1);
      if (e === k + 1) return k;
      k = e;
    }
  };
  j = joined(j);
  if (text.charCodeAt(j) === 64) {
    const s = wordRunEnd(text, j + 1);
    if (s > j + 1) {
      const e = joined(s);
      if (text.slice(s, e).includes('.')) j = e;
    }
  }
  return j;
}

export function scan(text: string, specials: boolean): Scan {
  const starts: number[] = [];
  const ends: number[] = [];
  const hashes: number[] = [];
  const urls: string[] = [];
  let hashtags: Set<string> | null = null;
  let mentions: Set<string> | null = null;
  const n = text.length;
  let prevWord = false;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    const k = c < 128 ? (ASCII[c] as number) : classAt(text, i);
    if (k === WORD) {
      if (specials && !prevWord && (c === 104 || c === 119)) {
        const len = urlLength(text, i);
        if (len > 0) {
          urls.push(text.slice(i, i + len).replace(URL_TAIL, ''));
          i += len;
          continue;
        }
      }
      const s = i;
      let h = FNV_OFFSET;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d < 128) {
          if (ASCII[d] !== WORD) break;
          h = Math.imul(h ^ d, FNV_PRIME);
          i++;
        } else {
          if (classAt(text, i) !== WORD) break;
          h = Math.imul(h ^ d, FNV_PRIME);
          i++;
          if (d >= 0xd800 && d <= 0xdbff) {
            h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
            i++;
          }
        }
      }
      starts.push(s);
      ends.push(i);
      hashes.push(h & HASH_MASK);
      prevWord = true;
      continue;
    }
    const width = c >= 0xd800 && c <= 0xdbff ? 2 : 1;
    if (k === EMOJI) {
      let h = Math.imul(FNV_OFFSET ^ c, FNV_PRIME);
      if (width === 2) h = Math.imul(h ^ text.charCodeAt(i + 1), FNV_PRIME);
      starts.push(i);
      ends.push(i + width);
      hashes.push(h & HASH_MASK);
    } else if (specials && !prevWord && (c === 35 || c === 64)) {
      if (c === 35 && text.charCodeAt(i - 1) !== 38) {
        // "#tag" (not an HTML entity "&#39;")
        const e = wordRunEnd(text, i + 1);
        if (e > i + 1) (hashtags ??= new Set()).add(text.slice(i + 1, e));
      } else if (c === 64) {
        const e = handleEnd(text, i + 1);
        if (e > i + 1) {
          const handle = text.slice(i + 1, e);
          mentions ??= new Set();
          mentions.add(handle);
          const local = localPart(handle);
          if (local !== null) mentions.add(local);
        }
      }
    }
    prevWord = false;
    i += width;
  }
  return { starts, ends, hashes, hashtags, mentions, urls };
}

/** Splits already-folded text into words (no URL, hashtag or handle handling). */
export function words(folded: string): string[] {
  const s = scan(folded, false);
  return s.starts.map((start, i) => folded.slice(start, s.ends[i]));
}

/** True when the folded text is exactly a handle body (what may follow "@"). */
export function isHandle(folded: string): boolean {
  return folded.length > 0 && handleEnd(folded, 0) === folded.length;
}

/** True when the folded text is exactly a hashtag body (what may follow "#"). */
export function isHashtag(folded: string): boolean {
  return folded.length > 0 && wordRunEnd(folded, 0) === folded.length;
}

/** The handle without a Mastodon-style "@server" part, or null when it has none. */
export function localPart(handle: string): string | null {
  const at = handle.indexOf('@');
  return at > 0 ? handle.slice(0, at) : null;
}
