/**
 * The in-app channel's stream: `GET /api/inapp/stream?user=<id>` is a server-sent event stream of
 * the user's pages (events named `page`, data: the JSON of src/alert/channels/inapp/inapp-page.ts)
 * for an open Vigie window (`new EventSource('/api/inapp/stream?user=ana')`).
 *
 * - It starts with a `retry:` hint and the stream's reconnection id; a `: keep-alive` comment
 *   follows every 15 s so proxies and browsers keep it open.
 * - A reconnecting browser sends `Last-Event-ID` (or `?lastEventId=` where headers cannot be set):
 *   the pages it missed are replayed first. An id of another run of Vigie replays nothing, and a
 *   comment line says so.
 * - When the client goes, the stream leaves the hub at once; a client that stops reading is cut
 *   off (it reconnects and catches up) rather than piling pages up in memory.
 */
import type { Hono } from 'hono';
import { z } from 'zod';
import type { InAppEvent, InAppHub, InAppSubscription } from '../../alert/channels/inapp/hub.ts';
import type { ResolvedDeps } from '../deps.ts';
import { ApiError } from '../errors.ts';
import { validQuery } from '../validate.ts';

/** Pause between keep-alive comments, by default. */
export const DEFAULT_KEEP_ALIVE_MS = 15_000;
/** How long a browser waits before reconnecting, by default (the `retry:` hint). */
export const DEFAULT_RETRY_MS = 3_000;
/** Frames a stream may have queued for a client that does not read before it is closed. */
const MAX_QUEUED_FRAMES = 1_000;

/** What the stream needs: the hub, and which users exist. */
export interface InAppRouteDeps {
  hub: InAppHub;
  /** Whether a user of this id exists (in the alerting configuration). */
  userExists(id: string): boolean;
  /** Pause between `: keep-alive` comments (default 15 s). */
  keepAliveMs?: number;
  /** The `retry:` hint sent to browsers (default 3 s). */
  retryMs?: number;
}

const USER_HELP = 'the id of the user whose pages to stream, e.g. ?user=ana';

export const InAppStreamQuerySchema = z.strictObject({
  user: z
    .string({ error: (iss) => (iss.input === undefined ? `is required: ${USER_HELP}` : `expected ${USER_HELP}`) })
    .min(1, { error: `must not be empty: ${USER_HELP}` })
    .max(128, { error: 'expected a user id of at most 128 characters' }),
  /** For clients that cannot send the Last-Event-ID header. */
  lastEventId: z.string().max(200, { error: 'expected an event id of at most 200 characters' }).optional(),
});

/** One SSE frame; a late event goes without an id so the stream's reconnection point stays on its newest. */
export function sseFrame(event: InAppEvent, late: boolean): string {
  const data = event.data.split(/\r\n|\r|\n/).map((line) => `data: ${line}`).join('\n');
  return `event: ${event.name}\n${data}\n${late ? '' : `id: ${event.id}\n`}\n`;
}

/** An SSE comment (ignored by EventSource, visible to people reading the stream). */
function comment(text: string): string {
  return `: ${text.replace(/[\r\n]+/g, ' ')}\n\n`;
}

export function registerInAppRoutes(app: Hono, deps: ResolvedDeps, inapp: InAppRouteDeps | undefined): void {
  for (const [name, ms] of [['keepAliveMs', inapp?.keepAliveMs], ['retryMs', inapp?.retryMs]] as const)
    if (ms !== undefined && (!Number.isInteger(ms) || ms < 10 || ms > 3_600_000))
      throw new RangeError(`registerInAppRoutes: ${name} must be a whole number of milliseconds from 10 to 3600000 (got ${ms})`);
  app.get('/api/inapp/stream', (c) => {
    if (inapp === undefined)
      throw new ApiError('unavailable', 'in-app pages need alerting: set alerting.enabled (docs/alerting.md) to stream pages to Vigie windows');
    const q = validQuery(c, InAppStreamQuerySchema);
    if (!inapp.userExists(q.user))
      throw new ApiError('not_found', `no user "${q.user}" in the alerting configuration: use one of its users' ids in ?user=`, [
        { parameter: 'user', in: 'query', message: `unknown user "${q.user}"` },
      ]);
    const lastEventId = c.req.header('last-event-id') ?? q.lastEventId ?? null;
    const keepAliveMs = inapp.keepAliveMs ?? DEFAULT_KEEP_ALIVE_MS;
    const retryMs = inapp.retryMs ?? DEFAULT_RETRY_MS;
    const encoder = new TextEncoder();
    const signal = c.req.raw.signal;

    let controller!: ReadableStreamDefaultController<Uint8Array>;
    let sub: InAppSubscription | null = null;
    let keepAlive: ReturnType<typeof setInterval> | undefined;
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      clearInterval(keepAlive);
      signal.removeEventListener('abort', finish);
      sub?.close();
    };
    /** Queues text for the client; false once the stream is over (the client went). */
    const enqueue = (text: string): boolean => {
      try {
        controller.enqueue(encoder.encode(text));
        return true;
      } catch {
        finish(); // the body was cancelled or closed under us: the client is gone
        return false;
      }
    };
    const end = (reason: string): void => {
      if (done) return;
      const open = enqueue(comment(`closed: ${reason}`));
      finish();
      if (open) controller.close();
    };
    const write = (text: string): void => {
      if (done) return;
      if ((controller.desiredSize ?? 0) < -MAX_QUEUED_FRAMES) {
        deps.logger.warn({ user: q.user }, 'an in-app stream stopped reading; closed (the window reconnects and catches up)');
        end('this client stopped reading; reconnect to catch up');
        return;
      }
      enqueue(text);
    };

    const body = new ReadableStream<Uint8Array>({
      start(ctl) {
        controller = ctl;
      },
      cancel() {
        finish();
      },
    });
    try {
      sub = inapp.hub.subscribe(q.user, { send: (e, late) => write(sseFrame(e, late)), end }, lastEventId);
    } catch (e) {
      throw new ApiError('unavailable', `in-app stream refused: ${e instanceof Error ? e.message : String(e)}`);
    }
    write(`retry: ${retryMs}\n\n`);
    if (sub.notice !== null) write(comment(sub.notice));
    for (const e of sub.missed) write(sseFrame(e, false));
    write(`id: ${sub.cursor}\n\n`);
    keepAlive = setInterval(() => write(': keep-alive\n\n'), keepAliveMs);
    keepAlive.unref?.();
    if (signal.aborted) finish();
    else signal.addEventListener('abort', finish, { once: true });
    deps.logger.debug({ user: q.user, replayed: sub.missed.length }, 'in-app stream opened');

    return new Response(body, {
      headers: {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        // Reverse proxies such as nginx buffer responses by default, which would hold pages back.
        'x-accel-buffering': 'no',
      },
    });
  });
}
