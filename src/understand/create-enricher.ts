import type { Brand } from '../domain/brand.ts';
import type { Enrichment, Mention, Stakeholder } from '../domain/mention.ts';
import type { Enricher, EnrichInput } from './enricher.ts';
import type { BatchSentimentModel, SentimentModel, SentimentPrediction } from './sentiment/types.ts';

/** What the enricher is made of; each part is one module of src/understand. */
export interface EnricherParts {
  /**
   * The language of a text without a platform tag (ISO 639-1), or null when undetermined; `hint`
   * holds the languages its brands are configured for.
   */
  detectLanguage: ((text: string, hint: readonly string[] | undefined) => string | null) | null;
  /** The synchronous sentiment model, for every mention. */
  sentiment: SentimentModel;
  /** The model to use for a mention of these brands (a brand's adapter), when not the base one. */
  sentimentFor?: (brandIds: readonly string[]) => SentimentModel | undefined;
  /** Crisis-trigger categories (ids; empty when none). */
  categories: ((text: string, lang: string | null) => string[]) | null;
  stakeholder: (mention: Mention, brands: readonly Brand[]) => Stakeholder;
  reach: (mention: Mention) => number;
  /** A batch model (the transformer backend) that replaces the sentiment before storage. */
  batch?: BatchSentimentModel | null;
}

/** The enrichment's sentiment from a model's prediction (the confidence and reason kept). */
export function sentimentOf(p: SentimentPrediction): NonNullable<Enrichment['sentiment']> {
  const s: NonNullable<Enrichment['sentiment']> = { label: p.label, score: p.score, model: p.model, confidence: p.confidence };
  if (p.reason !== undefined) s.reason = p.reason;
  return s;
}

/**
 * The pipeline's enricher: language (the platform's tag first), sentiment (a brand's adapter when
 * it has one, else the built-in model), crisis-trigger categories, who speaks and reach — all
 * synchronous, for every mention. With a batch model (the transformer backend), `refine` then
 * replaces the sentiment of each batch before it is stored; the built-in answer stays when the
 * batch model abstains or fails.
 */
export function createEnricher(name: string, parts: EnricherParts): Enricher {
  const enricher: Enricher = {
    name,
    enrich({ mention, brands }: EnrichInput): { lang: string | null; enrichment: Enrichment } {
      const lang = mention.lang ?? (parts.detectLanguage === null ? null : parts.detectLanguage(mention.text, hintOf(brands)));
      const model = (mention.brandIds.length > 0 ? parts.sentimentFor?.(mention.brandIds) : undefined) ?? parts.sentiment;
      const base = lang === null ? null : lang.slice(0, 2).toLowerCase();
      return {
        lang,
        enrichment: {
          sentiment: sentimentOf(model.predict(mention.text, base)),
          categories: parts.categories === null ? [] : parts.categories(mention.text, base),
          stakeholder: parts.stakeholder(mention, brands),
          reach: parts.reach(mention),
        },
      };
    },
  };
  const batch = parts.batch;
  if (batch !== null && batch !== undefined) {
    enricher.refine = async (mentions: Mention[]): Promise<void> => {
      const items = mentions.map((m) => ({ text: m.text, lang: m.lang === null ? null : m.lang.slice(0, 2).toLowerCase() }));
      const predictions = await batch.predictBatch(items);
      mentions.forEach((m, i) => {
        const p = predictions[i];
        // An abstention (unsupported language, empty text) keeps the built-in model's answer.
        if (p !== undefined && p.reason === undefined) m.enrichment = { ...m.enrichment, sentiment: sentimentOf(p) };
      });
    };
    enricher.close = () => batch.close();
  }
  return enricher;
}

/** The languages a mention's brands are configured for (undefined when any language goes). */
function hintOf(brands: readonly Brand[]): readonly string[] | undefined {
  if (brands.length === 1) return brands[0]!.languages.length > 0 ? brands[0]!.languages : undefined;
  const all = new Set<string>();
  for (const b of brands) {
    if (b.languages.length === 0) return undefined;
    for (const l of b.languages) all.add(l);
  }
  return all.size > 0 ? [...all] : undefined;
}
