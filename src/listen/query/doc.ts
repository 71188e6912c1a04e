import { fold } from './fold.ts';
import { localPart, scan } from './tokenize.ts';

/**
 * A post prepared once for many queries: its folded words with their positions (the index),
 * hashtags, @mentions, URLs, language and author. Queries never look at the raw text again.
 * Word strings and the word set are built on first use: most posts are ruled out by the
 * matcher's index from the word hashes alone.
 */
export interface MatchDoc {
  /** Number of words. */
  readonly size: number;
  /** FNV-1a hash of each word (see tokenize.ts `hashWord`), in reading order. */
  readonly hashes: readonly number[];
  /** Folded words in reading order; hashtag and @handle bodies are words too, URLs are not. */
  readonly words: readonly string[];
  readonly wordSet: ReadonlySet<string>;
  /** Folded hashtags, without "#". */
  readonly hashtags: ReadonlySet<string>;
  /** Folded handles mentioned in the text, without "@" (a "user@server" handle also gives "user"). */
  readonly mentions: ReadonlySet<string>;
  /** Folded URLs found in the text, plus the ones given. */
  readonly urls: readonly string[];
  /** Lower-case language code, or null when unknown. */
  readonly lang: string | null;
  /** Folded author handle without "@", or null. */
  readonly author: string | null;
  /** The author handle without its "@server" part when it has one, else null. */
  readonly authorLocal: string | null;
  /** The i-th word. */
  wordAt(i: number): string;
  /** True when the i-th word is `word`, whose `hashWord` is `hash` (no string is built). */
  isWordAt(i: number, word: string, hash: number): boolean;
  /**
   * Position of the first occurrence of `word` (whose `hashWord` is `hash`) at or after `from`,
   * or -1. Queries use this rather than `wordSet`: comparing the hashes computed by the scan
   * costs less than building the post's word strings and set (about −1 µs of CPU per post on
   * the ingest benchmark's posts, where every post that names a brand is checked for a NEAR:
   * src/pipeline/brand-assigner.bench.ts).
   */
  indexOfWord(word: string, hash: number, from: number): number;
  /** True when some word starts with the (folded) stem. */
  hasPrefix(stem: string): boolean;
}

export interface DocInput {
  text: string;
  lang: string | null;
  authorHandle: string | null;
  /** URLs known from the platform's payload (expanded links), in addition to those in the text. */
  urls?: readonly string[];
}

const EMPTY: ReadonlySet<string> = new Set();

class PreparedDoc implements MatchDoc {
  readonly hashes: readonly number[];
  readonly hashtags: ReadonlySet<string>;
  readonly mentions: ReadonlySet<string>;
  readonly urls: readonly string[];
  readonly lang: string | null;
  readonly author: string | null;
  readonly authorLocal: string | null;
  private readonly text: string;
  private readonly starts: readonly number[];
  private readonly ends: readonly number[];
  private list: string[] | null = null;
  private set: Set<string> | null = null;

  constructor(input: DocInput) {
    const text = fold(input.text);
    const s = scan(text, true);
    if (input.urls !== undefined) for (const u of input.urls) s.urls.push(fold(u));
    this.text = text;
    this.starts = s.starts;
    this.ends = s.ends;
    this.hashes = s.hashes;
    this.hashtags = s.hashtags ?? EMPTY;
    this.mentions = s.mentions ?? EMPTY;
    this.urls = s.urls;
    this.lang = input.lang === null ? null : input.lang.trim().toLowerCase() || null;
    this.author = input.authorHandle === null ? null : foldHandle(input.authorHandle) || null;
    this.authorLocal = this.author === null ? null : localPart(this.author);
  }

  get size(): number {
    return this.starts.length;
  }

  wordAt(i: number): string {
    return this.text.slice(this.starts[i], this.ends[i]);
  }

  isWordAt(i: number, word: string, hash: number): boolean {
    if (this.hashes[i] !== hash) return false;
    const s = this.starts[i] as number;
    return (this.ends[i] as number) - s === word.length && this.text.startsWith(word, s);
  }

  indexOfWord(word: string, hash: number, from: number): number {
    const hashes = this.hashes;
    for (let i = from; i < hashes.length; i++) {
      if (hashes[i] === hash && this.isWordAt(i, word, hash)) return i;
    }
    return -1;
  }

  get words(): readonly string[] {
    if (this.list === null) {
      const list: string[] = new Array<string>(this.starts.length);
      for (let i = 0; i < list.length; i++) list[i] = this.wordAt(i);
      this.list = list;
    }
    return this.list;
  }

  get wordSet(): ReadonlySet<string> {
    this.set ??= new Set(this.words);
    return this.set;
  }

  hasPrefix(stem: string): boolean {
    const { text, starts, ends } = this;
    for (let i = 0; i < starts.length; i++) {
      const s = starts[i] as number;
      if ((ends[i] as number) - s >= stem.length && text.startsWith(stem, s)) return true;
    }
    return false;
  }
}

export function prepareDoc(input: DocInput): MatchDoc {
  return new PreparedDoc(input);
}

/** Folds a handle and drops a leading "@". */
export function foldHandle(handle: string): string {
  const f = fold(handle.trim());
  return f.startsWith('@') ? f.slice(1) : f;
}
