import type { Config } from '../config/load.ts';
import type { Logger } from '../observe/logger.ts';
import { classifyStakeholder } from './audience/stakeholder.ts';
import { parseStakeholderOptions, type StakeholderOptions } from './audience/stakeholder-options.ts';
import { estimateReach } from './audience/reach.ts';
import { loadCategoryModel } from './categories/classifier.ts';
import { createEnricher } from './create-enricher.ts';
import type { Enricher } from './enricher.ts';
import { detectLanguage } from './language/detect.ts';
import { loadSentimentModel } from './sentiment/default-model.ts';
import { loadOnnxSentiment } from './sentiment/onnx/load.ts';
import { withMinConfidence } from './sentiment/min-confidence.ts';
import type { BatchSentimentModel, SentimentModel } from './sentiment/types.ts';

export interface BuildEnricherOptions {
  understand: Config['understand'];
  /** Who speaks (the configuration's understand.stakeholders, already checked). */
  stakeholders?: StakeholderOptions;
  /** A brand's adapted sentiment model, when its analysts' corrections made one. */
  sentimentFor?: (brandIds: readonly string[]) => SentimentModel | undefined;
  logger?: Logger;
}

/**
 * The production enricher, from the configuration: the platform's language tag or the detector
 * (eld, hinted by the brands' languages), the built-in sentiment model (or a brand's adapter), the
 * transformer backend on each batch when configured, crisis-trigger categories, who speaks and
 * reach. Throws on a model file that cannot be loaded (its message names the file and the fix).
 */
export async function buildEnricher(o: BuildEnricherOptions): Promise<Enricher> {
  const u = o.understand;
  const wrapped = new WeakMap<SentimentModel, SentimentModel>();
  const sure = (m: SentimentModel): SentimentModel => {
    let w = wrapped.get(m);
    if (w === undefined) wrapped.set(m, (w = withMinConfidence(m, u.sentiment.minConfidence)));
    return w;
  };
  const sentiment = sure(loadSentimentModel(u.sentiment.model ?? undefined));
  let batch: BatchSentimentModel | null = null;
  if (u.sentiment.backend === 'onnx') {
    const dir = u.sentiment.onnx.dir;
    if (dir === null) throw new Error('understand.sentiment.backend is onnx but understand.sentiment.onnx.dir is not set');
    batch = await loadOnnxSentiment(dir, { batchSize: u.sentiment.onnx.batchSize, maxLength: u.sentiment.onnx.maxLength, languages: u.sentiment.onnx.languages });
    o.logger?.info({ model: batch.id }, 'transformer sentiment backend loaded');
  }
  const categories = u.categories.enabled ? loadCategoryModel(u.categories.model ?? undefined) : null;
  if (categories !== null && !categories.lexiconsMatch) {
    o.logger?.warn({ model: categories.name }, 'the category lexicons changed since the model was trained: retrain it with `vigie train categories`');
  }
  const stakeholders = o.stakeholders ?? parseStakeholderOptions({});
  const name = [sentiment.id, batch?.id, categories?.name].filter((x) => x !== undefined).join('+');
  return createEnricher(name, {
    detectLanguage: u.detectLanguage ? (text, hint) => detectLanguage(text, hint).lang : null,
    sentiment,
    sentimentFor:
      u.sentiment.adapters && o.sentimentFor !== undefined
        ? (brandIds) => {
            const m = o.sentimentFor?.(brandIds);
            return m === undefined ? undefined : sure(m);
          }
        : undefined,
    categories: categories === null ? null : (text, lang) => categories.classify(text, lang),
    stakeholder: (mention, brands) => classifyStakeholder(mention, brands, stakeholders).type,
    reach: estimateReach,
    batch,
  });
}
