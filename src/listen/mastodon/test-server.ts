/**
 * A local Mastodon server for the connector's tests and fuzz run (not a test file itself): SSE
 * streaming (`/api/v1/streaming/hashtag?tag=…`, `/public`), WebSocket streaming
 * (`/api/v1/streaming` with subscribe frames, through the `ws` package), the tag and public
 * timelines with `min_id`, `Link` pagination and X-RateLimit-* headers, and
 * `/api/v1/apps/verify_credentials`. Tests drive it through failures: scripted answers (5xx,
 * 429, refused handshakes, cut connections), drops in the middle of an event, stalls, raw
 * invalid payloads, duplicates, edits and deletes. Its statuses are about an invented cider
 * brand, Brumaire.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer, type WebSocket as WsSocket } from 'ws';

export const TEST_TOKEN = 'test-token-brumaire';
export const T0 = Date.parse('2026-05-10T08:00:00.000Z');

export function snowflake(ms: number, seq = 0): string {
  return ((BigInt(ms) << 16n) | BigInt(seq)).toString();
}

export interface FakeStatusInput {
  at: number;
  domain: string;
  localId?: string;
  text?: string;
  tags?: string[];
  author?: string;
  /** Set for a status from another server: its uri then names that server. */
  origin?: string;
  uri?: string;
  editedAt?: number | null;
  inReplyTo?: string | null;
}

