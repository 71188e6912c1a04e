import { StoreError } from './store.ts';

/** Longest query accepted, in characters, and most words kept from it. */
const MAX_QUERY_CHARS = 1000;
const MAX_WORDS = 32;

/**
 * The searchable words of a plain-words query: runs of letters, digits and combining marks.
 * Everything else (quotes, `*`, parentheses, `:`, NUL…) separates words, so no FTS5 or tsquery
 * syntax can reach the SQL. Words are NFC-normalised; case and accents are folded by the index.
 * Throws StoreError('invalid') when nothing searchable remains.
 */
export function searchWords(q: string): string[] {
  if (q.length > MAX_QUERY_CHARS) {
    throw new StoreError('invalid', `search query is ${q.length} characters long; the limit is ${MAX_QUERY_CHARS}`);
  }
  const words = q.normalize('NFC').match(/[\p{L}\p{N}\p{M}]+/gu) ?? [];
  if (words.length === 0) {
    throw new StoreError('invalid', `search query ${JSON.stringify(q.slice(0, 80))} has no searchable word (use letters or digits)`);
  }
  return [...new Set(words)].slice(0, MAX_WORDS);
}

/**
 * An FTS5 MATCH expression where every word must match: each word is a quoted string, so FTS5
 * keywords (AND, OR, NOT, NEAR) are plain words. Quotes cannot occur inside a word.
 */
export function toFts5Match(words: readonly string[]): string {
  return words.map((w) => `"${w}"`).join(' AND ');
}
