/**
 * Full-text search terms for PostgreSQL, computed in Node rather than on the server.
 *
 * The first schema folded accents in SQL (a `translate()` over ~250 Latin letters in a generated
 * tsvector column): PostgreSQL's translate() compares every character of the text with every
 * character of that list, ~175 µs of server CPU per mention, which capped upserts at ~3,000
 * rows/s; `to_tsvector` itself added ~19 µs. Here a mention's words are folded and deduplicated
 * in ~2 µs and sent as a tsvector literal, which the server only has to parse.
 *
 * Words are runs of letters and digits after folding (case, accents, ligatures), as in SQLite's
 * FTS5 unicode61 tokenizer, and the query is folded and split the same way, so both stores find
 * the same mentions. Positions are not kept: search only needs "all these words".
 */

const NON_ASCII = /[^\x00-\x7f]/;
const MARKS = /\p{M}+/gu;
const WORDS = /[\p{L}\p{N}]+/gu;
/** Letters that NFKD does not decompose, spelt out (as the SQL fold and listen/query/fold.ts did). */
const SPELT: Readonly<Record<string, string>> = { ß: 'ss', œ: 'oe', æ: 'ae', ø: 'o', đ: 'd', ł: 'l', ħ: 'h', ı: 'i', þ: 'th', ð: 'd', ŀ: 'l' };
const SPECIAL = new RegExp(`[${Object.keys(SPELT).join('')}]`, 'g');
/** A tsvector lexeme holds at most 2,047 bytes (≤ 3 UTF-8 bytes per UTF-16 unit); longer "words" are dropped, as to_tsvector does. */
const MAX_WORD_UNITS = 682;
/** A tsvector holds at most 1 MB of lexemes; words beyond this budget (≤ 3 bytes per unit) are not indexed. */
const MAX_TOTAL_UNITS = 300_000;

/** Lower-cased, without accents or combining marks, ligatures and full-width letters spelt plainly. */
export function foldForSearch(text: string): string {
  const lower = text.toLowerCase();
  if (!NON_ASCII.test(lower)) return lower;
  return lower.normalize('NFKD').replace(MARKS, '').toLowerCase().replace(SPECIAL, (c) => SPELT[c] ?? c);
}

/** The distinct searchable words of a text, folded, in order of first appearance. */
export function searchTokens(text: string): string[] {
  const words = new Set<string>();
  let total = 0;
  for (const w of foldForSearch(text).match(WORDS) ?? []) {
    if (w.length > MAX_WORD_UNITS || words.has(w)) continue;
    total += w.length + 3;
    if (total > MAX_TOTAL_UNITS) break;
    words.add(w);
  }
  return [...words];
}

/**
 * The tsvector literal of a text (`'cafe' 'gare'`). Words hold only letters and digits, so they
 * need no escaping inside the quotes.
 */
export function searchVector(text: string): string {
  let out = '';
  for (const w of searchTokens(text)) out += out === '' ? `'${w}'` : ` '${w}'`;
  return out;
}

/**
 * The tsquery literal requiring every word of a query (`'cafe' & 'gare'`), or null when folding
 * leaves no word (a query made of combining marks only), which matches nothing.
 */
export function searchQuery(words: readonly string[]): string | null {
  const tokens = searchTokens(words.join(' '));
  return tokens.length === 0 ? null : tokens.map((w) => `'${w}'`).join(' & ');
}
