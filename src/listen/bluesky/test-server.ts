/**
 * Local servers for the Bluesky source's tests and fuzz run:
 * - JetstreamTestServer: a `ws` WebSocketServer speaking Jetstream v1 `/subscribe`. It keeps a
 *   log of the events emitted; a connection with `cursor` first gets the logged events with
 *   `time_us ≥ cursor` (in time order), then the live ones; `wantedCollections` filters commits
 *   (identity and account events go to everyone, as Jetstream does). Tests drive it through
 *   drops (also in the middle of a frame), stalls, raw invalid frames and duplicates.
 * - AppViewTestServer: node:http answering `app.bsky.actor.getProfiles` (by DID or handle), or
 *   failing as told (HTTP 500, 429 with `ratelimit-*` headers, no answer at all).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

interface LogEntry {
  timeUs: number;
  collection: string | null;
  frame: string;
}

interface Client {
  ws: WebSocket;
  socket: Socket;
  wanted: ReadonlySet<string>;
  stalled: boolean;
}

export interface JetstreamConnectionSeen {
  path: string;
  cursor: number | null;
  wanted: string[];
}

function describe(frame: string): { timeUs: number | null; collection: string | null } {
  try {
    const v = JSON.parse(frame) as { time_us?: unknown; commit?: { collection?: unknown } };
    return {
      timeUs: typeof v.time_us === 'number' ? v.time_us : null,
      collection: typeof v.commit?.collection === 'string' ? v.commit.collection : null,
    };
  } catch {
    return { timeUs: null, collection: null };
  }
}

export class JetstreamTestServer {
  readonly connections: JetstreamConnectionSeen[] = [];
  readonly #wss: WebSocketServer;
  readonly #clients = new Set<Client>();
  readonly #log: LogEntry[] = [];
  readonly #waiters: Array<() => void> = [];
  #heartbeat: NodeJS.Timeout | null = null;
  /** When set, new connections are accepted and then get nothing (a stalled server). */
  stallNew = false;

  private constructor(wss: WebSocketServer) {
    this.#wss = wss;
    wss.on('connection', (ws, req) => this.#connected(ws, req));
  }

  /** `heartbeatMs`: send a heartbeat frame that often to the clients not stalled (a busy firehose never goes quiet). */
  static async start(o: { heartbeatMs?: number } = {}): Promise<JetstreamTestServer> {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => wss.once('listening', resolve));
    const s = new JetstreamTestServer(wss);
    if (o.heartbeatMs !== undefined) {
      s.#heartbeat = setInterval(() => {
        for (const c of s.#clients) if (!c.stalled) c.ws.send('{"kind":"heartbeat","payload":"hb"}');
      }, o.heartbeatMs);
    }
    return s;
  }

  get port(): number {
    return (this.#wss.address() as AddressInfo).port;
  }

  get url(): string {
    return `ws://127.0.0.1:${this.port}/subscribe`;
  }

  /** Clients connected now. */
  get clients(): number {
    return this.#clients.size;
  }

  #connected(ws: WebSocket, req: IncomingMessage): void {
    const url = new URL(req.url ?? '/', 'ws://localhost');
    const cursorParam = url.searchParams.get('cursor');
    const cursor = cursorParam === null ? null : Number(cursorParam);
    const wanted = url.searchParams.getAll('wantedCollections');
    this.connections.push({ path: url.pathname, cursor, wanted });
    const client: Client = { ws, socket: req.socket, wanted: new Set(wanted), stalled: this.stallNew };
    this.#clients.add(client);
    ws.on('close', () => this.#clients.delete(client));
    ws.on('error', () => this.#clients.delete(client));
    if (!client.stalled && cursor !== null && Number.isFinite(cursor)) {
      const replay = this.#log.filter((e) => e.timeUs >= cursor).sort((a, b) => a.timeUs - b.timeUs);
      for (const e of replay) if (this.#wants(client, e.collection)) ws.send(e.frame);
    }
    for (const w of this.#waiters.splice(0)) w();
  }

  #wants(c: Client, collection: string | null): boolean {
    return collection === null || c.wanted.size === 0 || c.wanted.has(collection);
  }

  /** Logs an event (replayed to later cursors) and sends it to the live clients that want it. */
  emit(...frames: string[]): void {
    for (const frame of frames) {
      const { timeUs, collection } = describe(frame);
      if (timeUs !== null) this.#log.push({ timeUs, collection, frame });
      for (const c of this.#clients) if (!c.stalled && this.#wants(c, collection)) c.ws.send(frame);
    }
  }

  /** Logs events without sending them (they happened while the client was away). */
  record(...frames: string[]): void {
    for (const frame of frames) {
      const { timeUs, collection } = describe(frame);
      if (timeUs !== null) this.#log.push({ timeUs, collection, frame });
    }
  }

  /** Sends a frame as is to every live client, unlogged (a replay will not repeat it). */
  sendRaw(data: string | Buffer, binary = false): void {
    for (const c of this.#clients) if (!c.stalled) c.ws.send(data, { binary });
  }

  /** Resolves once the `n`-th connection (counting from the server's start) has arrived. */
  async waitForConnection(n: number, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.connections.length < n) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for Jetstream connection #${n} (${this.connections.length} so far)`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, 50);
        this.#waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  /** Kills every connection at the TCP level (no close frame). */
  dropAll(): void {
    for (const c of this.#clients) c.ws.terminate();
    this.#clients.clear();
  }

  /** Sends the first half of `frame` as a text frame on every connection, then kills them. */
  dropMidFrame(frame: string): void {
    const payload = Buffer.from(frame);
    const header =
      payload.length < 126
        ? Buffer.from([0x81, payload.length])
        : payload.length < 65536
          ? Buffer.from([0x81, 126, payload.length >> 8, payload.length & 0xff])
          : (() => {
              const h = Buffer.alloc(10);
              h[0] = 0x81;
              h[1] = 127;
              h.writeBigUInt64BE(BigInt(payload.length), 2);
              return h;
            })();
    for (const c of this.#clients) {
      c.socket.write(Buffer.concat([header, payload.subarray(0, payload.length >> 1)]));
      c.socket.destroy();
    }
    this.#clients.clear();
  }

  /** Current connections stay open but get nothing more. */
  stallAll(): void {
    for (const c of this.#clients) c.stalled = true;
  }

  async close(): Promise<void> {
    if (this.#heartbeat !== null) clearInterval(this.#heartbeat);
    for (const c of this.#clients) c.ws.terminate();
    this.#clients.clear();
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
  }
}

export type AppViewMode = 'ok' | 'error' | 'rate-limited' | 'hang';

export class AppViewTestServer {
  /** The actors asked for, one list per call. */
  readonly requests: string[][] = [];
  mode: AppViewMode = 'ok';
  /** Epoch seconds sent as `ratelimit-reset` in 'rate-limited' mode. */
  rateLimitReset = 0;
  readonly #server: Server;
  readonly #profiles = new Map<string, Record<string, unknown>>();
  readonly #hanging = new Set<ServerResponse>();

  private constructor(server: Server) {
    this.#server = server;
    server.on('request', (req, res) => this.#answer(req, res));
  }

  static async start(profiles: ReadonlyArray<Record<string, unknown>> = []): Promise<AppViewTestServer> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const s = new AppViewTestServer(server);
    for (const p of profiles) s.addProfile(p);
    return s;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  addProfile(p: Record<string, unknown>): void {
    this.#profiles.set(String(p.did), p);
    this.#profiles.set(String(p.handle), p);
  }

  #answer(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== '/xrpc/app.bsky.actor.getProfiles') {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"MethodNotImplemented","message":"Method Not Implemented"}');
      return;
    }
    const actors = url.searchParams.getAll('actors');
    this.requests.push(actors);
    const limits = { 'ratelimit-limit': '3000', 'ratelimit-policy': '3000;w=300' };
    if (this.mode === 'hang') {
      this.#hanging.add(res);
      return;
    }
    if (this.mode === 'error') {
      res.writeHead(502, { 'content-type': 'text/html' }).end('<html>Bad Gateway</html>');
      return;
    }
    if (this.mode === 'rate-limited') {
      res
        .writeHead(429, { 'content-type': 'application/json', ...limits, 'ratelimit-remaining': '0', 'ratelimit-reset': String(this.rateLimitReset) })
        .end('{"error":"RateLimitExceeded","message":"Rate Limit Exceeded"}');
      return;
    }
    if (actors.length === 0 || actors.length > 25) {
      res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":"InvalidRequest","message":"actors must have 1 to 25 items"}');
      return;
    }
    const found = new Map<string, Record<string, unknown>>();
    for (const a of actors) {
      const p = this.#profiles.get(a);
      if (p !== undefined) found.set(String(p.did), p);
    }
    res
      .writeHead(200, { 'content-type': 'application/json', ...limits, 'ratelimit-remaining': '2999', 'ratelimit-reset': String(Math.floor(Date.now() / 1000) + 300) })
      .end(JSON.stringify({ profiles: [...found.values()] }));
  }

  async close(): Promise<void> {
    for (const res of this.#hanging) res.destroy();
    this.#hanging.clear();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}

/** A LiveClock whose sleeps return at once, moving its time on and recording each delay. */
export class StepClock {
  t: number;
  readonly sleeps: number[] = [];
  constructor(start: number) {
    this.t = start;
  }
  now(): number {
    return this.t;
  }
  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.t += ms;
    // Let sockets and timers run: a refused connection is retried on the next turn.
    await new Promise<void>((resolve) => setTimeout(resolve, 1));
  }
}

/** Reads a source in the background, keeping its items, until stopped. */
export class Reader<T> {
  readonly items: T[] = [];
  error: unknown = null;
  readonly #abort = new AbortController();
  readonly #done: Promise<void>;
  readonly #waiters = new Set<() => void>();
  #held: Promise<void> | null = null;
  #release: (() => void) | null = null;

  constructor(read: (signal: AbortSignal) => AsyncIterable<T>) {
    this.#done = (async () => {
      try {
        for await (const item of read(this.#abort.signal)) {
          this.items.push(item);
          for (const w of this.#waiters) w();
          if (this.#held !== null) await this.#held;
        }
      } catch (e) {
        this.error = e;
      }
      for (const w of this.#waiters) w();
    })();
  }

  /** Stops pulling items until the returned function is called (a slow consumer). */
  hold(): () => void {
    let release!: () => void;
    this.#held = new Promise<void>((resolve) => (release = resolve));
    this.#release = () => {
      this.#held = null;
      this.#release = null;
      release();
    };
    return this.#release;
  }

  /** Waits until `pred(items)` holds (real time, `timeoutMs` at most). */
  async until(pred: (items: readonly T[]) => boolean, what: string, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!pred(this.items)) {
      if (this.error !== null) throw new Error(`the source failed while waiting for ${what}: ${String(this.error)}`);
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (${this.items.length} items so far)`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(done, 50);
        const waiters = this.#waiters;
        function done(): void {
          clearTimeout(t);
          waiters.delete(done);
          resolve();
        }
        waiters.add(done);
      });
    }
  }

  async stop(): Promise<void> {
    this.#abort.abort();
    this.#release?.();
    await this.#done;
  }
}
