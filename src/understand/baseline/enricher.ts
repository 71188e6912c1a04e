import type { Enricher, EnrichInput } from '../enricher.ts';
import type { Enrichment } from '../../domain/mention.ts';
import { classifyStakeholder, DEFAULT_INFLUENCER_FOLLOWERS, estimateReach } from './audience.ts';
import { detectLanguage } from './language.ts';
import { LEXICONS } from './lexicon.ts';
import { labelOf, normaliseScore, rawSentiment } from './sentiment.ts';

export const BASELINE_MODEL = 'baseline-afinn-1';

/**
 * The baseline enricher, fast enough to run on every mention: language (the mention's own, else
 * franc-min on texts of 20+ characters), lexicon sentiment (AFINN-165 for English, Vigie's French
 * lexicon, emoji and emoticons for every language; see sentiment.ts for the scale and the neutral
 * band), reach and stakeholder heuristics (audience.ts). Categories are left to the models of the
 * understanding stage.
 */
export function createBaselineEnricher(options: { influencerFollowers?: number } = {}): Enricher {
  const influencerFollowers = options.influencerFollowers ?? DEFAULT_INFLUENCER_FOLLOWERS;
  return {
    name: BASELINE_MODEL,
    enrich({ mention, brands }: EnrichInput): { lang: string | null; enrichment: Enrichment } {
      const lang = mention.lang ?? detectLanguage(mention.text);
      const base = lang === null ? undefined : lang.slice(0, 2).toLowerCase();
      const score = normaliseScore(rawSentiment(mention.text, base === undefined ? undefined : LEXICONS.get(base)));
      return {
        lang,
        enrichment: {
          sentiment: { label: labelOf(score), score, model: BASELINE_MODEL },
          categories: [],
          stakeholder: classifyStakeholder(mention, brands, influencerFollowers),
          reach: estimateReach(mention),
        },
      };
    },
  };
}
