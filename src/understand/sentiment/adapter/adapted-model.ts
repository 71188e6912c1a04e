import type { SentimentModel, SentimentPrediction } from '../types.ts';
import { adaptPrediction, isActive, type SentimentAdapter } from './adapter.ts';
import { featuresFor } from './fit.ts';
import { TEXT_FEATURES_ID } from './text-features.ts';

/** The model id of an adapted model: `<base>+brand-<brand id>@<number of corrections>`. */
export function adaptedModelId(baseModel: string, adapter: Pick<SentimentAdapter, 'brandId' | 'corrections'>): string {
  return `${baseModel}+brand-${adapter.brandId}@${adapter.corrections}`;
}

/**
 * The base model with a brand's adapter on top, as a SentimentModel the enricher can use in place
 * of the base one. While the adapter is not active (fewer corrections than its minimum) it is the
 * base model itself, id included. Throws when the adapter was fitted on another base model or
 * with text features this Vigie does not compute (refit it from the corrections).
 */
export function adaptedModel(base: SentimentModel, adapter: SentimentAdapter): SentimentModel {
  if (adapter.baseModel !== base.id) {
    throw new Error(`the adapter of brand ${adapter.brandId} was fitted on model ${adapter.baseModel}, not ${base.id}: refit it from the corrections`);
  }
  if (adapter.textFeatures !== 'none' && adapter.textFeatures !== TEXT_FEATURES_ID) {
    throw new Error(`the adapter of brand ${adapter.brandId} uses text features ${adapter.textFeatures}, which this Vigie does not compute (${TEXT_FEATURES_ID}): refit it from the corrections`);
  }
  if (!isActive(adapter)) return base;
  const id = adaptedModelId(base.id, adapter);
  const options = { textFeatures: adapter.textFeatures !== 'none', featureBits: adapter.featureBits };
  return {
    id,
    languages: base.languages,
    predict(text: string, lang: string | null): SentimentPrediction {
      const prediction = base.predict(text, lang);
      if (prediction.reason !== undefined) return prediction;
      return adaptPrediction(adapter, prediction, featuresFor(text, lang, options), id);
    },
  };
}
