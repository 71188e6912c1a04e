/**
 * The lexicon-only baseline the classifier is compared with: a text gets every category one of
 * its strong lexicon entries names (weak `~` cues are ignored). No model needed.
 */
import { FeatureExtractor } from './features.ts';
import { LEXICONS, supportedLanguage } from './lexicons.ts';
import { CATEGORY_IDS } from './taxonomy.ts';

export type CategoryPredictor = (text: string, lang: string | null) => string[];

export function createLexiconBaseline(): CategoryPredictor {
  const extractors = new Map([...LEXICONS].map(([lang, lexicon]) => [lang, new FeatureExtractor(lang, lexicon, { bigrams: false, charNgrams: [] })]));
  const ignore = (): void => {};
  return (text, lang) => {
    const base = supportedLanguage(lang);
    const list = lang === null ? [...extractors.values()] : base === null ? [] : [extractors.get(base) as FeatureExtractor];
    const pass = new Array<boolean>(CATEGORY_IDS.length).fill(false);
    for (const e of list) {
      const hits = e.extract(text, ignore);
      for (let c = 0; c < pass.length; c++) if ((hits.strong[c] as number) > 0) pass[c] = true;
    }
    return CATEGORY_IDS.filter((_, c) => pass[c]);
  };
}
