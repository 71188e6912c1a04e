/**
 * What the explainer reads from a post's text, in one pass: the distinct content words and
 * hashtags, folded (case and accents removed with the listening language's `fold`, so
 * "Explosion" and "explosión" are one term); a SimHash of them; and a leading "RT @handle:" (an
 * old-style repost).
 *
 * Words are runs of letters, digits and "_" (apostrophes and hyphens separate them). URLs and
 * @handles give nothing; a #hashtag is a hashtag, not a term. Content words are at least two
 * characters, not only digits, and not stop words. Only the first MAX_SCANNED_CHARS characters
 * are read: an article's first paragraphs say what it is about, and a post's cost stays bounded.
 *
 * For speed, the text is folded as it is scanned (ASCII lower-cased inline, other characters
 * through a cache of `fold`), and terms are identified by a 31-bit hash of their folded form
 * (FNV-1a; a small integer for V8): no word is copied out of the text, and callers ask for a
 * term's text (`term(i)`) only the first time they count it. Two terms sharing a hash would be
 * counted as one; with the explainer's bounded vocabularies that is rare and harmless.
 */
import { fold } from '../../listen/query/fold.ts';
import { SimHasher } from './simhash.ts';
import { STOP_WORDS } from './stopwords.ts';

export const MAX_SCANNED_CHARS = 4000;

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
/** The FNV state after "#": hashtags hash as "#tag", apart from the word "tag". */
const HASH_OFFSET = Math.imul(FNV_OFFSET ^ 35, FNV_PRIME);

/** 32-bit FNV-1a of a string's UTF-16 units. */
export function fnv1a(s: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h;
}

/** The key under which a term (or "#tag") is counted: its FNV-1a hash cut to 31 bits. */
export function termKey(term: string): number {
  return fnv1a(term) >> 1;
}

const STOP_HASHES: ReadonlySet<number> = new Set([...STOP_WORDS].map(fnv1a));

const WORD = 1;
const SEPARATOR = 2;
/** Character classes: WORD or SEPARATOR; 0 for a non-ASCII BMP character not met yet. */
const CLASS = new Uint8Array(0x10000);
for (let c = 0; c < 128; c++) CLASS[c] = /[a-z0-9_]/i.test(String.fromCharCode(c)) ? WORD : SEPARATOR;
const IS_WORD = /^[\p{L}\p{N}\p{M}]$/u;

function isWord(c: number): boolean {
  let k = CLASS[c] as number;
  if (k === 0) {
    // Surrogates (emoji and rare scripts) separate words.
    k = c >= 0xd800 && c <= 0xdfff ? SEPARATOR : IS_WORD.test(String.fromCharCode(c)) ? WORD : SEPARATOR;
    CLASS[c] = k;
  }
  return k === WORD;
}

/** End of a handle body at i: word runs joined by "." or "-", then an optional "@server". */
function handleEnd(s: string, i: number): number {
  let j = i;
  for (let server = false; ; server = true) {
    while (j < s.length && isWord(s.charCodeAt(j))) j++;
    while (j + 1 < s.length && (s.charCodeAt(j) === 46 || s.charCodeAt(j) === 45) && isWord(s.charCodeAt(j + 1))) {
      j++;
      while (j < s.length && isWord(s.charCodeAt(j))) j++;
    }
    if (server || j + 1 >= s.length || s.charCodeAt(j) !== 64 || !isWord(s.charCodeAt(j + 1))) return j;
    j++;
  }
}

/** Folded form of each non-ASCII BMP character, computed on first sight (a dense array: a sparse one is a slow dictionary). */
const FOLDED: (string | null)[] = new Array<string | null>(0x10000).fill(null);

function folded(c: number): string {
  let f = FOLDED[c] as string | null;
  if (f === null) FOLDED[c] = f = fold(String.fromCharCode(c));
  return f;
}

/** True at "http://", "https://" or "www." in any case (charCodeAt past the end is NaN, and NaN | 32 is 32). */
function isUrlAt(s: string, i: number): boolean {
  if ((s.charCodeAt(i) | 32) === 119) {
    return (s.charCodeAt(i + 1) | 32) === 119 && (s.charCodeAt(i + 2) | 32) === 119 && s.charCodeAt(i + 3) === 46;
  }
  if ((s.charCodeAt(i + 1) | 32) !== 116 || (s.charCodeAt(i + 2) | 32) !== 116 || (s.charCodeAt(i + 3) | 32) !== 112) return false;
  const j = (s.charCodeAt(i + 4) | 32) === 115 ? i + 5 : i + 4;
  return s.charCodeAt(j) === 58 && s.charCodeAt(j + 1) === 47 && s.charCodeAt(j + 2) === 47;
}

const RT_GIST_CHARS = 48;
const MAX_TERMS = MAX_SCANNED_CHARS / 2;
/** The table of keys met in a text: at most MAX_TERMS keys in 4 × as many slots. */
const SEEN_BITS = 13;
const SEEN_SIZE = 1 << SEEN_BITS;