export function fakeStatus(o: FakeStatusInput): Record<string, unknown> {
  const localId = o.localId ?? snowflake(o.at);
  const origin = o.origin ?? o.domain;
  const author = o.author ?? 'yann';
  const tags = o.tags ?? ['Brumaire'];
  const tagHtml = tags.map((t) => ` <a href="https://${o.domain}/tags/${t}" class="mention hashtag" rel="tag">#<span>${t}</span></a>`).join('');
  const uri = o.uri ?? `https://${origin}/users/${author}/statuses/${localId}`;
  return {
    id: localId,
    created_at: new Date(o.at).toISOString(),
    in_reply_to_id: o.inReplyTo ?? null,
    sensitive: false,
    spoiler_text: '',
    visibility: 'public',
    language: 'fr',
    uri,
    url: uri.replace(/\/users\/([^/]+)\/statuses\//, '/@$1/'),
    replies_count: 0,
    reblogs_count: 2,
    favourites_count: 5,
    edited_at: o.editedAt == null ? null : new Date(o.editedAt).toISOString(),
    content: `<p>${o.text ?? 'Le cidre Brumaire pétille &amp; mousse'}${tagHtml}</p>`,
    reblog: null,
    account: {
      id: '109999',
      username: author,
      acct: origin === o.domain ? author : `${author}@${origin}`,
      display_name: author,
      bot: false,
      url: `https://${origin}/@${author}`,
      uri: `https://${origin}/users/${author}`,
      followers_count: 120,
    },
    tags: tags.map((t) => ({ name: t.toLowerCase(), url: `https://${o.domain}/tags/${t.toLowerCase()}` })),
    quote: null,
  };
}

export interface ScriptedAnswer {
  /** 'destroy' cuts the connection before any answer. */
  status: number | 'destroy';
  headers?: () => Record<string, string>;
  body?: string;
}

interface StreamWanted {
  name: string;
  tag: string | null;
}

interface Stored {
  id: string;
  status: Record<string, unknown>;
  tags: string[];
  local: boolean;
}

export interface MastodonTestServerOptions {
  domain: string;
  token?: string;
  /** The time the X-RateLimit-Reset header counts from (the tests' injected clock). */
  now?: () => number;
}

export class MastodonTestServer {
  readonly domain: string;
  readonly token: string;
  readonly #now: () => number;
  readonly #http: Server;
  readonly #wss = new WebSocketServer({ noServer: true });
  readonly #statuses = new Map<string, Stored>();
  readonly #sse = new Set<{ res: ServerResponse; wanted: StreamWanted }>();
  readonly #ws = new Set<{ ws: WsSocket; socket: Socket; subs: StreamWanted[] }>();
  /** Scripted answers, taken in order by the next stream connections / REST requests. */
  readonly streamAnswers: ScriptedAnswer[] = [];
  readonly restAnswers: ScriptedAnswer[] = [];
  readonly requests: Array<{ path: string; query: URLSearchParams }> = [];
  /** A stalled server keeps its connections open but sends nothing and answers no probe. */
  stalled = false;
  /** The REST rate-limit window: `remaining` requests until `resetAt` (a new window of 5 min then opens). */
  rateLimit: { limit: number; remaining: number; resetAt: number | null } = { limit: 300, remaining: 300, resetAt: null };
  url = '';

  constructor(o: MastodonTestServerOptions) {
    this.domain = o.domain;
    this.token = o.token ?? TEST_TOKEN;
    this.#now = o.now ?? Date.now;
    this.#http = createServer((req, res) => this.#handle(req, res));
    this.#http.on('upgrade', (req, socket: Socket, head) => this.#upgrade(req, socket, head));
  }

  async start(): Promise<this> {
    await new Promise<void>((r) => this.#http.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.#http.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    for (const c of this.#ws) c.socket.destroy();
    for (const c of this.#sse) c.res.socket?.destroy();
    this.#wss.close();
    this.#http.closeAllConnections();
    await new Promise<void>((r) => this.#http.close(() => r()));
  }

  /** Open stream connections (SSE connections, and WebSocket subscriptions). */
  get listeners(): number {
    let n = this.#sse.size;
    for (const c of this.#ws) n += c.subs.length;
    return n;
  }

  // ---- content -------------------------------------------------------------------------

  /** Stores a status and, unless `deliver` is false, streams it as an `update`. */
  post(input: Omit<FakeStatusInput, 'domain'>, deliver = true): Record<string, unknown> {
    const status = fakeStatus({ ...input, domain: this.domain });
    const stored: Stored = { id: status.id as string, status, tags: (input.tags ?? ['Brumaire']).map((t) => t.toLowerCase()), local: input.origin === undefined };
    this.#statuses.set(stored.id, stored);
    if (deliver) this.broadcast(stored, 'update', JSON.stringify(status));
    return status;
  }

  /** Edits a stored status and streams a `status.update`. */
  edit(id: string, text: string, editedAt: number): Record<string, unknown> {
    const s = this.#statuses.get(id);
    if (s === undefined) throw new Error(`no status ${id} on ${this.domain}`);
    s.status = { ...s.status, content: `<p>${text}</p>`, edited_at: new Date(editedAt).toISOString() };
    this.broadcast(s, 'status.update', JSON.stringify(s.status));
    return s.status;
  }

  /** Deletes a stored status and streams a `delete` with its local id. */
  remove(id: string): void {
    const s = this.#statuses.get(id);
    if (s === undefined) throw new Error(`no status ${id} on ${this.domain}`);
    this.#statuses.delete(id);
    this.broadcast(s, 'delete', id);
  }

  /** Streams an event to the listeners of these tags (and the public streams). */
  broadcast(s: Pick<Stored, 'tags' | 'local'>, event: string, payload: string): void {
    if (this.stalled) return;
    for (const c of this.#sse) if (matches(c.wanted, s)) c.res.write(`event: ${event}\n${payload.split('\n').map((l) => `data: ${l}`).join('\n')}\n\n`);
    for (const c of this.#ws) {
      for (const sub of c.subs) {
        if (matches(sub, s)) c.ws.send(JSON.stringify({ stream: sub.tag === null ? [sub.name] : [sub.name, sub.tag], event, payload }));
      }
    }
  }

  /** Writes raw text to every SSE connection. */
  sendRawSse(text: string): void {
    for (const c of this.#sse) c.res.write(text);
  }

  /** Sends a raw text frame on every WebSocket connection. */
  sendRawFrame(text: string): void {
    for (const c of this.#ws) c.ws.send(text);
  }

  heartbeat(): void {
    if (!this.stalled) this.sendRawSse(':thump\n');
  }

  /**
   * Cuts every stream connection; `partial` is written first (the start of an event, or for a
   * WebSocket the start of a frame), so the drop falls in the middle of a message.
   */
  drop(partial?: string): void {
    for (const c of this.#sse) {
      if (partial !== undefined) c.res.write(partial);
      c.res.socket?.destroy();
    }
    this.#sse.clear();
    for (const c of this.#ws) {
      if (partial !== undefined) {
        const payload = Buffer.from(partial);
        // A text frame announcing 2 bytes more than are sent: the drop falls inside it.
        const len = payload.length + 2;
        const header = len < 126 ? Buffer.from([0x81, len]) : Buffer.from([0x81, 126, len >> 8, len & 0xff]);
        c.socket.write(Buffer.concat([header, payload]));
      }
      c.socket.destroy();
    }
    this.#ws.clear();
  }

  // ---- HTTP ----------------------------------------------------------------------------

  #authorized(req: IncomingMessage): boolean {
    return req.headers.authorization === `Bearer ${this.token}`;
  }

  #rateHeaders(): Record<string, string> {
    const r = this.rateLimit;
    const now = this.#now();
    if (r.resetAt === null || now >= r.resetAt) {
      r.remaining = r.limit;
      r.resetAt = now + 300_000;
    }
    r.remaining = Math.max(0, r.remaining - 1);
    return {
      'x-ratelimit-limit': String(r.limit),
      'x-ratelimit-remaining': String(r.remaining),
      'x-ratelimit-reset': new Date(r.resetAt).toISOString(),
    };
  }

  #scripted(res: ServerResponse, a: ScriptedAnswer): void {
    if (a.status === 'destroy') {
      res.socket?.destroy();
      return;
    }
    res.writeHead(a.status, { 'content-type': 'application/json', ...(a.headers?.() ?? {}) });
    res.end(a.body ?? JSON.stringify({ error: `scripted ${a.status}` }));
  }

  #handle(req: IncomingMessage, res: ServerResponse): void {
    const u = new URL(req.url ?? '/', 'http://x');
    this.requests.push({ path: u.pathname, query: u.searchParams });
    const streaming = u.pathname.startsWith('/api/v1/streaming');
    const scripted = (streaming ? this.streamAnswers : this.restAnswers).shift();
    if (scripted !== undefined) return this.#scripted(res, scripted);
    if (!this.#authorized(req)) {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'The access token is invalid' }));
      return;
    }
    if (streaming) return this.#sseStream(u, res);
    if (u.pathname === '/api/v1/apps/verify_credentials') {
      res.writeHead(200, { 'content-type': 'application/json', ...this.#rateHeaders() });
      res.end(JSON.stringify({ name: 'Vigie test', website: null }));
      return;
    }
    const tag = /^\/api\/v1\/timelines\/tag\/([^/]+)$/.exec(u.pathname);
    if (tag !== null || u.pathname === '/api/v1/timelines/public') return this.#timeline(u, tag === null ? null : decodeURIComponent(tag[1] ?? ''), res);
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: 'Record not found' }));
  }

  #sseStream(u: URL, res: ServerResponse): void {
    const m = /^\/api\/v1\/streaming\/(hashtag|hashtag\/local|public|public\/local|public\/remote)$/.exec(u.pathname);
    const name = m?.[1]?.replace('/', ':');
    const tag = u.searchParams.get('tag');
    if (name === undefined || (name.startsWith('hashtag') && !tag)) {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'Unknown channel requested' }));
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
    res.write(':)\n');
    const c = { res, wanted: { name, tag } };
    this.#sse.add(c);
    res.on('close', () => this.#sse.delete(c));
  }

  #timeline(u: URL, tag: string | null, res: ServerResponse): void {
    const minId = BigInt(u.searchParams.get('min_id') ?? '0');
    const limit = Math.min(40, Number(u.searchParams.get('limit') ?? 20));
    const wanted: StreamWanted = tag === null ? { name: u.searchParams.get('local') === 'true' ? 'public:local' : 'public', tag: null } : { name: u.searchParams.get('local') === 'true' ? 'hashtag:local' : 'hashtag', tag };
    const page = [...this.#statuses.values()]
      .filter((s) => matches(wanted, s) && BigInt(s.id) > minId)
      .sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1))
      .slice(0, limit)
      .reverse();
    const headers: Record<string, string> = { 'content-type': 'application/json', ...this.#rateHeaders() };
    const newest = page[0];
    const oldest = page[page.length - 1];
    if (newest !== undefined && oldest !== undefined) {
      const base = `https://${this.domain}${u.pathname}`;
      headers.link = `<${base}?max_id=${oldest.id}>; rel="next", <${base}?min_id=${newest.id}>; rel="prev"`;
    }
    res.writeHead(200, headers);
    res.end(JSON.stringify(page.map((s) => s.status)));
  }

  // ---- WebSocket -----------------------------------------------------------------------

  #upgrade(req: IncomingMessage, socket: Socket, head: Buffer): void {
    const u = new URL(req.url ?? '/', 'http://x');
    this.requests.push({ path: u.pathname, query: u.searchParams });
    const scripted = this.streamAnswers.shift();
    const refuse = (status: number, text: string): void => {
      socket.end(`HTTP/1.1 ${status} ${text}\r\ncontent-type: application/json\r\nconnection: close\r\n\r\n{"error":"${text}"}`);
    };
    if (scripted !== undefined) {
      if (scripted.status === 'destroy') socket.destroy();
      else refuse(scripted.status, 'scripted');
      return;
    }
    if (u.pathname !== '/api/v1/streaming') return refuse(404, 'Not Found');
    if (!this.#authorized(req)) return refuse(401, 'Unauthorized');
    this.#wss.handleUpgrade(req, socket, head, (ws) => {
      const c = { ws, socket, subs: [] as StreamWanted[] };
      this.#ws.add(c);
      ws.on('close', () => this.#ws.delete(c));
      ws.on('error', () => this.#ws.delete(c));
      ws.on('message', (data) => {
        let msg: { type?: unknown; stream?: unknown; tag?: unknown };
        try {
          msg = JSON.parse(String(data)) as typeof msg;
        } catch {
          return;
        }
        if (msg.type !== 'subscribe') return;
        const known = ['hashtag', 'hashtag:local', 'public', 'public:local', 'public:remote'];
        if (typeof msg.stream !== 'string' || !known.includes(msg.stream) || (msg.stream.startsWith('hashtag') && typeof msg.tag !== 'string')) {
          if (!this.stalled) ws.send(JSON.stringify({ error: 'Unknown stream type', status: 400 }));
          return;
        }
        c.subs.push({ name: msg.stream, tag: typeof msg.tag === 'string' ? msg.tag : null });
      });
    });
  }
}

function matches(w: StreamWanted, s: Pick<Stored, 'tags' | 'local'>): boolean {
  if (w.name.endsWith(':local') && !s.local) return false;
  if (w.name === 'public:remote' && s.local) return false;
  return w.tag === null ? w.name.startsWith('public') : s.tags.includes(w.tag.toLowerCase());
}

export async function startMastodonTestServer(o: MastodonTestServerOptions): Promise<MastodonTestServer> {
  return new MastodonTestServer(o).start();
}

/** Waits (polling every few ms) until `cond` holds; fails after `ms` with `what`. */
export async function waitUntil(cond: () => boolean, what: string, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}
