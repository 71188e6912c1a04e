import { LEXICONS } from '../baseline/lexicon.ts';
import { labelOf, normaliseScore, rawSentiment } from '../baseline/sentiment.ts';
import type { SentimentModel, SentimentPrediction } from './types.ts';

// PLACEHOLDER (replaced by the built-in linear model): wraps the baseline lexicon scorer.
export function loadSentimentModel(_path?: string): SentimentModel {
  return {
    id: 'baseline-afinn-1',
    languages: ['en', 'fr'],
    predict(text: string, lang: string | null): SentimentPrediction {
      const base = lang === null ? undefined : lang.slice(0, 2).toLowerCase();
      const score = normaliseScore(rawSentiment(text, base === undefined ? undefined : LEXICONS.get(base)));
      const label = labelOf(score);
      const pos = Math.max(0, score);
      const neg = Math.max(0, -score);
      const neu = 1 - pos - neg;
      const probs: [number, number, number] = [neg, neu, pos];
      return { label, probs, score, confidence: label === 'negative' ? neg : label === 'positive' ? pos : neu, model: 'baseline-afinn-1' };
    },
  };
}
