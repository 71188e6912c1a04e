import type { Command } from 'commander';
import { describeAlertingSummary } from '../../alert/config-file.ts';
import type { AlertingRuntime } from '../../alert/setup.ts';
import { createApp, startServer } from '../../api/index.ts';
import type { Logger } from '../../observe/logger.ts';
import { runLoop } from '../../alert/engine/loop.ts';
import { startRetentionJob } from '../../jobs/retention.ts';
import { openContext, type AppContext } from '../context.ts';
import { createDetectionEngine, createProductionEnricher, openAlerting } from '../ingest.ts';
import type { Brand } from '../../domain/brand.ts';
import type { Signal } from '../../domain/signal.ts';
import { SourceManager } from '../../listen/sources/manager.ts';
import { secretReader } from '../../listen/sources/secrets.ts';
import { createPipeline } from '../../pipeline/pipeline.ts';
import { InAppHub } from '../../alert/channels/inapp/hub.ts';
import { parseIntegerOption, type GlobalOptions } from '../options.ts';
import { stopOnSignals, untilAborted } from '../signals.ts';

export interface Running {
  url: string;
  stop(): Promise<void>;
}

/**
 * Re-reads the alerting file on SIGHUP and logs the outcome: the new configuration in force, or each
 * problem of a refused file (the running configuration stays). Returns the function that removes it.
 */
export function reloadOnSighup(alerting: Pick<AlertingRuntime, 'reload' | 'path'>, logger: Logger): () => void {
  const handler = (): void => {
    try {
      const r = alerting.reload();
      if (r.ok) {
        logger.info({ file: alerting.path, summary: r.summary }, `SIGHUP: alerting file reloaded: ${describeAlertingSummary(r.summary)}`);
        return;
      }
      for (const p of r.problems) logger.warn({ file: alerting.path, line: p.line, column: p.column, path: p.path }, `SIGHUP: ${p.text}`);
      logger.warn({ file: alerting.path, problems: r.problems.length }, `SIGHUP: alerting file refused (${r.problems.length} problem(s), above); the running configuration stays`);
    } catch (err) {
      logger.error({ err, file: alerting.path }, 'SIGHUP: the alerting file could not be reloaded; the running configuration stays');
    }
  };
  process.on('SIGHUP', handler);
  return () => process.off('SIGHUP', handler);
}

/** How often the live sources' pipeline reads the brands again (new brands, edited queries). */
const BRANDS_REFRESH_MS = 30_000;

/**
 * The live sources of the configuration (`sources:`), each run through the same pipeline as
 * `vigie import` (enrichment, detection, and alerting when enabled), sharing one enricher and one
 * detection engine. `close()` stops them, flushing what is in flight.
 */
export async function startSources(ctx: AppContext, alerting: AlertingRuntime | null): Promise<{ manager: SourceManager; close(): Promise<void> }> {
  const ws = ctx.workspaceId;
  let brands: readonly Brand[] = await ctx.store.listBrands(ws);
  const secrets = secretReader(process.env, ctx.config.dataDir);
  if (ctx.config.sources.length === 0) {
    // Nothing to listen to: no enricher nor detection engine is loaded for it.
    const manager = new SourceManager({ entries: [], store: ctx.store, workspaceId: ws, brands: () => brands, secrets, logger: ctx.logger, run: async () => undefined });
    return { manager, close: () => manager.close() };
  }
  const sinks = alerting === null ? [] : [{ publish: async (s: Signal) => void (await alerting.engine.onSignal(s)) }];
  const engine = createDetectionEngine(ctx, { signalSinks: sinks });
  const enricher = await createProductionEnricher(ctx);
  const pipeline = createPipeline({
    store: ctx.store, workspaceId: ws, brands, enricher, listeners: [engine], metrics: ctx.metrics, logger: ctx.logger,
    batchSize: ctx.config.pipeline.batchSize, allowedLatenessMs: ctx.config.pipeline.allowedLatenessMs, influencerFollowers: ctx.config.pipeline.influencerFollowers,
  });
  const refresh = setInterval(() => {
    ctx.store.listBrands(ws).then((b) => {
      brands = b;
      pipeline.setBrands(b);
    }, (err: unknown) => ctx.logger.warn({ err }, 'live sources: the brands could not be read again; the previous ones stay'));
  }, BRANDS_REFRESH_MS);
  refresh.unref();
  const manager = new SourceManager({
    entries: ctx.config.sources,
    store: ctx.store,
    workspaceId: ws,
    brands: () => brands,
    secrets,
    logger: ctx.logger,
    run: (source, signal) => pipeline.run(source, { signal, resume: true }),
  });
  await manager.startAll();
  const running = manager.status().filter((s) => s.run === 'running').length;
  ctx.logger.info({ sources: ctx.config.sources.length, running }, `live sources: ${running} of ${ctx.config.sources.length} running`);
  return {
    manager,
    async close() {
      clearInterval(refresh);
      await manager.close();
      await enricher.close?.();
    },
  };
}

