/**
 * `vigie sources test` for a Mastodon source: for each instance, one authenticated REST request
 * (`GET /api/v1/apps/verify_credentials`, which any valid token passes) and then its streaming
 * server: an SSE stream opened until its first bytes (the `:)` greeting), or a WebSocket opened.
 */
import type { SourceTestResult } from '../live/live-source.ts';
import type { InstanceRuntime } from './read-context.ts';
import { errorText, networkMessage, restGet } from './rest.ts';
import type { StreamSpec } from './streams.ts';
import { websocketUrl } from './ws-session.ts';

export interface InstanceUnderTest {
  inst: InstanceRuntime;
  streams: readonly StreamSpec[];
  /** Where its configuration is, e.g. `sources.masto.instances[0]`. */
  path: string;
}

async function testSse(inst: InstanceRuntime, stream: StreamSpec, timeoutMs: number, signal?: AbortSignal): Promise<string | null> {
  const signals = [AbortSignal.timeout(timeoutMs)];
  if (signal !== undefined) signals.push(signal);
  const ac = new AbortController();
  const all = AbortSignal.any([...signals, ac.signal]);
  try {
    const res = await fetch(`${inst.streamBase}${stream.ssePath}`, { headers: { authorization: `Bearer ${inst.token}`, accept: 'text/event-stream' }, signal: all });
    if (res.status !== 200) return `the SSE stream ${stream.label} answered HTTP ${res.status}: ${errorText(await res.text().catch(() => ''))}`;
    const reader = res.body?.getReader();
    const first = await reader?.read();
    ac.abort();
    return first === undefined || first.done ? `the SSE stream ${stream.label} closed without sending anything` : null;
  } catch (e) {
    return `the SSE stream ${stream.label} failed: ${networkMessage(e)}`;
  } finally {
    ac.abort();
  }
}

async function testWebSocket(inst: InstanceRuntime, timeoutMs: number, signal?: AbortSignal): Promise<string | null> {
  const url = websocketUrl(inst.streamBase);
  return new Promise<string | null>((resolve) => {
    let ws: WebSocket;
    try {
      ws = new WebSocket(url, { headers: { authorization: `Bearer ${inst.token}` } });
    } catch (e) {
      resolve(`cannot open ${url}: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    const done = (r: string | null): void => {
      clearTimeout(t);
      signal?.removeEventListener('abort', aborted);
      ws.onopen = null;
      ws.onclose = null;
      try {
        ws.close();
      } catch {
        // already closed
      }
      resolve(r);
    };
    const aborted = (): void => done('the test was stopped');
    const t = setTimeout(() => done(`the WebSocket ${url} did not open within ${timeoutMs / 1000} s`), timeoutMs);
    signal?.addEventListener('abort', aborted, { once: true });
    ws.onopen = () => done(null);
    ws.onclose = () => done(`the WebSocket handshake to ${url} failed (check streamingUrl, or use transport: sse)`);
  });
}

async function testInstance(u: InstanceUnderTest, timeoutMs: number, signal?: AbortSignal): Promise<{ ok: boolean; text: string }> {
  const { inst, streams, path } = u;
  const r = await restGet(`${inst.restBase}/api/v1/apps/verify_credentials`, inst.token, timeoutMs, signal);
  if (!r.ok) {
    const fix =
      r.kind === 'auth'
        ? `create a token with the read:statuses scope and set ${path}.token`
        : r.kind === 'network'
          ? `check ${path}.baseUrl`
          : 'try again later';
    return { ok: false, text: `${inst.domain}: ${inst.restBase} answered ${r.message} (${fix})` };
  }
  let app = '';
  try {
    const name = (JSON.parse(r.body) as { name?: unknown }).name;
    if (typeof name === 'string') app = ` (app "${name.slice(0, 80)}")`;
  } catch {
    // the name is only for the report
  }
  if (streams.length === 0) {
    return { ok: false, text: `${inst.domain}: token accepted${app}, but nothing to stream: add hashtags to ${path}.hashtags, brands with a name or #tags, or set publicStream` };
  }
  const first = streams[0] as StreamSpec;
  const streamProblem = inst.transport === 'sse' ? await testSse(inst, first, timeoutMs, signal) : await testWebSocket(inst, timeoutMs, signal);
  if (streamProblem !== null) return { ok: false, text: `${inst.domain}: token accepted${app}, but ${streamProblem}` };
  const what = streams.map((s) => s.label).join(', ');
  return { ok: true, text: `${inst.domain}: token accepted${app}, ${inst.transport === 'sse' ? 'SSE' : 'WebSocket'} stream open; streams ${what}` };
}

export async function testInstances(list: readonly InstanceUnderTest[], timeoutMs: number, signal?: AbortSignal): Promise<SourceTestResult> {
  const results = await Promise.all(list.map((u) => testInstance(u, timeoutMs, signal)));
  const failed = results.filter((r) => !r.ok);
  if (failed.length > 0) return { ok: false, error: results.map((r) => r.text).join('; ') };
  return { ok: true, detail: results.map((r) => r.text).join('; ') };
}
