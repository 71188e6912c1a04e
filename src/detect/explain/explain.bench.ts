// Micro-benchmark of the explainer: observe() cost per mention on 200–300 character posts in
// French and English (the ingest benchmark's pieces), and the memory held after a long stream.
// Run: node_modules/.bin/node --expose-gc src/detect/explain/explain.bench.ts [--count N] [--per-minute N]
// (not a test; prints µs per mention, explain() time and the heap held by the explainer).
import { EN_ENDINGS, EN_MIDDLES, EN_OPENERS, FR_ENDINGS, FR_MIDDLES, FR_OPENERS, PEOPLE } from '../../../bench/x-texts.ts';
import { Rng } from '../../demo/prng.ts';
import { fold } from '../../listen/query/fold.ts';
import type { ExplainableMention } from '../types.ts';
import { createBrandExplainer } from './explainer.ts';
import { mention, MINUTE_MS, STREAM_START } from './test-stream.ts';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}
const count = arg('--count', 1_000_000);
const perMinute = arg('--per-minute', 3000);
const gc = (globalThis as { gc?: () => void }).gc;
const heap = (): number => {
  gc?.();
  return process.memoryUsage().heapUsed;
};

const rng = new Rng(42);
// A vocabulary of invented words, so that slots and the baseline see a long tail to prune.
const RARE = Array.from({ length: 50_000 }, (_, i) => `mot${i.toString(36)}`);
let seq = 0;
function batch(n: number): ExplainableMention[] {
  const out: ExplainableMention[] = [];
  for (let k = 0; k < n; k++) {
    const i = seq++;
    const fr = rng.chance(0.6);
    const opener = rng.pick(fr ? FR_OPENERS : EN_OPENERS).replace('{b}', 'Kerlann');
    // JSON.parse gives a flat string, as the ingest pipeline's texts are (a concatenation is not).
    const text = JSON.parse(JSON.stringify(`${opener}${rng.pick(fr ? FR_MIDDLES : EN_MIDDLES)}${rng.pick(fr ? FR_ENDINGS : EN_ENDINGS)} ${rng.pick(RARE)} #${rng.pick(RARE)}`)) as string;
    const [, handle] = rng.pick(PEOPLE);
    const repost = rng.chance(0.1);
    out.push(
      mention({
        id: `x:${i}`,
        text: repost ? `RT @${handle}: ${text}`.slice(0, 140) : text,
        createdAt: STREAM_START + Math.floor((i / perMinute) * MINUTE_MS) - rng.int(0, 3) * MINUTE_MS,
        authorId: `x:a${rng.int(0, 200_000)}`,
        handle,
        followers: rng.int(0, 50_000),
        lang: fr ? 'fr' : 'en',
        repostOf: repost ? `x:${rng.int(0, i)}` : null,
      }),
    );
  }
  return out;
}

const before = heap();
const ex = createBrandExplainer();
// CPU time rather than wall time: the machines this runs on are shared.
const cpu = (): number => {
  const u = process.cpuUsage();
  return u.user + u.system;
};
let observeUs = 0;
// A yardstick measured on the same machine and texts: fold() alone (0.67 µs in src/listen/query/fold.ts's notes).
let foldUs = 0;
let foldedTexts = 0;
let foldedChars = 0;
/** Observes n new mentions; returns the CPU time of observe() alone (the batch is garbage after). */
function feed(n: number, withYardstick: boolean): number {
  const ms = batch(n);
  const t0 = cpu();
  for (const m of ms) ex.observe(m);
  const spent = cpu() - t0;
  if (withYardstick) {
    const t1 = cpu();
    for (const m of ms) foldedChars += fold(m.text).length;
    foldUs += cpu() - t1;
    foldedTexts += ms.length;
  }
  return spent;
}
for (let done = 0; done < count; done += 20_000) observeUs += feed(Math.min(20_000, count - done), done >= count / 2);
// Let the last batch go before measuring the heap.
await new Promise((resolve) => setImmediate(resolve));
const held = heap() - before;
const end = STREAM_START + Math.floor((count / perMinute) * MINUTE_MS);
const t0 = process.hrtime.bigint();
const ev = ex.explain(end - 30 * MINUTE_MS, end);
const explainMs = Number(process.hrtime.bigint() - t0) / 1e6;
const t1 = process.hrtime.bigint();
ex.explain(end - 120 * MINUTE_MS, end);
const explain2hMs = Number(process.hrtime.bigint() - t1) / 1e6;

console.log(`${count} mentions, ${perMinute} a minute: observe ${(observeUs / count).toFixed(2)} µs of CPU per mention`);
console.log(`yardstick: fold() alone ${(foldUs / Math.max(1, foldedTexts)).toFixed(2)} µs of CPU per text (${(foldedChars / Math.max(1, foldedTexts)).toFixed(0)} characters on average)`);
console.log(`explain(30 min) ${explainMs.toFixed(1)} ms (${ev.mentions} mentions, ${ev.storylines.length} storylines); explain(2 h) ${explain2hMs.toFixed(1)} ms`);
console.log(`heap held by the explainer ≈ ${(held / 1048576).toFixed(1)} MB${gc ? '' : ' (run with --expose-gc for a stable figure)'}`);
console.log(ex.stats());
