/** The trigger lexicons by language: the languages the category classifier supports. */
import { LEXICON_EN } from './lexicon-en.ts';
import { LEXICON_FR } from './lexicon-fr.ts';
import type { Lexicon } from './matcher.ts';

export const LEXICONS: ReadonlyMap<string, Lexicon> = new Map([
  ['en', LEXICON_EN],
  ['fr', LEXICON_FR],
]);

/** `fr`, `fr-FR`, `FR_ca` → `fr`; null when the tag names no language Vigie has a lexicon for. */
export function supportedLanguage(lang: string | null): string | null {
  if (lang === null) return null;
  const m = /^([a-z]{2,3})(?:[-_].*)?$/i.exec(lang.trim());
  if (m === null) return null;
  const base = (m[1] as string).toLowerCase();
  return LEXICONS.has(base) ? base : null;
}
