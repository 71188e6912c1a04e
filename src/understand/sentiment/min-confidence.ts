import type { SentimentModel, SentimentPrediction } from './types.ts';

/**
 * The decision rule Vigie stores: a prediction whose confidence is below `minConfidence` becomes a
 * neutral, with the reason `low-confidence:<the model's label>` (its probabilities are kept). The
 * detectors count negative mentions; a mention the model is unsure of should not count. The same
 * wrapper serves the pipeline and `vigie eval sentiment --min-confidence`, so the figures measured
 * are those of what is stored. 0 leaves every prediction as it is.
 */
export function withMinConfidence(model: SentimentModel, minConfidence: number): SentimentModel {
  if (!(minConfidence >= 0 && minConfidence <= 1)) throw new RangeError(`minConfidence must be in [0, 1] (got ${minConfidence})`);
  if (minConfidence === 0) return model;
  return {
    id: model.id,
    languages: model.languages,
    predict(text: string, lang: string | null): SentimentPrediction {
      const p = model.predict(text, lang);
      if (p.reason !== undefined || p.label === 'neutral' || p.confidence >= minConfidence) return p;
      return { ...p, label: 'neutral', reason: `low-confidence:${p.label}` };
    },
  };
}
