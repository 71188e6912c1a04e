/**
 * What the explainer reads from a post's text, in one pass over its folded form (case and
 * accents removed by the listening language's `fold`, so "Explosion" and "explosión" count as
 * one term): the distinct content words, the distinct hashtags, a SimHash of every word, and a
 * leading "RT @handle:" (an old-style repost).
 *
 * Words are runs of letters, digits and "_" (apostrophes and hyphens separate them). URLs and
 * @handles give nothing; a #hashtag is a hashtag, not a term. Content words are at least two
 * characters, not only digits, and not stop words (checked by hash, so that a stop word is never
 * copied out of the text). Only the first MAX_SCANNED_CHARS characters are read: an article's
 * first paragraphs say what it is about, and the cost of a post stays bounded.
 */
import { fold } from '../../listen/query/fold.ts';
import { SimHasher } from './simhash.ts';
import { STOP_WORDS } from './stopwords.ts';

export const MAX_SCANNED_CHARS = 4000;

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** 32-bit FNV-1a of a string's UTF-16 units (the hash the scanner computes for each word). */
export function fnv1a(s: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h;
}

const STOP_HASHES: ReadonlySet<number> = new Set([...STOP_WORDS].map(fnv1a));

/** 1 for a word character; for non-ASCII BMP characters, 0 until classified, then 1 or 2. */
const WORD = 1;
const SEPARATOR = 2;
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

function isUrlAt(s: string, i: number): boolean {
  return s.startsWith('http://', i) || s.startsWith('https://', i) || s.startsWith('www.', i);
}

export interface Tokens {
  /** Distinct content words, in order of first appearance. */
  terms: string[];
  /** Distinct hashtags, without "#", in order of first appearance. */
  hashtags: string[];
  /** The text's 64-bit SimHash over all its words (stop words included), as two halves. */
  fp0: number;
  fp1: number;
  /** Words fed to the SimHash (0: the fingerprint means nothing). */
  words: number;
  /** For a text starting "RT @handle:", the handle and the first words after it; else null. */
  retweet: { handle: string; gist: string } | null;
}

const RT_GIST_CHARS = 48;

/** Reads texts one after the other; holds scratch state, so one instance per user. */
export class Tokenizer {
  private readonly hasher = new SimHasher();
  private readonly seenTerms = new Set<string>();
  private readonly seenTags = new Set<string>();

  read(text: string): Tokens {
    const s = fold(text.length > MAX_SCANNED_CHARS ? text.slice(0, MAX_SCANNED_CHARS) : text);
    const n = s.length;
    const terms: string[] = [];
    const hashtags: string[] = [];
    const hasher = this.hasher;
    hasher.reset();
    this.seenTerms.clear();
    this.seenTags.clear();

    let i = 0;
    let retweet: Tokens['retweet'] = null;
    if (s.startsWith('rt @')) {
      const end = handleEnd(s, 4);
      if (end > 4) {
        i = s.charCodeAt(end) === 58 ? end + 1 : end; // ":"
        retweet = { handle: s.slice(4, end), gist: s.slice(i, i + RT_GIST_CHARS).trim() };
      }
    }
    while (i < n) {
      const c = s.charCodeAt(i);
      if (isWord(c)) {
        const start = i;
        if ((c === 104 || c === 119) && isUrlAt(s, i)) {
          while (i < n && s.charCodeAt(i) > 32) i++;
          continue;
        }
        let h = FNV_OFFSET;
        let digits = true;
        for (; i < n; i++) {
          const d = s.charCodeAt(i);
          if (!isWord(d)) break;
          if (d < 48 || d > 57) digits = false;
          h = Math.imul(h ^ d, FNV_PRIME);
        }
        hasher.add(h);
        const before = start > 0 ? s.charCodeAt(start - 1) : 32;
        if (before === 35 && (start < 2 || !isWord(s.charCodeAt(start - 2)))) {
          const tag = s.slice(start, i);
          if (tag.length >= 2 && !this.seenTags.has(tag)) {
            this.seenTags.add(tag);
            hashtags.push(tag);
          }
        } else if (i - start >= 2 && !digits && !STOP_HASHES.has(h)) {
          const term = s.slice(start, i);
          if (!this.seenTerms.has(term)) {
            this.seenTerms.add(term);
            terms.push(term);
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
    return { terms, hashtags, fp0: hasher.half0, fp1: hasher.half1, words: hasher.count, retweet };
  }
}
