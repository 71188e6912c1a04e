import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { SOURCE_KINDS } from '../../listen/live/live-source.ts';
import { SourceManagerError, type ManagedSourceStatus } from '../../listen/sources/manager.ts';
import type { ResolvedDeps, SourcesControl } from '../deps.ts';
import { ApiError } from '../errors.ts';
import { isoTimeOrNull } from '../presenters/time.ts';
import { validParams } from '../validate.ts';

const SourceParamsSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, { error: 'expected a source id (lowercase letters, digits and -)' }),
});

/** A source's status with its times as ISO 8601 strings. */
export function presentSourceStatus(s: ManagedSourceStatus): Record<string, unknown> {
  const src = s.source;
  return {
    id: s.id,
    kind: s.kind,
    enabled: s.enabled,
    run: s.run,
    lastError: s.lastError === null ? null : { at: isoTimeOrNull(s.lastError.at), message: s.lastError.message },
    restarts: s.restarts,
    nextRestartAt: isoTimeOrNull(s.nextRestartAt),
    feedHealth: s.feedHealth,
    status:
      src === null
        ? null
        : {
            state: src.state,
            connectedSince: isoTimeOrNull(src.connectedSince),
            lastMessageAt: isoTimeOrNull(src.lastMessageAt),
            lastMentionAt: isoTimeOrNull(src.lastMentionAt),
            lagMs: src.lagMs,
            nextAttemptAt: isoTimeOrNull(src.nextAttemptAt),
            rateLimit: src.rateLimit === null ? null : { ...src.rateLimit, resetAt: isoTimeOrNull(src.rateLimit.resetAt) },
            errors: src.errors,
            recentErrors: src.recentErrors.map((e) => ({ ...e, at: isoTimeOrNull(e.at) })),
            counts: src.counts,
          },
  };
}

function control(deps: ResolvedDeps): SourcesControl {
  if (deps.sources === undefined) throw new ApiError('unavailable', 'this process runs no live sources (they run in `vigie serve`)');
  return deps.sources;
}

async function managed<T>(call: () => T | Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    if (e instanceof SourceManagerError) throw new ApiError(e.code, e.message, null);
    throw e;
  }
}

async function rawBody(c: Context, max: number): Promise<Uint8Array | null> {
  const declared = Number(c.req.header('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > max) return null;
  const body = new Uint8Array(await c.req.arrayBuffer());
  return body.byteLength > max ? null : body;
}

/** Largest webhook body read before the source's own limit is applied. */
const WEBHOOK_READ_LIMIT = 50 * 1024 * 1024;

/**
 * `GET /api/sources` (the kinds and every configured source with its status), `GET /api/sources/:id`,
 * `POST /api/sources/:id/start|stop|test`, and `POST /api/sources/:id/webhook` (inbound webhook
 * sources: Standard Webhooks signature, JSON mentions; see docs/sources.md).
 */
export function registerSourceRoutes(app: Hono, deps: ResolvedDeps): void {
  app.get('/api/sources', (c) => c.json({ kinds: [...SOURCE_KINDS], sources: (deps.sources?.status() ?? []).map(presentSourceStatus), running: deps.sources !== undefined }));

  app.get('/api/sources/:id', async (c) => {
    const { id } = validParams(c, SourceParamsSchema);
    const s = await managed(() => control(deps).statusOf(id));
    return c.json(presentSourceStatus(s));
  });

  app.post('/api/sources/:id/start', async (c) => {
    const { id } = validParams(c, SourceParamsSchema);
    return c.json(presentSourceStatus(await managed(() => control(deps).start(id))));
  });

  app.post('/api/sources/:id/stop', async (c) => {
    const { id } = validParams(c, SourceParamsSchema);
    return c.json(presentSourceStatus(await managed(() => control(deps).stop(id))));
  });

  app.post('/api/sources/:id/test', async (c) => {
    const { id } = validParams(c, SourceParamsSchema);
    const result = await managed(() => control(deps).test(id, c.req.raw.signal));
    return c.json({ id, ...result });
  });

  app.post('/api/sources/:id/webhook', async (c) => {
    const { id } = validParams(c, SourceParamsSchema);
    const sources = control(deps);
    if (!sources.has(id)) throw new ApiError('not_found', `no source "${id}" in the configuration`, { parameter: 'id', value: id });
    const source = sources.webhook(id);
    if (source === null) {
      const s = sources.statusOf(id);
      if (s.kind !== 'webhook') throw new ApiError('not_found', `source "${id}" is a ${s.kind} source, not a webhook source`, { parameter: 'id', value: id });
      c.header('retry-after', '30');
      throw new ApiError('unavailable', `source "${id}" is not running (${s.run}); start it with \`vigie sources start ${id}\``);
    }
    const body = await rawBody(c, WEBHOOK_READ_LIMIT);
    if (body === null) return c.json({ error: { code: 'too_large', message: `the body is over ${WEBHOOK_READ_LIMIT} bytes` } }, 413);
    const answer = source.receive({ headers: c.req.raw.headers, body });
    for (const [k, v] of Object.entries(answer.headers ?? {})) c.header(k, v);
    return c.json(answer.body, answer.status as 200);
  });
}
