import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withMinConfidence } from './min-confidence.ts';
import type { SentimentModel } from './types.ts';

const fixed = (probs: [number, number, number]): SentimentModel => ({
  id: 'fixed',
  languages: ['en'],
  predict: () => {
    const i = probs.indexOf(Math.max(...probs));
    return { label: (['negative', 'neutral', 'positive'] as const)[i]!, probs, score: probs[2] - probs[0], confidence: probs[i]!, model: 'fixed' };
  },
});

test('an unsure negative or positive becomes a neutral that says why; sure ones and abstentions stay', () => {
  const unsure = withMinConfidence(fixed([0.45, 0.3, 0.25]), 0.5).predict('x', 'en');
  assert.equal(unsure.label, 'neutral');
  assert.equal(unsure.reason, 'low-confidence:negative');
  assert.deepEqual(unsure.probs, [0.45, 0.3, 0.25], 'probabilities kept');
  assert.equal(withMinConfidence(fixed([0.7, 0.2, 0.1]), 0.5).predict('x', 'en').label, 'negative');
  assert.equal(withMinConfidence(fixed([0.45, 0.3, 0.25]), 0).predict('x', 'en').label, 'negative');
  assert.throws(() => withMinConfidence(fixed([1, 0, 0]), 1.5), /minConfidence must be in \[0, 1\]/);
});
