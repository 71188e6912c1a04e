/**
 * A local HTTP server that speaks the parts of X API v2 the connector uses, for tests and the
 * fuzz run: the filtered stream (`\r\n`-delimited messages, keep-alives, scripted drops, stalls,
 * splits, in-stream errors, 409 without rules, 429 with reset headers, 5xx), its rules (GET, POST
 * add/delete, `dry_run`) and recent search (`since_id` / `start_time`, `next_token` pages,
 * `includes`). Not a test file: tests and x.fuzz.ts import it.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SourceItem } from '../source.ts';
import type { XRuleOnServer } from './rules.ts';

export type StreamStep =
  /** A message followed by `\r\n`. */
  | { message: string }
  /** Bytes written as they are (a partial message, a lone `\r\n`…). */
  | { raw: string | Buffer }
  | { keepAlive: true }
  /** A message written in two writes `at` bytes apart, with a pause between (a split across chunks). */
  | { split: string; at: number }
  | { pauseMs: number }
  /** Cut the connection (no clean end). */
  | { drop: true }
  /** End the response cleanly. */
  | { end: true }
  /** Send nothing more and keep the connection open. */
  | { stall: true }
  /** Call back (for a test to act at this point of the stream). */
  | { call: () => void }
  /** Wait until the condition holds (the client read what was sent, for instance), at most 5 s. */
  | { waitFor: () => boolean };

export type StreamPlan =
  | { status: 200; steps: Iterable<StreamStep>; headers?: Record<string, string> }
  | { status: number; body: string; headers?: Record<string, string> }
  /** Destroy the socket before answering (a network error for the client). */
  | { reset: true };

export interface ArchivedPost {
  post: Record<string, unknown> & { id: string; created_at: string };
  users: readonly object[];
  tweets?: readonly object[];
}

export interface LoggedRequest {
  method: string;
  path: string;
  params: URLSearchParams;
  body: unknown;
}

type Endpoint = 'stream' | 'rules' | 'search';

const compareIds = (a: string, b: string): number => (a.length !== b.length ? a.length - b.length : a < b ? -1 : a > b ? 1 : 0);
const MESSAGE_BATCH = 64 * 1024;

export class XTestServer {
  readonly url: string;
  readonly token: string;
  /** The app's stream rules. */
  rules: XRuleOnServer[] = [];
  /** What recent search sees. */
  archive: ArchivedPost[] = [];
  /** One plan per stream connection, in order; when empty, a connection gets a keep-alive and stalls. */
  streamPlans: StreamPlan[] = [];
  /** Answers given to search requests before the normal ones (a 503 burst, a 429…). */
  searchFailures: Array<{ status: number; body: string; headers?: Record<string, string> }> = [];
  /** Rate-limit headers per endpoint (x-rate-limit-limit/remaining/reset). */
  limits: Partial<Record<Endpoint, { limit: number; remaining: number; reset: number }>> = {};
  /** A rule whose value holds this word is refused (dry run and add), as X refuses an invalid operator. */
  invalidWord = 'badop:';
  readonly requests: LoggedRequest[] = [];
  streamConnections = 0;
  readonly #server: Server;
  #nextRuleId = 1_700_000_000_000_000_000n;

  private constructor(server: Server, token: string) {
    this.#server = server;
    this.token = token;
    const { port } = server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
  }

