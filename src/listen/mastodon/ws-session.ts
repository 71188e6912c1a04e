/**
 * One WebSocket connection to a Mastodon instance (`/api/v1/streaming`, Node's global WebSocket)
 * carrying all its streams, each asked for with a subscribe frame. Frames cannot be held back,
 * so they are queued as they come. A failed handshake says nothing about why, so the session
 * then asks the REST API (`/api/v1/apps/verify_credentials`) whether the token, the rate limit or
 * the server is at fault. Silence is told apart from a dead connection with a probe: after
 * `stallSeconds` without a frame, a subscribe frame for an unknown stream, which Mastodon answers
 * with `{"error":"Unknown stream type","status":400}`; no answer within `stallSeconds` more is a
 * stall (without the probe, the first silence is).
 */
import type { Entry } from './read-state.ts';
import type { InstanceRuntime, OnOpened, ReadContext, SessionEnd } from './read-context.ts';
import { seconds } from './read-context.ts';
import { restGet } from './rest.ts';
import type { StreamSpec } from './streams.ts';

export const MAX_FRAME_CHARS = 2 * 1024 * 1024;
export const PROBE_FRAME = JSON.stringify({ type: 'subscribe', stream: 'vigie:liveness-probe' });

export function websocketUrl(streamBase: string): string {
  return `${streamBase.replace(/^http/i, 'ws')}/api/v1/streaming`;
}

const lenient = new TextDecoder('utf-8');

export async function wsSession(ctx: ReadContext, inst: InstanceRuntime, streams: readonly StreamSpec[], onOpened: OnOpened): Promise<SessionEnd> {
  const url = websocketUrl(inst.streamBase);
  const stallMs = Math.round(ctx.config.stallSeconds * 1000);
  let ws: WebSocket;
  try {
    ws = new WebSocket(url, { headers: { authorization: `Bearer ${inst.token}` } });
  } catch (e) {
    return { opened: false, kind: 'client', message: `cannot open ${url}: ${e instanceof Error ? e.message : String(e)}`, resetAt: null };
  }
  ws.binaryType = 'arraybuffer';
  let direct = false;
  const pending: Entry[] = [];
  let delivered = false;
  let probing = false;
  let finish: (end: { reason: 'stall' | 'closed' | 'drop' | 'aborted'; message: string }) => void = () => undefined;
  const ended = new Promise<{ reason: 'stall' | 'closed' | 'drop' | 'aborted'; message: string }>((r) => (finish = r));
  let timer: NodeJS.Timeout | undefined;
  const arm = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (ctx.config.websocketProbe && !probing) {
        probing = true;
        try {
          ws.send(PROBE_FRAME);
        } catch {
          // the close event follows
        }
        arm();
      } else finish({ reason: 'stall', message: `no frame for ${seconds(stallMs)}${ctx.config.websocketProbe ? ' and no answer to the liveness probe' : ''}` });
    }, stallMs);
  };
  const emit = (e: Entry): void => {
    if (direct) ctx.queue.pushNow(e);
    else pending.push(e);
  };
  const stop = (): void => finish({ reason: 'aborted', message: 'stopped' });
  ctx.signal.addEventListener('abort', stop, { once: true });

  const opened = await new Promise<boolean>((resolve) => {
    const settle = (ok: boolean): void => {
      clearTimeout(t);
      ctx.signal.removeEventListener('abort', aborted);
      resolve(ok);
    };
    const aborted = (): void => settle(false);
    const t = setTimeout(aborted, ctx.config.requestTimeoutSeconds * 1000);
    ws.onopen = () => settle(true);
    ws.onclose = () => settle(false);
    ctx.signal.addEventListener('abort', aborted, { once: true });
  });
  try {
    if (!opened) {
      if (ctx.signal.aborted) return { opened: true, reason: 'aborted', message: 'stopped', delivered: false, openedAt: ctx.clock.now() };
      return await diagnose(ctx, inst, url);
    }
    const openedAt = ctx.clock.now();
    ws.onmessage = (ev: MessageEvent) => {
      ctx.tracker.received();
      arm();
      const text = typeof ev.data === 'string' ? ev.data : ev.data instanceof ArrayBuffer ? lenient.decode(ev.data) : String(ev.data);
      if (probing && text.startsWith('{"error"')) {
        probing = false;
        return;
      }
      probing = false;
      delivered = true;
      if (text.length > MAX_FRAME_CHARS) {
        emit({ t: 'reject', instance: inst.domain, reason: `WebSocket frame of ${text.length} characters, over the 2 MB limit: dropped`, excerpt: text.slice(0, 2048) });
      } else emit({ t: 'frame', instance: inst.domain, text, receivedAt: ctx.clock.now() });
    };
    ws.onclose = (ev: CloseEvent) => finish({ reason: 'closed', message: `the server closed the WebSocket (code ${ev.code}${ev.reason ? `: ${ev.reason.slice(0, 100)}` : ''})` });
    ws.onerror = () => finish({ reason: 'drop', message: 'the WebSocket connection failed' });
    for (const s of streams) ws.send(JSON.stringify(s.subscribe));
    arm();
    await onOpened(openedAt);
    for (const e of pending) await ctx.queue.push(e);
    pending.length = 0;
    direct = true;
    const end = await ended;
    return { opened: true, ...end, delivered, openedAt };
  } finally {
    clearTimeout(timer);
    ctx.signal.removeEventListener('abort', stop);
    ws.onmessage = null;
    ws.onclose = null;
    ws.onerror = null;
    ws.onopen = null;
    try {
      ws.close();
    } catch {
      // already closed
    }
  }
}

/** Why a handshake failed, asked of the REST API with the same token. */
async function diagnose(ctx: ReadContext, inst: InstanceRuntime, url: string): Promise<SessionEnd> {
  const r = await restGet(`${inst.restBase}/api/v1/apps/verify_credentials`, inst.token, ctx.config.requestTimeoutSeconds * 1000, ctx.signal);
  if (r.rateLimit !== null) inst.rate = r.rateLimit;
  if (!r.ok) {
    // A 4xx other than 401/403/429 says nothing sure about the stream (a compatible server may lack this endpoint).
    const kind = r.kind === 'client' ? 'network' : r.kind;
    return { opened: false, kind, message: `WebSocket handshake to ${url} failed, and the REST API says ${r.message}`, resetAt: r.rateLimit?.resetAt ?? null };
  }
  return {
    opened: false,
    kind: 'network',
    message: `WebSocket handshake to ${url} failed while the REST API accepts the token (check streamingUrl, or use transport: sse)`,
    resetAt: null,
  };
}
