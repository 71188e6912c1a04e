/**
 * A local Reddit for the tests and the fuzz run (node:http): the token endpoint (Basic auth,
 * password and client_credentials grants, `expires_in`, `invalid_grant`), and the OAuth API's
 * `/search` (t3, newest first, q matched on title and selftext), `/r/{sub}/comments` (t1, newest
 * first), `/user/{name}/about`, `/api/v1/me` and `/api/v1/scopes`, with `limit` and `after`,
 * listings cut at 1,000 items like Reddit's, Bearer tokens that can be expired, and the
 * `x-ratelimit-*` headers. Scripted answers (`script`, consumed in order by the API requests
 * they match) drive failures: 5xx bursts, 429, RATELIMIT inside a 200, malformed bodies.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { JsonObject } from '../import/json-access.ts';
import { listing } from './test-things.ts';

export interface Scripted {
  /** Only requests whose path matches (default: any API request). */
  match?: RegExp;
  status?: number;
  headers?: Record<string, string>;
  /** The body as sent (default: what the real endpoint would answer); bytes for invalid UTF-8. */
  body?: string | Buffer;
  /** Close the connection without answering. */
  drop?: boolean;
  /** Never answer (the client's time limit ends it). */
  stall?: boolean;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  authorization: string | undefined;
  userAgent: string | undefined;
  body: string;
}

export const TEST_CREDENTIALS = { clientId: 'corvane-desk-id', clientSecret: 'corvane-desk-secret', username: 'CorvaneCare', password: 'fixture-password' };

export interface RedditTestServer {
  readonly url: string;
  readonly tokenUrl: string;
  /** t3 things found by /search. */
  posts: JsonObject[];
  /** t1 things per subreddit (lower case). */
  comments: Map<string, JsonObject[]>;
  users: Map<string, JsonObject>;
  /** Scripted answers for API requests, consumed in order (the first that matches). */
  script: Scripted[];
  /** Scripted answers for token requests. */
  tokenScript: Scripted[];
  /** Every request, unless `record` is false. */
  requests: RecordedRequest[];
  record: boolean;
  expiresIn: number | undefined;
  /** Sent with every API answer when set. */
  rateLimit: { used: number; remaining: number; reset: number } | null;
  listingCap: number;
  /** When set, answers listing requests without `after` (the fuzz run feeds its payloads through it). */
  listingHook: ((path: string, query: URLSearchParams) => Scripted | null) | null;
  readonly tokensIssued: number;
  /** Makes every token issued so far invalid (the API then answers 401). */
  expireTokens(): void;
  close(): Promise<void>;
}

function sortedNewestFirst(things: JsonObject[]): JsonObject[] {
  const created = (t: JsonObject): number => Number((t.data as JsonObject | undefined)?.created_utc ?? 0);
  return [...things].sort((a, b) => created(b) - created(a));
}

