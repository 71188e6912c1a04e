/**
 * One SSE connection to one Mastodon stream (`GET /api/v1/streaming/hashtag?tag=…`): opens it,
 * reads its events into the queue (waiting when the queue is full, so TCP holds the server
 * back), and ends on a drop, the server closing, a stall (no bytes, heartbeats included, for
 * `stallSeconds`) or the source stopping. The stall timer runs on real time: it watches the
 * network, not the injected clock.
 */
import type { InstanceRuntime, OnOpened, ReadContext, SessionEnd } from './read-context.ts';
import { seconds } from './read-context.ts';
import { errorText, failureKindOf, networkMessage, readRateLimit } from './rest.ts';
import { SseParser, type SseOutput } from './sse-parser.ts';
import type { StreamSpec } from './streams.ts';

export async function sseSession(ctx: ReadContext, inst: InstanceRuntime, stream: StreamSpec, onOpened: OnOpened): Promise<SessionEnd> {
  const ac = new AbortController();
  const stop = (): void => ac.abort();
  ctx.signal.addEventListener('abort', stop, { once: true });
  const stallMs = Math.round(ctx.config.stallSeconds * 1000);
  let timedOut = false;
  const connectTimer = setTimeout(() => {
    timedOut = true;
    ac.abort();
  }, ctx.config.requestTimeoutSeconds * 1000);
  try {
    let res: Response;
    try {
      res = await fetch(`${inst.streamBase}${stream.ssePath}`, {
        headers: { authorization: `Bearer ${inst.token}`, accept: 'text/event-stream', 'cache-control': 'no-cache' },
        signal: ac.signal,
      });
    } catch (e) {
      const message = timedOut ? `no answer in ${ctx.config.requestTimeoutSeconds} s` : networkMessage(e);
      return { opened: false, kind: 'network', message, resetAt: null };
    } finally {
      clearTimeout(connectTimer);
    }
    if (res.status !== 200) {
      const body = await res.text().catch(() => '');
      const text = errorText(body);
      return {
        opened: false,
        kind: failureKindOf(res.status),
        message: `HTTP ${res.status}${text === '' ? '' : `: ${text}`}`,
        resetAt: readRateLimit(res.headers)?.resetAt ?? null,
      };
    }
    const type = res.headers.get('content-type') ?? '';
    if (!type.toLowerCase().startsWith('text/event-stream') || res.body === null) {
      await res.body?.cancel().catch(() => undefined);
      return { opened: false, kind: 'http', message: `answered 200 with "${type.slice(0, 60)}" instead of an event stream`, resetAt: null };
    }
    const openedAt = ctx.clock.now();
    await onOpened(openedAt);
    return await readBody(ctx, inst, stream, res.body, ac, stallMs, openedAt);
  } finally {
    clearTimeout(connectTimer);
    ctx.signal.removeEventListener('abort', stop);
  }
}

async function readBody(
  ctx: ReadContext,
  inst: InstanceRuntime,
  stream: StreamSpec,
  body: ReadableStream<Uint8Array>,
  ac: AbortController,
  stallMs: number,
  openedAt: number,
): Promise<SessionEnd> {
  const reader = body.getReader();
  const decoder = new TextDecoder('utf-8');
  const parser = new SseParser();
  const outputs: SseOutput[] = [];
  const collect = (o: SseOutput): void => void outputs.push(o);
  let delivered = false;
  let stalled = false;
  let timer: NodeJS.Timeout | undefined;
  const arm = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      stalled = true;
      ac.abort();
    }, stallMs);
  };
  const end = (reason: 'eof' | 'drop' | 'stall' | 'aborted', message: string): SessionEnd => ({ opened: true, reason, message, delivered, openedAt });
  try {
    arm();
    for (;;) {
      let chunk: Awaited<ReturnType<typeof reader.read>>;
      try {
        chunk = await reader.read();
      } catch (e) {
        if (stalled) return end('stall', `no bytes for ${seconds(stallMs)}`);
        if (ctx.signal.aborted) return end('aborted', 'stopped');
        return end('drop', `the connection dropped: ${networkMessage(e)}`);
      }
      if (chunk.done) return end('eof', 'the server closed the stream');
      ctx.tracker.received();
      parser.feed(decoder.decode(chunk.value, { stream: true }), collect);
      if (outputs.length === 0) {
        arm();
        continue;
      }
      // Waiting for room in the queue is our slowness, not the network's: no stall meanwhile.
      clearTimeout(timer);
      for (const o of outputs) {
        if (o.kind === 'comment') continue;
        if (o.kind === 'oversized') {
          await ctx.queue.push({ t: 'reject', instance: inst.domain, reason: `SSE line of ${o.length} characters, over the 2 MB limit: dropped`, excerpt: o.head });
          continue;
        }
        delivered = true;
        await ctx.queue.push({ t: 'event', instance: inst.domain, stream: stream.key, event: o.event.event, data: o.event.data, receivedAt: ctx.clock.now() });
      }
      outputs.length = 0;
      if (ctx.signal.aborted) return end('aborted', 'stopped');
      arm();
    }
  } finally {
    clearTimeout(timer);
    reader.cancel().catch(() => undefined);
  }
}
