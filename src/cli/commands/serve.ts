import type { Command } from 'commander';
import { describeAlertingSummary } from '../../alert/config-file.ts';
import type { AlertingRuntime } from '../../alert/setup.ts';
import { createApp, startServer } from '../../api/index.ts';
import type { Logger } from '../../observe/logger.ts';
import { runLoop } from '../../alert/engine/loop.ts';
import { startRetentionJob } from '../../jobs/retention.ts';
import { openContext, type AppContext } from '../context.ts';
import { openAlerting } from '../ingest.ts';
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

/** Starts the HTTP API, the retention job and, when `alerting.enabled`, the escalation loop on an open context. */
export async function startServices(ctx: AppContext, listen: { host: string; port: number }): Promise<Running> {
  // In-app pages reach the Vigie windows open on this process (GET /api/inapp/stream).
  const hub = new InAppHub();
  const alerting = await openAlerting(ctx, hub);
  const langOf = (user: string) => alerting?.file.config.users.find((u) => u.id === user)?.lang ?? alerting?.file.config.lang ?? 'en';
  const app = createApp({
    store: ctx.store, workspaceId: ctx.workspaceId, metrics: ctx.metrics, logger: ctx.logger,
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