function searchTerms(q: string): string[] {
  return q
    .split(/\s+OR\s+/)
    .map((t) => t.replace(/"/g, '').trim().toLowerCase())
    .filter((t) => t !== '');
}

export async function startRedditTestServer(): Promise<RedditTestServer> {
  const valid = new Set<string>();
  let issued = 0;

  const page = (things: JsonObject[], query: URLSearchParams, cap: number): string => {
    const all = sortedNewestFirst(things).slice(0, cap);
    const limit = Math.min(100, Math.max(1, Number(query.get('limit') ?? 25) || 25));
    const after = query.get('after');
    let start = 0;
    if (after !== null) {
      const i = all.findIndex((t) => (t.data as JsonObject).name === after);
      start = i < 0 ? all.length : i + 1;
    }
    const children = all.slice(start, start + limit);
    const more = start + limit < all.length;
    const last = children.at(-1);
    return JSON.stringify(listing(children, more && last !== undefined ? String((last.data as JsonObject).name) : null));
  };

  const send = (res: ServerResponse, status: number, body: string | Buffer, headers: Record<string, string> = {}): void => {
    res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', ...headers });
    res.end(body);
  };

  const take = (list: Scripted[], path: string): Scripted | null => {
    const i = list.findIndex((s) => s.match === undefined || s.match.test(path));
    return i < 0 ? null : (list.splice(i, 1)[0] ?? null);
  };

  const answer = (res: ServerResponse, s: Scripted, fallback: () => string, extra: Record<string, string>): void => {
    if (s.drop === true) {
      res.socket?.destroy();
      return;
    }
    if (s.stall === true) return;
    send(res, s.status ?? 200, s.body ?? fallback(), { ...extra, ...s.headers });
  };

  const tokenRequest = (res: ServerResponse, req: IncomingMessage, body: string): void => {
    const scripted = take(server_.tokenScript, '/api/v1/access_token');
    const basic = `Basic ${Buffer.from(`${TEST_CREDENTIALS.clientId}:${TEST_CREDENTIALS.clientSecret}`).toString('base64')}`;
    const grant = () => {
      const form = new URLSearchParams(body);
      if (req.headers.authorization !== basic) return null;
      const type = form.get('grant_type');
      if (type === 'password' && (form.get('username') !== TEST_CREDENTIALS.username || form.get('password') !== TEST_CREDENTIALS.password)) {
        return JSON.stringify({ error: 'invalid_grant' });
      }
      if (type !== 'password' && type !== 'client_credentials') return JSON.stringify({ error: 'unsupported_grant_type' });
      const token = `tok-${++issued}`;
      valid.add(token);
      return JSON.stringify({ access_token: token, token_type: 'bearer', expires_in: server_.expiresIn, scope: '*' });
    };
    if (scripted !== null) return answer(res, scripted, () => grant() ?? '{}', {});
    const granted = grant();
    if (granted === null) return send(res, 401, JSON.stringify({ message: 'Unauthorized', error: 401 }));
    send(res, 200, granted);
  };

  const apiRequest = (res: ServerResponse, req: IncomingMessage, path: string, query: URLSearchParams): void => {
    const rl = server_.rateLimit;
    const headers: Record<string, string> =
      rl === null ? {} : { 'x-ratelimit-used': String(rl.used), 'x-ratelimit-remaining': rl.remaining.toFixed(1), 'x-ratelimit-reset': String(rl.reset) };
    const auth = req.headers.authorization ?? '';
    if (!auth.toLowerCase().startsWith('bearer ') || !valid.has(auth.slice(7))) {
      return send(res, 401, JSON.stringify({ message: 'Unauthorized', error: 401 }), headers);
    }
    const real = (): string => {
      if (path === '/search') {
        const terms = searchTerms(query.get('q') ?? '');
        const hits = server_.posts.filter((p) => {
          const d = p.data as JsonObject;
          const text = `${String(d.title ?? '')} ${String(d.selftext ?? '')}`.toLowerCase();
          return terms.some((t) => text.includes(t));
        });
        return page(hits, query, server_.listingCap);
      }
      const comments = /^\/r\/([^/]+)\/comments$/.exec(path);
      if (comments !== null) return page(server_.comments.get(comments[1]!.toLowerCase()) ?? [], query, server_.listingCap);
      const about = /^\/user\/([^/]+)\/about$/.exec(path);
      if (about !== null) return JSON.stringify(server_.users.get(decodeURIComponent(about[1]!).toLowerCase()) ?? null);
      if (path === '/api/v1/me') return JSON.stringify({ name: TEST_CREDENTIALS.username, total_karma: 40 });
      if (path === '/api/v1/scopes') return JSON.stringify({ read: { id: 'read', name: 'Read Content' } });
      return JSON.stringify({ message: 'Not Found', error: 404 });
    };
    const scripted = take(server_.script, path) ?? (query.has('after') ? null : (server_.listingHook?.(path, query) ?? null));
    if (scripted !== null) return answer(res, scripted, real, headers);
    const about = /^\/user\/([^/]+)\/about$/.exec(path);
    if (about !== null && !server_.users.has(decodeURIComponent(about[1]!).toLowerCase())) {
      return send(res, 404, JSON.stringify({ message: 'Not Found', error: 404 }), headers);
    }
    const known = path === '/search' || path.startsWith('/r/') || path.startsWith('/user/') || path.startsWith('/api/v1/');
    send(res, known ? 200 : 404, real(), headers);
  };

  const http = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const u = new URL(req.url ?? '/', 'http://localhost');
      if (server_.record) {
        server_.requests.push({
          method: req.method ?? 'GET',
          path: u.pathname,
          query: u.searchParams,
          authorization: req.headers.authorization,
          userAgent: req.headers['user-agent'],
          body,
        });
      }
      if (u.pathname === '/api/v1/access_token' && req.method === 'POST') tokenRequest(res, req, body);
      else apiRequest(res, req, u.pathname, u.searchParams);
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  const server_: RedditTestServer = {
    url,
    tokenUrl: `${url}/api/v1/access_token`,
    posts: [],
    comments: new Map(),
    users: new Map(),
    script: [],
    tokenScript: [],
    requests: [],
    record: true,
    expiresIn: 86_400,
    rateLimit: { used: 1, remaining: 599, reset: 400 },
    listingCap: 1000,
    listingHook: null,
    get tokensIssued() {
      return issued;
    },
    expireTokens() {
      valid.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
  return server_;
}
