import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { DEFAULT_FEATURE_CONFIG } from './features.ts';
import { decodeModel, encodeModel, quantise, readModelFile, SentimentModelError, writeModelFile, type SentimentModelData } from './model-file.ts';

const dir = mkdtempSync(join(tmpdir(), 'vigie-vsm-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function tinyModel(): SentimentModelData {
  const weights = new Int8Array((1 << 10) * 3).map((_, i) => ((i * 37) % 255) - 127);
  return { id: 'test-1', languages: ['en'], features: { ...DEFAULT_FEATURE_CONFIG, bits: 10 }, heads: [{ lang: 'en', scale: 0.01, temperature: 1.5, weights }] };
}

test('a model survives writing and reading, and its bytes depend only on it', () => {
  const m = tinyModel();
  const path = join(dir, 'm.vsm');
  writeModelFile(path, m);
  const back = readModelFile(path);
  assert.equal(back.id, 'test-1');
  assert.deepEqual(back.features, m.features);
  assert.equal(back.heads[0]!.temperature, 1.5);
  assert.deepEqual([...back.heads[0]!.weights], [...m.heads[0]!.weights]);
  assert.ok(Buffer.from(encodeModel(back)).equals(readFileSync(path)));
});

test('a damaged, truncated or foreign file is refused with the file named and a fix', () => {
  const bytes = encodeModel(tinyModel());
  const flipped = Uint8Array.from(bytes);
  flipped[bytes.length - 100]! ^= 1;
  assert.throws(() => decodeModel(flipped, 'x.vsm'), (e: Error) => e instanceof SentimentModelError && /x\.vsm: the file is damaged/.test(e.message) && /vigie train sentiment/.test(e.message));
  assert.throws(() => decodeModel(bytes.subarray(0, 2000), 'x.vsm'), /damaged/);
  assert.throws(() => decodeModel(new TextEncoder().encode('hello world, not a model at all'), 'x.vsm'), /not a Vigie sentiment model/);
  const bad = join(dir, 'bad.vsm');
  writeFileSync(bad, '');
  assert.throws(() => readModelFile(bad), /bad\.vsm: not a Vigie sentiment model/);
  assert.throws(() => readModelFile(join(dir, 'missing.vsm')), /missing\.vsm: cannot read the sentiment model \(no such file\)/);
  assert.throws(() => readModelFile(dir), /it is a directory/);
});

test('quantise keeps signs and puts the largest weights near ±127', () => {
  const w = Float64Array.from({ length: 200_000 }, (_, i) => Math.sin(i) * 0.5);
  const q = quantise(w);
  assert.ok(q.scale > 0);
  let maxAbs = 0;
  for (let i = 0; i < w.length; i++) {
    if (Math.abs(w[i]!) > q.scale) assert.equal(Math.sign(q.weights[i]!), Math.sign(w[i]!));
    maxAbs = Math.max(maxAbs, Math.abs(q.weights[i]!));
    assert.ok(Math.abs(q.weights[i]! * q.scale - w[i]!) <= q.scale / 2 + 1e-9 || Math.abs(q.weights[i]!) === 127);
  }
  assert.equal(maxAbs, 127);
});
