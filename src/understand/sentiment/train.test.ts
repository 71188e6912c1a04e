import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { defaultModelPath } from './default-model.ts';
import { DEFAULT_FEATURE_CONFIG } from './features.ts';
import { DEFAULT_TRAIN_SETTINGS, trainSentimentModel, type TrainSettings } from './train.ts';
import { readSentimentCorpus } from './training-data.ts';
import { writeBrandCorpus, writeDataRoot } from './test-fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'vigie-strain-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const settings: TrainSettings = { ...DEFAULT_TRAIN_SETTINGS, features: { ...DEFAULT_FEATURE_CONFIG, bits: 14 } };

test('trains both heads on the fixture, excludes validation texts, and is reproducible to the byte', () => {
  const root = writeDataRoot(dir, { leak: 12 });
  const brands = writeBrandCorpus(join(dir, 'corpus'));
  const corpus = readSentimentCorpus(root, brands);
  const a = trainSentimentModel(corpus, settings);
  const b = trainSentimentModel(readSentimentCorpus(root, brands), settings);
  assert.ok(Buffer.from(a.bytes).equals(Buffer.from(b.bytes)), 'same data and seed → same bytes');
  const c = trainSentimentModel(corpus, { ...settings, seed: 2 });
  assert.ok(!Buffer.from(a.bytes).equals(Buffer.from(c.bytes)), 'another seed → another model');
  const semeval = a.report.sets.find((s) => s.name === 'semeval-en-train')!;
  assert.equal(semeval.excludedTotal, 12);
  assert.equal(semeval.excluded['tweeteval-en-val'], 12);
  assert.equal(semeval.heldOut + semeval.trained, 300);
  assert.deepEqual(a.model.heads.map((h) => h.lang), ['en', 'fr']);
  for (const v of a.report.validation) assert.ok(v.tagged.macroF1 > 0.8, `${v.name} macro-F1 ${v.tagged.macroF1}`);
  for (const h of a.report.heads) assert.ok(h.temperature > 0 && h.bestEpoch >= 1);
  const brandSet = a.report.sets.find((s) => s.name === 'brands-fr-train')!;
  assert.equal(brandSet.heldOut + brandSet.trained, 96);
  assert.ok(brandSet.weight! > 0);
  assert.deepEqual(a.report.inDomain.map((v) => [v.name, v.tagged.n, v.stored.n, v.minConfidence]), [['brands-en-eval', 48, 48, 0.5], ['brands-fr-eval', 48, 48, 0.5]]);
  for (const v of a.report.inDomain) assert.ok(v.tagged.macroF1 > 0.7 && v.stored.accuracy <= v.tagged.accuracy + 0.2, `${v.name} ${v.tagged.macroF1}`);
});

const SHARED = '/work/shared/data';

test('the committed model is what `vigie train sentiment --data <shared> --seed 1` writes, byte for byte', { skip: !existsSync(join(SHARED, 'sentiment')) && 'no /work/shared/data' }, () => {
  const trained = trainSentimentModel(readSentimentCorpus(SHARED), DEFAULT_TRAIN_SETTINGS);
  assert.ok(Buffer.from(trained.bytes).equals(readFileSync(defaultModelPath())), 'retrain with `vigie train sentiment --data ../shared/data` and commit the model with its PROVENANCE.md');
});