/** Starts the HTTP API, the retention job, the live sources and, when `alerting.enabled`, the escalation loop on an open context. */
export async function startServices(ctx: AppContext, listen: { host: string; port: number }): Promise<Running> {
  // In-app pages reach the Vigie windows open on this process (GET /api/inapp/stream).
  const hub = new InAppHub();
  const alerting = await openAlerting(ctx, hub);
  const sources = await startSources(ctx, alerting);
  const langOf = (user: string) => alerting?.file.config.users.find((u) => u.id === user)?.lang ?? alerting?.file.config.lang ?? 'en';
  const app = createApp({
    store: ctx.store, workspaceId: ctx.workspaceId, metrics: ctx.metrics, logger: ctx.logger, sources: sources.manager,
    ...(alerting === null ? {} : {
      alerting: { engine: alerting.engine, ackSecret: alerting.ackSecret, langOf, configuration: alerting },
      inapp: { hub, userExists: (id: string) => alerting.file.config.users.some((u) => u.id === id) },
    }),
  });
  const server = await startServer(app, listen);
  const loopStop = new AbortController();
  const loop = alerting === null
    ? Promise.resolve()
    : runLoop(alerting.engine, {
        intervalMs: ctx.config.alerting.intervalMs,
        signal: loopStop.signal,
        onError: (err) => ctx.logger.warn({ err }, 'an alerting pass failed; retrying at the next one'),
      });
  if (alerting !== null) ctx.logger.info({ users: alerting.file.config.users.length, intervalMs: ctx.config.alerting.intervalMs }, 'alerting engine running');
  const stopReloading = alerting === null ? () => undefined : reloadOnSighup(alerting, ctx.logger);
  const retention = startRetentionJob({
    store: ctx.store,
    workspaces: async () => [ctx.workspaceId],
    days: ctx.config.retention.days,
    intervalMs: ctx.config.retention.intervalMinutes * 60_000,
    logger: ctx.logger,
  });
  ctx.logger.info({ url: server.url, store: ctx.store.kind }, 'API listening');
  return {
    url: server.url,
    async stop() {
      stopReloading();
      await sources.close(); // flushes what the sources read, before the engine and the store go
      loopStop.abort();
      await loop;
      alerting?.close();
      await retention.stop();
      hub.close(); // open streams would keep the server from closing
      await server.close();
    },
  };
}

export function registerServe(program: Command, global: () => GlobalOptions): void {
  program
    .command('serve')
    .description('Serve the HTTP API (and run scheduled jobs such as retention) until stopped')
    .option('--host <host>', 'address to listen on (default: http.host of the configuration)')
    .option('--port <port>', 'port to listen on (default: http.port of the configuration)')
    .action(async (opts: { host?: string; port?: string }) => {
      const ctx = await openContext(global());
      const stop = stopOnSignals();
      try {
        const port = opts.port === undefined ? ctx.config.http.port : parseIntegerOption(opts.port, '--port', 0, 65535);
        const running = await startServices(ctx, { host: opts.host ?? ctx.config.http.host, port });
        process.stderr.write(`Vigie API on ${running.url} (store: ${ctx.store.kind}). Ctrl-C to stop.\n`);
        await untilAborted(stop.signal);
        await running.stop();
      } finally {
        stop.dispose();
        await ctx.close();
      }
    });
}
