/**
 * The Reddit searches made for the brands. Each brand's name, aliases and keywords become search
 * terms: a single word as is (`lumora`), anything else between quotes (`"cold brew"`, `"l'usine"`);
 * double quotes and backslashes in a term become spaces, and terms that differ only by case or
 * accents are searched once. All brands' terms are joined with ` OR ` into as few queries as fit
 * Reddit's 512-character limit (`q`), in the brands' order, so that the queries (and the cursors
 * kept for them) change only when the terms do.
 *
 * Not mapped: handles (those of other platforms mean nothing on Reddit), languages (Reddit search
 * has no language filter) and listening queries (NEAR, prefixes and lang: have no Reddit
 * equivalent). Searches are a broad net: the pipeline's brand matcher then applies each brand's
 * full listening query to what they find. A query in Reddit's own syntax can be added with
 * `searchQueries`.
 */
import type { Brand } from '../../domain/brand.ts';
import { fold } from '../query/fold.ts';

/** Reddit refuses longer `q` values. */
export const REDDIT_QUERY_MAX_LENGTH = 512;

const BARE = /^[\p{L}\p{N}_]+$/u;
const OPERATORS = new Set(['AND', 'OR', 'NOT']);
const USABLE = /[\p{L}\p{N}\p{Extended_Pictographic}]/u;

/** The search terms of the brands, formatted for Reddit, without duplicates. */
export function redditSearchTerms(brands: readonly Pick<Brand, 'name' | 'aliases' | 'keywords'>[]): string[] {
  const terms: string[] = [];
  const seen = new Set<string>();
  for (const brand of brands) {
    for (const raw of [brand.name, ...brand.aliases, ...brand.keywords]) {
      const clean = raw.replace(/["\\]/g, ' ').replace(/\s+/g, ' ').trim();
      if (!USABLE.test(clean)) continue;
      const key = fold(clean);
      if (seen.has(key)) continue;
      seen.add(key);
      terms.push(BARE.test(clean) && !OPERATORS.has(clean) ? clean : `"${clean}"`);
    }
  }
  return terms;
}

/**
 * The terms ORed into queries of at most `maxLength` characters. A brand's names and keywords are
 * at most 200 characters, so every term fits; one that would not (a smaller `maxLength`) is left out.
 */
export function redditSearchQueries(brands: readonly Pick<Brand, 'name' | 'aliases' | 'keywords'>[], maxLength = REDDIT_QUERY_MAX_LENGTH): string[] {
  const queries: string[] = [];
  let current = '';
  for (const term of redditSearchTerms(brands)) {
    if (term.length > maxLength) continue;
    if (current !== '' && current.length + 4 + term.length <= maxLength) current += ` OR ${term}`;
    else {
      if (current !== '') queries.push(current);
      current = term;
    }
  }
  if (current !== '') queries.push(current);
  return queries;
}
