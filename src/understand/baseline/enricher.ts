import type { Enricher, EnrichInput } from '../enricher.ts';
import type { Enrichment } from '../../domain/mention.ts';
import { estimateReach } from '../audience/reach.ts';
import { classifyStakeholder } from '../audience/stakeholder.ts';
import { parseStakeholderOptions } from '../audience/stakeholder-options.ts';
import { DEFAULT_INFLUENCER_FOLLOWERS } from './audience.ts';
import { detectLanguage } from './language.ts';
import { LEXICONS } from './lexicon.ts';
import { labelOf, normaliseScore, rawSentiment } from './sentiment.ts';

export const BASELINE_MODEL = 'baseline-afinn-1';

/**
 * The baseline enricher, fast enough to run on every mention: language (the mention's own, else
 * franc-min on texts of 20+ characters), lexicon sentiment (AFINN-165 for English, Vigie's French
 * lexicon, emoji and emoticons for every language; see sentiment.ts for the scale and the neutral
 * band), and the audience rules for who speaks and reach (src/understand/audience). No categories.
 * The production enricher is build-enricher.ts; this one stays as the measured baseline
 * (`npm run bench -- ingest --enricher baseline`) and for tests that need a model-free enricher.
 */
export function createBaselineEnricher(options: { influencerFollowers?: number } = {}): Enricher {
  const stakeholders = parseStakeholderOptions({
    influencerFollowers: { default: options.influencerFollowers ?? DEFAULT_INFLUENCER_FOLLOWERS },
  });
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
          stakeholder: classifyStakeholder(mention, brands, stakeholders).type,
          reach: estimateReach(mention),
        },
      };
    },
  };
}
