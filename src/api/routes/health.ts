import type { Hono } from 'hono';
import { timed, type ResolvedDeps } from '../deps.ts';

/** `GET /healthz`: 200 when the store answers a trivial query, 503 with the error otherwise. */
export function registerHealthRoutes(app: Hono, deps: ResolvedDeps): void {
  app.get('/healthz', async (c) => {
    try {
      await timed(deps, 'listBrands', () => deps.store.listBrands(deps.workspaceId));
      return c.json({ status: 'ok', store: deps.store.kind });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      deps.logger.warn({ err, store: deps.store.kind }, 'health check: the store did not answer');
      return c.json(
        {
          status: 'unavailable',
          store: deps.store.kind,
          error: { code: 'unavailable', message: `the ${deps.store.kind} store did not answer: ${message}`, details: null },
        },
        503,
      );
    }
  });
}