  static async start(token = 'test-bearer-token'): Promise<XTestServer> {
    let self: XTestServer | undefined;
    const server = createServer((req, res) => {
      self!.handle(req, res).catch(() => res.destroy());
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    self = new XTestServer(server, token);
    return self;
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  /** Requests to a path, e.g. '/2/tweets/search/recent'. */
  requestsTo(path: string): LoggedRequest[] {
    return this.requests.filter((r) => r.path === path);
  }

  addRule(value: string, tag: string): XRuleOnServer {
    const rule = { id: String(this.#nextRuleId++), value, tag };
    this.rules.push(rule);
    return rule;
  }

  #headers(endpoint: Endpoint, extra: Record<string, string> = {}): Record<string, string> {
    const l = this.limits[endpoint];
    const rl: Record<string, string> = l === undefined ? {} : { 'x-rate-limit-limit': String(l.limit), 'x-rate-limit-remaining': String(l.remaining), 'x-rate-limit-reset': String(l.reset) };
    return { 'content-type': 'application/json', ...rl, ...extra };
  }

  #json(res: ServerResponse, endpoint: Endpoint, status: number, body: unknown): void {
    res.writeHead(status, this.#headers(endpoint));
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const u = new URL(req.url ?? '/', this.url);
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    let body: unknown = null;
    if (text !== '') {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    this.requests.push({ method: req.method ?? 'GET', path: u.pathname, params: u.searchParams, body });
    if (req.headers.authorization !== `Bearer ${this.token}`) {
      const endpoint: Endpoint = u.pathname.endsWith('/rules') ? 'rules' : u.pathname.endsWith('/stream') ? 'stream' : 'search';
      return this.#json(res, endpoint, 401, { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' });
    }
    if (u.pathname === '/2/tweets/search/stream/rules') return this.#rules(req.method ?? 'GET', u.searchParams, body, res);
    if (u.pathname === '/2/tweets/search/stream') return this.#stream(res);
    if (u.pathname === '/2/tweets/search/recent') return this.#search(u.searchParams, res);
    this.#json(res, 'search', 404, { title: 'Not Found Error', detail: `no route ${u.pathname}`, type: 'about:blank' });
  }

  #rules(method: string, params: URLSearchParams, body: unknown, res: ServerResponse): void {
    if (method === 'GET') {
      const data = this.rules.map((r) => ({ id: r.id, value: r.value, tag: r.tag }));
      return this.#json(res, 'rules', 200, { ...(data.length > 0 ? { data } : {}), meta: { sent: new Date().toISOString(), result_count: data.length } });
    }
    const b = (typeof body === 'object' && body !== null ? body : {}) as { add?: Array<{ value: string; tag?: string }>; delete?: { ids?: string[] } };
    if (b.delete !== undefined) {
      const ids = new Set(b.delete.ids ?? []);
      const before = this.rules.length;
      this.rules = this.rules.filter((r) => !ids.has(r.id));
      const deleted = before - this.rules.length;
      return this.#json(res, 'rules', 200, { meta: { sent: new Date().toISOString(), summary: { deleted, not_deleted: ids.size - deleted } } });
    }
    const dry = params.get('dry_run') === 'true';
    const data: XRuleOnServer[] = [];
    const errors: object[] = [];
    for (const r of b.add ?? []) {
      const dup = this.rules.find((x) => x.value === r.value);
      if ([...r.value].length > 1024 || r.value.includes(this.invalidWord)) {
        errors.push({ value: r.value, details: [`Reference to invalid operator '${this.invalidWord}'. Operator is not available in current product or product packaging.`], title: 'Invalid Rule', type: 'https://api.x.com/2/problems/invalid-rules' });
      } else if (dup !== undefined) {
        errors.push({ value: r.value, id: dup.id, title: 'DuplicateRule', type: 'https://api.x.com/2/problems/duplicate-rules' });
      } else if (dry) {
        data.push({ id: String(this.#nextRuleId), value: r.value, tag: r.tag ?? '' });
      } else {
        data.push(this.addRule(r.value, r.tag ?? ''));
      }
    }
    const valid = data.length;
    const summary = { created: dry ? 0 : valid, not_created: (b.add?.length ?? 0) - (dry ? 0 : valid), valid, invalid: errors.length };
    this.#json(res, 'rules', 200, { ...(data.length > 0 ? { data } : {}), meta: { sent: new Date().toISOString(), summary }, ...(errors.length > 0 ? { errors } : {}) });
  }

  async #stream(res: ServerResponse): Promise<void> {
    this.streamConnections++;
    const plan = this.streamPlans.shift() ?? (this.rules.length === 0 ? { status: 409, body: '' } : { status: 200 as const, steps: [{ keepAlive: true as const }, { stall: true as const }] });
    if ('reset' in plan) {
      res.socket?.destroy();
      return;
    }
    if (plan.status !== 200 || !('steps' in plan)) {
      const body = 'body' in plan && plan.body !== '' ? plan.body : JSON.stringify({ title: 'ConnectionException', detail: 'This stream has no rules.', type: 'https://api.x.com/2/problems/streaming-connection' });
      res.writeHead(plan.status, this.#headers('stream', plan.headers));
      res.end(body);
      return;
    }
    res.writeHead(200, this.#headers('stream', plan.headers));
    res.flushHeaders();
    let batch = '';
    const write = async (data: string | Buffer): Promise<void> => {
      if (res.destroyed) return;
      if (res.write(data)) return;
      await new Promise<void>((resolve) => {
        const done = (): void => {
          res.off('drain', done);
          res.off('close', done);
          resolve();
        };
        res.on('drain', done);
        res.on('close', done);
      });
    };
    const flush = async (): Promise<void> => {
      if (batch === '') return;
      const b = batch;
      batch = '';
      await write(b);
    };
    for (const step of plan.steps) {
      if (res.destroyed) return;
      if ('message' in step) {
        batch += `${step.message}\r\n`;
        if (batch.length >= MESSAGE_BATCH) await flush();
        continue;
      }
      await flush();
      if ('raw' in step) await write(step.raw);
      else if ('keepAlive' in step) await write('\r\n');
      else if ('split' in step) {
        const bytes = Buffer.from(`${step.split}\r\n`);
        await write(bytes.subarray(0, step.at));
        await new Promise((r) => setTimeout(r, 15));
        await write(bytes.subarray(step.at));
      } else if ('pauseMs' in step) await new Promise((r) => setTimeout(r, step.pauseMs));
      else if ('call' in step) step.call();
      else if ('waitFor' in step) {
        for (let waited = 0; !step.waitFor() && waited < 5_000 && !res.destroyed; waited += 2) await new Promise((r) => setTimeout(r, 2));
      }
      else if ('drop' in step) {
        await new Promise((r) => setTimeout(r, 5));
        res.socket?.destroy();
        return;
      } else if ('end' in step) {
        res.end();
        return;
      } else if ('stall' in step) return;
    }
    await flush();
  }

  #search(params: URLSearchParams, res: ServerResponse): void {
    const failure = this.searchFailures.shift();
    if (failure !== undefined) {
      res.writeHead(failure.status, this.#headers('search', failure.headers));
      res.end(failure.body);
      return;
    }
    const sinceId = params.get('since_id');
    const startTime = params.get('start_time');
    const size = Number(params.get('max_results') ?? '10');
    const offset = Number(params.get('next_token')?.slice(1) ?? '0');
    const found = this.archive
      .filter((a) => (sinceId === null || compareIds(a.post.id, sinceId) > 0) && (startTime === null || Date.parse(a.post.created_at) >= Date.parse(startTime)))
      .sort((a, b) => compareIds(b.post.id, a.post.id));
    const page = found.slice(offset, offset + size);
    if (page.length === 0) return this.#json(res, 'search', 200, { meta: { result_count: 0 } });
    const users = new Map<string, object>();
    const tweets = new Map<string, object>();
    for (const a of page) {
      for (const u of a.users) users.set((u as { id: string }).id, u);
      for (const t of a.tweets ?? []) tweets.set((t as { id: string }).id, t);
    }
    const next = offset + size < found.length ? `p${offset + size}` : undefined;
    this.#json(res, 'search', 200, {
      data: page.map((a) => a.post),
      includes: { users: [...users.values()], ...(tweets.size > 0 ? { tweets: [...tweets.values()] } : {}) },
      meta: { newest_id: page[0]!.post.id, oldest_id: page[page.length - 1]!.post.id, result_count: page.length, ...(next === undefined ? {} : { next_token: next }) },
    });
  }
}

/** A LiveClock for tests: `sleep` records the delay and moves time on at once (it still yields to I/O). */
export function testClock(start: number): { now: () => number; sleep: (ms: number, signal?: AbortSignal) => Promise<void>; sleeps: number[]; advance: (ms: number) => void } {
  let t = start;
  const sleeps: number[] = [];
  return {
    now: () => t,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      t += Math.max(0, ms);
      await new Promise((r) => setImmediate(r));
    },
    sleeps,
    advance: (ms: number) => {
      t += ms;
    },
  };
}

/**
 * Reads a source until `until(items)` holds (or `timeoutMs` of real time passed), then stops it.
 * Returns every item yielded.
 */
export async function collect(
  source: { read(o: { from?: string | null; signal?: AbortSignal }): AsyncIterable<SourceItem> },
  o: { from?: string | null; until: (items: readonly SourceItem[]) => boolean; timeoutMs?: number },
): Promise<SourceItem[]> {
  const ctrl = new AbortController();
  const items: SourceItem[] = [];
  const timer = setTimeout(() => ctrl.abort(), o.timeoutMs ?? 8_000);
  try {
    for await (const item of source.read({ from: o.from ?? null, signal: ctrl.signal })) {
      items.push(item);
      if (o.until(items)) break;
    }
  } finally {
    clearTimeout(timer);
    ctrl.abort();
  }
  return items;
}

/** The post ids of the mentions among `items`, in order (`x:` stripped). */
export function mentionIds(items: readonly SourceItem[]): string[] {
  return items.flatMap((i) => (i.kind === 'mention' ? [i.mention.id.slice(2)] : []));
}
