// Measures, in µs of CPU per line (process.cpuUsage: the machine is shared, wall time is noisy),
// parseXLine on two kinds of filtered-stream lines (hand-made Kerlann lines with entities and
// replies, and the ingest benchmark's generated lines), JSON.parse alone, the draft check (hand
// versus zod) and the benchmark's line generator. Each figure is the median of 7 runs.
// Run: node_modules/.bin/node src/listen/x/parse-x-line.bench.ts
import { benchBrands, xLines } from '../../../bench/x-lines.ts';
import { DEFAULT_WORKSPACE } from '../../domain/ids.ts';
import type { MentionDraft } from '../../domain/mention.ts';
import { checkDraft, checkDraftWithZod } from '../import/check-draft.ts';
import { RECEIVED_AT, xLine, xPost } from '../import/kerlann-fixtures.ts';
import { parseXLine } from './parse-x-line.ts';

const N = 100_000;
const RUNS = 7;

const kerlann: string[] = [];
for (let i = 0; i < 1000; i++) {
  const id = String(2039632050385846372n + BigInt(i));
  kerlann.push(
    xLine(
      xPost({
        id,
        text: `Ma cocotte @kerlann n°${i} s'écaille après 3 mois, le SAV ne répond pas 😡 #Kerlann #SAV https://t.co/abc${i}`,
        referenced_tweets: i % 3 === 0 ? [{ type: 'replied_to', id: '2039632050385846000' }] : undefined,
        entities: {
          mentions: [{ start: 11, end: 19, username: 'kerlann', id: '1300000000000000001' }],
          hashtags: [{ start: 70, end: 78, tag: 'Kerlann' }, { start: 79, end: 83, tag: 'SAV' }],
          urls: [{ start: 84, end: 107, url: `https://t.co/abc${i}`, expanded_url: 'https://kerlann.example/fr/cocotte-24', display_url: 'kerlann.example/fr/cocotte-24' }],
        },
      }),
    ),
  );
}
const START = Date.parse('2026-04-01T00:00:00Z');
const brands = benchBrands(DEFAULT_WORKSPACE, START);
const generated = [...xLines(1000, START, brands)];

const avgBytes = (lines: readonly string[]): number => Math.round(lines.reduce((s, l) => s + Buffer.byteLength(l), 0) / lines.length);

/** Median µs of CPU (user + system) per call of fn(i), i in [0, N). */
function cpu(label: string, fn: (i: number) => unknown): void {
  for (let i = 0; i < 20_000; i++) fn(i); // warm-up
  const runs: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const t = process.cpuUsage();
    for (let i = 0; i < N; i++) fn(i);
    const d = process.cpuUsage(t);
    runs.push((d.user + d.system) / N);
  }
  runs.sort((a, b) => a - b);
  console.log(`${label}: ${runs[RUNS >> 1]!.toFixed(2)} µs/line (min ${runs[0]!.toFixed(2)}, max ${runs[RUNS - 1]!.toFixed(2)})`);
}

console.log(`Kerlann lines: ${avgBytes(kerlann)} bytes on average; generated lines: ${avgBytes(generated.map((g) => g.line))} bytes`);
cpu('JSON.parse alone (Kerlann)', (i) => JSON.parse(kerlann[i % 1000]!));
cpu('parseXLine (Kerlann)', (i) => parseXLine(kerlann[i % 1000]!, RECEIVED_AT));
cpu('JSON.parse alone (generated)', (i) => JSON.parse(generated[i % 1000]!.line));
cpu('parseXLine (generated)', (i) => {
  const g = generated[i % 1000]!;
  return parseXLine(g.line, g.receivedAt);
});
const drafts = kerlann.map((l) => (parseXLine(l, RECEIVED_AT) as { mention: MentionDraft }).mention);
cpu('checkDraft (hand)', (i) => checkDraft(drafts[i % 1000]!));
cpu('checkDraftWithZod', (i) => checkDraftWithZod(drafts[i % 1000]!));
// The generator: one long lazy run per measurement, so its per-line cost includes its own state.
const gen = xLines(Number.MAX_SAFE_INTEGER, START, brands);
cpu('xLines generator', () => gen.next());
