/**
 * Measures the transformer backend's throughput (texts per second) on this machine:
 *
 *   node src/understand/sentiment/onnx/speed.ts [model-dir] [--texts 5000] [--batch 32] [--max-length 128] [--threads N]
 *
 * Without a directory it measures the tiny test model (the backend's own overhead: tokeniser,
 * padding, onnxruntime calls). With an exported model (docs/transformer-backend.md) it measures that
 * model. The texts are synthetic tweet-length sentences (about 20 words).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadOnnxSentiment } from './load.ts';
import { TINY_NEGATIVE_WORDS, TINY_NEUTRAL_WORDS, TINY_POSITIVE_WORDS, writeTinySentimentModel } from './testing/tiny-model.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    texts: { type: 'string', default: '5000' },
    batch: { type: 'string', default: '32' },
    'max-length': { type: 'string', default: '128' },
    threads: { type: 'string' },
  },
});

const count = Number(values.texts);
const words = [...TINY_POSITIVE_WORDS, ...TINY_NEGATIVE_WORDS, ...TINY_NEUTRAL_WORDS, 'customer', 'delivery', 'order', '#fail', '@brand', 'why', 'again'];
let seed = 42;
const next = (): number => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
};
const texts = Array.from({ length: count }, () => Array.from({ length: 20 }, () => words[Math.floor(next() * words.length)]).join(' '));

let dir = positionals[0];
let scratch: string | undefined;
if (dir === undefined) {
  scratch = await mkdtemp(join(tmpdir(), 'vigie-onnx-speed-'));
  dir = join(scratch, 'tiny');
  await writeTinySentimentModel(dir);
}
try {
  const loadStart = performance.now();
  const model = await loadOnnxSentiment(dir, {
    batchSize: Number(values.batch),
    maxLength: Number(values['max-length']),
    ...(values.threads === undefined ? {} : { threads: Number(values.threads) }),
  });
  const loadMs = performance.now() - loadStart;
  const items = texts.map((text) => ({ text, lang: 'en' }));
  await model.predictBatch(items.slice(0, 64));
  const start = performance.now();
  const out = await model.predictBatch(items);
  const seconds = (performance.now() - start) / 1000;
  await model.close();
  const labels = new Map<string, number>();
  for (const p of out) labels.set(p.label, (labels.get(p.label) ?? 0) + 1);
  console.log(`${model.id}: loaded in ${loadMs.toFixed(0)} ms; ${count} texts in ${seconds.toFixed(3)} s = ${Math.round(count / seconds)} texts/s ` +
    `(batch ${values.batch}, max length ${values['max-length']}; rss ${Math.round(process.memoryUsage().rss / 2 ** 20)} MiB; labels ${JSON.stringify(Object.fromEntries(labels))})`);
} finally {
  if (scratch !== undefined) await rm(scratch, { recursive: true, force: true });
}