/**
 * Reads texts one after the other and holds what it read from the last one (the fields below are
 * overwritten by the next `read`): one instance per user.
 */
export class Tokenizer {
  /** The text read last. */
  text = '';
  /** Distinct terms and hashtags, in order of first appearance. */
  count = 0;
  readonly keys = new Int32Array(MAX_TERMS);
  private readonly starts = new Int32Array(MAX_TERMS);
  private readonly ends = new Int32Array(MAX_TERMS);
  /** The 64-bit SimHash of the distinct terms and hashtags, as two halves; 0 unless asked. */
  fp0 = 0;
  fp1 = 0;
  /** For a text starting "RT @handle:", the handle and the first characters after it; else null. */
  retweet: { handle: string; gist: string } | null = null;

  private readonly hasher = new SimHasher();
  /**
   * The keys met in the current text: an open-addressing table whose slots belong to the text
   * when their stamp is the current one, so that nothing is cleared between texts (a Set's
   * clear() frees its table, and refilling it cost more than the rest of the scan).
   */
  private readonly seenKeys = new Int32Array(SEEN_SIZE);
  private readonly seenStamps = new Int32Array(SEEN_SIZE);
  private stamp = 0;

  /** Marks key as met in the current text; false when it already was. */
  private firstSight(key: number): boolean {
    let j = Math.imul(key, 0x9e3779b1) >>> (32 - SEEN_BITS);
    const stamps = this.seenStamps;
    const keys = this.seenKeys;
    while (stamps[j] === this.stamp) {
      if (keys[j] === key) return false;
      j = (j + 1) & (SEEN_SIZE - 1);
    }
    stamps[j] = this.stamp;
    keys[j] = key;
    return true;
  }

  /** The i-th distinct term of the text read last, folded; a hashtag as "#tag" (0 ≤ i < count). */
  term(i: number): string {
    // A hashtag's start is its "#".
    return fold(this.text.slice(this.starts[i] as number, this.ends[i] as number));
  }

  /** Reads a text; `fingerprint` false skips the SimHash (reposts are not clustered by text). */
  read(s: string, fingerprint: boolean): this {
    const n = Math.min(s.length, MAX_SCANNED_CHARS);
    this.text = s;
    this.count = 0;
    if (++this.stamp === 0x7fffffff) {
      this.seenStamps.fill(0);
      this.stamp = 1;
    }
    const hasher = this.hasher;
    hasher.reset();

    let i = 0;
    this.retweet = null;
    // "RT @" in any case.
    if ((s.charCodeAt(0) | 32) === 114 && (s.charCodeAt(1) | 32) === 116 && s.charCodeAt(2) === 32 && s.charCodeAt(3) === 64) {
      const end = handleEnd(s, 4);
      if (end > 4) {
        i = s.charCodeAt(end) === 58 ? end + 1 : end; // ":"
        this.retweet = { handle: fold(s.slice(4, end)), gist: fold(s.slice(i, i + RT_GIST_CHARS).trim()) };
        fingerprint = false;
      }
    }
    while (i < n) {
      const c = s.charCodeAt(i);
      if (c < 128 ? CLASS[c] === WORD : isWord(c)) {
        const start = i;
        if (((c | 32) === 104 || (c | 32) === 119) && isUrlAt(s, i)) {
          while (i < n && s.charCodeAt(i) > 32) i++;
          continue;
        }
        const tag = start > 0 && s.charCodeAt(start - 1) === 35 && (start < 2 || !isWord(s.charCodeAt(start - 2)));
        let h = tag ? HASH_OFFSET : FNV_OFFSET;
        let letters = 0;
        let digits = true;
        for (; i < n; i++) {
          let d = s.charCodeAt(i);
          if (d < 128) {
            if (CLASS[d] !== WORD) break;
            if (d >= 65 && d <= 90) d += 32;
            else if (d >= 48 && d <= 57) {
              h = Math.imul(h ^ d, FNV_PRIME);
              letters++;
              continue;
            }
            h = Math.imul(h ^ d, FNV_PRIME);
            letters++;
            digits = false;
          } else {
            if (!isWord(d)) break;
            const f = folded(d);
            for (let k = 0; k < f.length; k++) h = Math.imul(h ^ f.charCodeAt(k), FNV_PRIME);
            letters += f.length;
            if (f.length > 0) digits = false;
          }
        }
        if (letters >= 2 && (tag || (!digits && !STOP_HASHES.has(h)))) {
          const key = h >> 1;
          if (this.count < MAX_TERMS && this.firstSight(key)) {
            const k = this.count++;
            this.keys[k] = key;
            this.starts[k] = tag ? start - 1 : start;
            this.ends[k] = i;
            if (fingerprint) hasher.add(key);
          }
        }
        continue;
      }
      if (c === 64 && (i === 0 || !isWord(s.charCodeAt(i - 1)))) {
        i = Math.max(handleEnd(s, i + 1), i + 1);
        continue;
      }
      i++;
    }
    this.fp0 = fingerprint ? hasher.half0 : 0;
    this.fp1 = fingerprint ? hasher.half1 : 0;
    return this;
  }
}
