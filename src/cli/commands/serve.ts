import type { Command } from 'commander';
import { createApp, startServer } from '../../api/index.ts';
import { runLoop } from '../../alert/engine/loop.ts';
import { startRetentionJob } from '../../jobs/retention.ts';
import { openContext, type AppContext } from '../context.ts';
import { openAlerting } from '../ingest.ts';
import { parseIntegerOption, type GlobalOptions } from '../options.ts';
import { stopOnSignals, untilAborted } from '../signals.ts';

export interface Running {
  url: string;
  stop(): Promise<void>;
}

/** Starts the HTTP API, the retention job and, when `alerting.enabled`, the escalation loop on an open context. */
export async function startServices(ctx: AppContext, listen: { host: string; port: number }): Promise<Running> {
  const alerting = await openAlerting(ctx);
  const langOf = (user: string) => alerting?.file.config.users.find((u) => u.id === user)?.lang ?? alerting?.file.config.lang ?? 'en';
  const app = createApp({
    store: ctx.store, workspaceId: ctx.workspaceId, metrics: ctx.metrics, logger: ctx.logger,
    ...(alerting === null ? {} : { alerting: { engine: alerting.engine, ackSecret: alerting.ackSecret, langOf } }),
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
      loopStop.abort();
      await loop;
      alerting?.close();
      await retention.stop();
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
