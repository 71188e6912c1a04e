/** Label mapping from config.json's id2label, and logits → probabilities. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mapId2Label, predictionFromLogits } from './labels.ts';

describe('mapId2Label', () => {
  it('maps names and LABEL_n, case-insensitively, in any output order', () => {
    assert.deepEqual(mapId2Label({ id2label: { 0: 'negative', 1: 'neutral', 2: 'positive' } }, 'c.json'), [0, 1, 2]);
    assert.deepEqual(mapId2Label({ id2label: { 0: 'LABEL_0', 1: 'label_1', 2: 'Label_2' } }, 'c.json'), [0, 1, 2]);
    assert.deepEqual(mapId2Label({ id2label: { 0: 'Positive', 1: 'NEGATIVE', 2: ' neutral ' } }, 'c.json'), [2, 0, 1]);
    assert.deepEqual(mapId2Label({ id2label: { 2: 'pos', 0: 'neg', 1: 'neu' } }, 'c.json'), [0, 1, 2]);
  });

  it('refuses what it cannot map, naming the file and the field', () => {
    assert.throws(() => mapId2Label({}, '/m/config.json'), /^Error: \/m\/config\.json: no "id2label" field/);
    assert.throws(() => mapId2Label(null, 'c.json'), /no "id2label" field/);
    assert.throws(() => mapId2Label({ id2label: ['negative', 'neutral', 'positive'] }, 'c.json'), /"id2label" must be an object/);
    assert.throws(() => mapId2Label({ id2label: { 0: 'negative', 1: 'positive' } }, 'c.json'), /has 2 labels \(negative, positive\)/);
    assert.throws(() => mapId2Label({ id2label: { 0: 'joy', 1: 'neutral', 2: 'positive' } }, 'c.json'), /"id2label"\."0" is "joy"/);
    assert.throws(() => mapId2Label({ id2label: { 0: 'negative', 1: 'neg', 2: 'positive' } }, 'c.json'), /maps both "negative" and "neg" to negative/);
    assert.throws(() => mapId2Label({ id2label: { 0: 'negative', 1: 'neutral', 3: 'positive' } }, 'c.json'), /key "3" is not an output index/);
    assert.throws(() => mapId2Label({ id2label: { 0: 'negative', 1: 'neutral', 2: 2 } }, 'c.json'), /"id2label"\."2" must be a string/);
  });
});

describe('predictionFromLogits', () => {
  it('applies softmax and puts the probabilities in Vigie order', () => {
    // Model order: positive, negative, neutral.
    const p = predictionFromLogits([2, 0, 1], [2, 0, 1], 'm');
    const z = Math.exp(2) + Math.exp(0) + Math.exp(1);
    assert.ok(Math.abs(p.probs[0] - 1 / z) < 1e-12);
    assert.ok(Math.abs(p.probs[1] - Math.exp(1) / z) < 1e-12);
    assert.ok(Math.abs(p.probs[2] - Math.exp(2) / z) < 1e-12);
    assert.equal(p.label, 'positive');
    assert.equal(p.confidence, p.probs[2]);
    assert.equal(p.score, p.probs[2] - p.probs[0]);
    assert.equal(p.model, 'm');
  });

  it('stays finite on large logits and sends ties to neutral, then negative', () => {
    const big = predictionFromLogits([1000, 0, -1000], [0, 1, 2], 'm');
    assert.equal(big.label, 'negative');
    assert.ok(Math.abs(big.probs[0] - 1) < 1e-12);
    assert.equal(predictionFromLogits([1, 1, 1], [0, 1, 2], 'm').label, 'neutral');
    assert.equal(predictionFromLogits([1, 0, 1], [0, 1, 2], 'm').label, 'negative');
  });

  it('abstains on non-finite logits', () => {
    const p = predictionFromLogits([Number.NaN, 0, 1], [0, 1, 2], 'm');
    assert.equal(p.reason, 'non-finite-logits');
    assert.equal(p.label, 'neutral');
  });
});
