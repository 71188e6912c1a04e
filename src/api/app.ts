import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { systemClock } from '../domain/clock.ts';
import { silentLogger } from '../observe/logger.ts';
import type { ApiDeps, ResolvedDeps } from './deps.ts';
import { ApiError, fromStoreError } from './errors.ts';
import { registerAlertingConfigRoutes } from './routes/alerting-config.ts';
import { registerAlertRoutes } from './routes/alerts.ts';
import { registerInAppRoutes } from './routes/inapp.ts';
import { registerBrandRoutes } from './routes/brands.ts';
import { registerCorrectionRoutes } from './routes/corrections.ts';
import { registerHealthRoutes } from './routes/health.ts';
import { registerMentionRoutes } from './routes/mentions.ts';
import { registerMetricsRoutes } from './routes/metrics.ts';
import { registerSeriesRoutes } from './routes/series.ts';
import { registerSignalRoutes } from './routes/signals.ts';
import { registerSourceRoutes } from './routes/sources.ts';

/**
 * The HTTP API of one workspace. Every route validates its request with one zod schema, calls a
 * short handler and answers through a presenter; every error is `{"error": {code, message, details}}`.
 */
export function createApp(input: ApiDeps): Hono {
  const deps: ResolvedDeps = { ...input, logger: input.logger ?? silentLogger, clock: input.clock ?? systemClock };
  const app = new Hono();

  app.use(async (c, next) => {
    const started = performance.now();
    await next();
    deps.logger.debug(
      { method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - started) },
      'http request',
    );
  });

  registerHealthRoutes(app, deps);
  registerMetricsRoutes(app, deps);
  registerBrandRoutes(app, deps);
  registerSeriesRoutes(app, deps);
  registerMentionRoutes(app, deps);
  registerSignalRoutes(app, deps);
  registerAlertRoutes(app, deps);
  registerAlertingConfigRoutes(app, deps);
  registerInAppRoutes(app, deps, input.inapp);
  registerSourceRoutes(app, deps);
  registerCorrectionRoutes(app, deps, {
    onCorrection: async (c) => {
      if (c.brandId !== null) await deps.sentimentAdapters?.refresh(c.brandId);
    },
  });

  app.notFound((c) => {
    const e = new ApiError('not_found', `no route ${c.req.method} ${c.req.path}`, { method: c.req.method, path: c.req.path });
    return c.json(e.toBody(), e.status);
  });

  app.onError((err, c) => {
    const known = err instanceof ApiError ? err : (fromStoreError(err) ?? fromHttpException(err));
    if (known !== null) {
      if (known.code === 'unavailable') deps.logger.warn({ err, path: c.req.path }, 'store unavailable');
      return c.json(known.toBody(), known.status);
    }
    const errorId = randomUUID();
    deps.logger.error({ err, errorId, method: c.req.method, path: c.req.path }, 'unexpected error in an API request');
    const e = new ApiError('internal', `internal error (id ${errorId}); the details are in the server log`, { errorId });
    return c.json(e.toBody(), e.status);
  });

  return app;
}

/** Hono's own client errors (such as a malformed request) keep the common error shape. */
function fromHttpException(err: Error): ApiError | null {
  if (!(err instanceof HTTPException) || err.status >= 500) return null;
  return new ApiError(err.status === 404 ? 'not_found' : 'bad_request', err.message || 'bad request');
}
