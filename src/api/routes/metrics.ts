import type { Hono } from 'hono';
import type { ResolvedDeps } from '../deps.ts';

/** `GET /metrics`: Prometheus text exposition of the process's registry. */
export function registerMetricsRoutes(app: Hono, deps: ResolvedDeps): void {
  app.get('/metrics', async (c) => {
    const body = await deps.metrics.registry.metrics();
    return c.body(body, 200, { 'content-type': deps.metrics.registry.contentType });
  });
}
