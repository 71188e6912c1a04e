// The ingest benchmark: N generated X stream lines through the whole pipeline (parseXLine →
// normalise → match 20 brands → enrichment → batched upserts → series) into a fresh SQLite file
// (removed after) or PostgreSQL (DATABASE_URL, or --store postgres for a throwaway cluster).
// Enrichment is the production one with the default configuration (language, built-in sentiment,
// categories, stakeholder, reach: docs/understanding.md); `--enricher baseline` runs the old
// lexicon baseline for comparison. Prints mentions/s and peak RSS; with --json the last line is
// {"store":"sqlite","enricher":"full","mentions":N,"mentionsPerSec":X,"peakRssMb":Y,"mainUsPerLine":M,"otherUsPerLine":O}
// (CPU µs per line on the main thread and on the others: the writer thread and V8's helpers).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_WORKSPACE } from '../src/domain/ids.ts';
import type { Source, SourceItem, SourceOptions } from '../src/listen/source.ts';
import { parseXLine } from '../src/listen/x/parse-x-line.ts';
import { createPipeline } from '../src/pipeline/pipeline.ts';
import { openStore } from '../src/store/open.ts';
import { startTestCluster } from '../src/store/postgres/test-cluster.ts';
import { loadConfig } from '../src/config/load.ts';
import { createBaselineEnricher } from '../src/understand/baseline/enricher.ts';
import { buildEnricher } from '../src/understand/build-enricher.ts';
import { benchBrands, xLines } from './x-lines.ts';

/** Generated lines parsed by the real X parser, pulled lazily (never all in memory). */
function generatedXSource(count: number, start: number, brands: Parameters<typeof xLines>[2]): Source {
  return {
    id: 'bench:x',
    kind: 'x',
    async *read(options: SourceOptions = {}): AsyncIterable<SourceItem> {
      let line = 0;
      for (const { line: text, receivedAt } of xLines(count, start, brands)) {
        line++;
        if (options.signal?.aborted) return;
        const outcome = parseXLine(text, receivedAt);
        const checkpoint = String(line);
        if (outcome.kind === 'mention') yield { kind: 'mention', mention: outcome.mention, checkpoint };
        else if (outcome.kind === 'delete') yield { kind: 'delete', id: outcome.id, at: outcome.at, checkpoint };
        else if (outcome.kind === 'reject') {
          yield { kind: 'reject', reject: { source: 'bench:x', line, reason: outcome.reason, excerpt: text.slice(0, 2048) }, checkpoint };
        }
      }
    },
  };
}

export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      count: { type: 'string', default: '1000000' },
      json: { type: 'boolean', default: false },
      store: { type: 'string' },
      'batch-size': { type: 'string', default: '2000' },
      enricher: { type: 'string', default: 'full' },
    },
  });
  const count = Number(values.count);
  const batchSize = Number(values['batch-size']);
  if (!Number.isInteger(count) || count < 1) throw new Error(`--count must be a positive integer (got ${values.count})`);
  const kind = values.store ?? (process.env.DATABASE_URL ? 'postgres' : 'sqlite');
  if (kind !== 'sqlite' && kind !== 'postgres') throw new Error(`--store must be sqlite or postgres (got ${kind})`);
  const enricherKind = values.enricher;
  if (enricherKind !== 'full' && enricherKind !== 'baseline') throw new Error(`--enricher must be full or baseline (got ${enricherKind})`);

  const dir = mkdtempSync(join(tmpdir(), 'vigie-bench-ingest-'));
  const cluster = kind === 'postgres' && !process.env.DATABASE_URL ? await startTestCluster() : null;
  if (kind === 'postgres' && !process.env.DATABASE_URL && cluster === null) {
    throw new Error('no PostgreSQL: set DATABASE_URL or install PostgreSQL (apt-get install postgresql)');
  }
  const url = kind === 'postgres' ? (process.env.DATABASE_URL ?? cluster!.url) : null;
  const store = await openStore({ databaseUrl: url, sqlitePath: join(dir, 'bench.db') });
  try {
    const ws = DEFAULT_WORKSPACE;
    const now = Date.UTC(2026, 2, 12);
    await store.upsertWorkspace({ id: ws, name: 'Bench', createdAt: now });
    const brands = benchBrands(ws, now);
    const enricher =
      enricherKind === 'baseline'
        ? createBaselineEnricher()
        : await buildEnricher({ understand: loadConfig({ file: null, env: {}, cwd: process.cwd() }).understand });
    const pipeline = createPipeline({ store, workspaceId: ws, brands, enricher, batchSize });
    const t0 = performance.now();
    const main0 = process.threadCpuUsage();
    const all0 = process.cpuUsage();
    const s = await pipeline.run(generatedXSource(count, now, brands));
    const seconds = (performance.now() - t0) / 1000;
    // CPU time per line, which the load of a shared machine disturbs less than the wall time:
    // the main thread's, and the rest of the process (the writer thread, V8's helper threads).
    const main = process.threadCpuUsage(main0);
    const all = process.cpuUsage(all0);
    const mainUs = (main.user + main.system) / s.read;
    const otherUs = (all.user + all.system) / s.read - mainUs;
    const mentionsPerSec = Math.round(s.read / seconds);
    const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
    console.log(
      `${kind}, ${enricherKind} enrichment: ${s.read.toLocaleString('en')} lines in ${seconds.toFixed(1)} s = ${mentionsPerSec.toLocaleString('en')} mentions/s, peak RSS ${peakRssMb} MB\n` +
        `  CPU per line: main thread ${mainUs.toFixed(1)} µs, other threads ${otherUs.toFixed(1)} µs\n` +
        `  inserted ${s.inserted}, updated ${s.updated}, unchanged ${s.unchanged}, unmatched ${s.unmatched}, rejected ${s.rejected}, batches ${s.batches}`,
    );
    if (process.env.BENCH_MEMORY) console.error(process.memoryUsage());
    if (values.json) {
      const cpu = { mainUsPerLine: Math.round(mainUs * 10) / 10, otherUsPerLine: Math.round(otherUs * 10) / 10 };
      console.log(JSON.stringify({ store: kind, enricher: enricherKind, mentions: s.read, mentionsPerSec, peakRssMb, ...cpu }));
    }
  } finally {
    await store.close();
    await cluster?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
