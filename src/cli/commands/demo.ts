import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { scenarioSpanMs, writeScenario } from '../../demo/scenario.ts';
import { openFileSource } from '../../listen/import/file-source.ts';
import { pacedSource } from '../../listen/import/paced-source.ts';
import { openContext, readConfig } from '../context.ts';
import { DemoNarrator } from '../demo-narrator.ts';
import { CliError } from '../errors.ts';
import { ingest, summaryLines } from '../ingest.ts';
import { parseIntegerOption, parsePositiveNumber, type GlobalOptions } from '../options.ts';
import { printJson, printLine } from '../output.ts';
import { stopOnSignals, untilAborted } from '../signals.ts';
import { startServices } from './serve.ts';

interface DemoOptions {
  seed: string;
  seconds: string;
  port?: string;
  serve: boolean;
  json?: boolean;
}

export function registerDemo(program: Command, global: () => GlobalOptions): void {
  program
    .command('demo')
    .description(
      'Generate a crisis scenario for an invented brand, replay it accelerated through the pipeline into a fresh embedded store, and serve the API',
    )
    .option('--seed <n>', 'scenario seed (the same seed gives the same scenario)', '42')
    .option('--seconds <n>', 'how long the accelerated replay should last', '45')
    .option('--port <port>', 'API port (default: http.port of the configuration; 0 = a free port)')
    .option('--no-serve', 'exit after the replay instead of serving the API')
    .option('--json', 'print a machine-readable summary at the end (progress goes to stderr)')
    .action(async (opts: DemoOptions) => {
      const seed = parseIntegerOption(opts.seed, '--seed', 0, 2 ** 31 - 1);
      const seconds = parsePositiveNumber(opts.seconds, '--seconds');
      await runDemo(global(), { seed, seconds, port: opts.port, serve: opts.serve, json: opts.json ?? false });
    });
}

async function runDemo(
  global: GlobalOptions,
  opts: { seed: number; seconds: number; port: string | undefined; serve: boolean; json: boolean },
): Promise<void> {
  const say = opts.json ? (line: string) => process.stderr.write(`${line}\n`) : printLine;
  // The demo tells what happens itself: JSON logs only for warnings unless asked.
  const config = readConfig({ ...global, logLevel: global.logLevel ?? 'warn' });
  const demoDir = join(config.dataDir, 'demo');
  const dbPath = join(demoDir, 'demo.db');
  for (const suffix of ['', '-wal', '-shm']) rmSync(dbPath + suffix, { force: true });

  const started = Date.now();
  // Dated so that it has just happened: the last Monday from which the whole scenario fits before now.
  const start = demoStart(Date.now(), scenarioSpanMs({ seed: opts.seed }));
  const scenario = await writeScenario(demoDir, { seed: opts.seed, start });
  const { truth } = scenario;
  const ctx = await openContext(global, { config, sqlitePath: dbPath });
  const stop = stopOnSignals();
  try {
    const brand = await ctx.store.createBrand(ctx.workspaceId, scenario.brand, Date.now());
    const port = opts.port === undefined ? ctx.config.http.port : parseIntegerOption(opts.port, '--port', 0, 65535);
    let running;
    try {
      running = await startServices(ctx, { host: ctx.config.http.host, port });
    } catch (e) {
      throw new CliError(`cannot serve the API on port ${port}: ${e instanceof Error ? e.message : String(e)}; try --port 0 (a free port)`);
    }
    const span = Date.parse(truth.end) - Date.parse(truth.start);
    const speed = span / (opts.seconds * 1000);
    say(`Vigie demo — brand "${brand.name}" (${brand.id}), seed ${opts.seed}`);
    say(`  scenario: ${truth.counts.total.toLocaleString('en')} posts from ${truth.start} to ${truth.end} (${scenario.streamPath})`);
    say(`  ground truth: ${scenario.truthPath}`);
    say(`  API: ${running.url}   store: ${dbPath}`);
    say(`  replaying ×${Math.round(speed).toLocaleString('en')} (about ${opts.seconds} s)…`);

    const onset = truth.onsetMs;
    const narrator = new DemoNarrator({
      brandId: brand.id,
      phases: truth.phases.map((p) => ({ name: p.name, start: Date.parse(p.start) })),
      detailFrom: onset - 3 * 3_600_000,
      detailTo: onset + 30 * 3_600_000,
      write: say,
    });
    const source = pacedSource(openFileSource(scenario.streamPath, 'x'), { speed });
    const summary = await ingest(ctx, source, {
      label: 'demo',
      listeners: [narrator],
      signalSinks: [{ publish: (sig) => narrator.onSignal(sig) }],
      quiet: true,
      signal: stop.signal,
    });
    narrator.finish();
    for (const line of summaryLines(summary)) say(line);

    const from = new Date(onset - 24 * 3_600_000).toISOString();
    const to = new Date(onset + 48 * 3_600_000).toISOString();
    const seriesUrl = `${running.url}/api/brands/${brand.id}/series?from=${from}&to=${to}&bucket=1h`;
    const mentionsUrl = `${running.url}/api/mentions?brand=${brand.id}&from=${new Date(onset).toISOString()}&limit=20`;
    const peak = narrator.peakHour;
    say('');
    if (peak) {
      say(
        `Peak hour: ${new Date(peak.start).toISOString()} with ${peak.count} mentions, ${Math.round((100 * peak.negative) / Math.max(peak.count, 1))}% negative (crisis onset ${truth.onset}).`,
      );
    }
    const signals = await ctx.store.listSignals(ctx.workspaceId, { brandId: brand.id, includeDrill: true, limit: 500 });
    say(`Signals: ${signals.items.length} (vigie signals --brand ${brand.id}; GET ${running.url}/api/brands/${brand.id}/signals)`);
    say(`The spike:      ${seriesUrl}`);
    say(`Its mentions:   ${mentionsUrl}`);
    say(`Full-text:      npx vigie search <words> --brand ${brand.id}   (with VIGIE_SQLITE_PATH=${dbPath})`);
    say(`Ready in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    if (opts.json) {
      printJson({ brandId: brand.id, api: running.url, seriesUrl, onset: truth.onset, peakHour: peak, summary, store: dbPath });
    }
    if (opts.serve && !stop.signal.aborted) {
      say('Serving the API until Ctrl-C.');
      await untilAborted(stop.signal);
    }
    await running.stop();
  } finally {
    stop.dispose();
    await ctx.close();
  }
}

const DAY = 86_400_000;

/** The latest Monday 00:00 UTC such that a scenario of `spanMs` starting then ends before `now`. */
export function demoStart(now: number, spanMs: number): Date {
  let t = Math.floor((now - spanMs) / DAY) * DAY;
  while (new Date(t).getUTCDay() !== 1) t -= DAY;
  return new Date(t);
}
