/**
 * For the RSS connector's tests and fuzz: a local HTTP server that serves feeds the way real
 * servers do (ETag / If-None-Match and Last-Modified / If-Modified-Since answered with 304,
 * gzip when asked), plus one-shot answers queued per path to drive failures: redirects, 5xx
 * bursts, 429/503 with Retry-After, malformed or huge bodies, a connection dropped mid-body, a
 * server that never answers. And builders for RSS 2.0, Atom and Google-Alerts-style documents
 * (about a fictional brand, Tidewell Water Co.).
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';

export interface QueuedAnswer {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Gzip the body (sets Content-Encoding). */
  gzip?: boolean;
  /** Send this many bytes of the body, then destroy the socket. */
  dropAfterBytes?: number;
  /** Never answer (until the server closes). */
  hang?: boolean;
  /** Stream this many bytes of filler without Content-Length (chunked). */
  streamBytes?: number;
}

export interface RecordedRequest {
  path: string;
  headers: IncomingMessage['headers'];
}

interface ServedFeed {
  body: string;
  etag: string | null;
  lastModified: string | null;
  gzip: boolean;
  contentType: string;
}

export class FeedTestServer {
  readonly requests: RecordedRequest[] = [];
  readonly #server: Server;
  readonly #feeds = new Map<string, ServedFeed>();
  readonly #queues = new Map<string, QueuedAnswer[]>();
  readonly #hanging = new Set<ServerResponse>();
  #base = '';
  /** Called for every request before it is answered (the fuzz uses it to serve payload n). */
  onRequest: ((path: string) => void) | null = null;
  /** Keep every request in `requests` (turned off by the fuzz, which makes 100,000 of them). */
  record = true;

  private constructor() {
    this.#server = createServer((req, res) => this.#answer(req, res));
    this.#server.keepAliveTimeout = 30_000;
  }

  static async start(): Promise<FeedTestServer> {
    const s = new FeedTestServer();
    await new Promise<void>((resolve) => s.#server.listen(0, '127.0.0.1', resolve));
    s.#base = `http://127.0.0.1:${(s.#server.address() as AddressInfo).port}`;
    return s;
  }

  url(path: string): string {
    return `${this.#base}${path}`;
  }

  /** Serve `body` at `path` from now on, with a strong ETag (its hash) and Last-Modified unless turned off. */
  feed(path: string, body: string, o: { etag?: boolean; lastModified?: string | null; gzip?: boolean; contentType?: string } = {}): void {
    this.#feeds.set(path, {
      body,
      etag: o.etag === false ? null : `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`,
      lastModified: o.lastModified === undefined ? 'Wed, 11 Mar 2026 08:00:00 GMT' : o.lastModified,
      gzip: o.gzip ?? false,
      contentType: o.contentType ?? 'application/xml; charset=utf-8',
    });
  }

  /** One-shot answers for `path`, used (in order) before its feed. */
  queue(path: string, ...answers: QueuedAnswer[]): void {
    const q = this.#queues.get(path) ?? [];
    q.push(...answers);
    this.#queues.set(path, q);
  }

  redirect(from: string, to: string, status = 301): void {
    this.queue(from, { status, headers: { location: to } });
  }

  hits(path: string): RecordedRequest[] {
    return this.requests.filter((r) => r.path === path);
  }

  async close(): Promise<void> {
    for (const res of this.#hanging) res.destroy();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #answer(req: IncomingMessage, res: ServerResponse): void {
    const path = req.url ?? '/';
    if (this.record) this.requests.push({ path, headers: req.headers });
    this.onRequest?.(path);
    const queued = this.#queues.get(path)?.shift();
    if (queued !== undefined) return this.#send(res, queued);
    const f = this.#feeds.get(path);
    if (f === undefined) return this.#send(res, { status: 404, body: 'not found' });
    const inm = req.headers['if-none-match'];
    const ims = req.headers['if-modified-since'];
    const headers: Record<string, string> = { 'content-type': f.contentType };
    if (f.etag !== null) headers.etag = f.etag;
    if (f.lastModified !== null) headers['last-modified'] = f.lastModified;
    const notModified = inm !== undefined ? f.etag !== null && inm === f.etag : ims !== undefined && f.lastModified !== null && ims === f.lastModified;
    if (notModified) return this.#send(res, { status: 304, headers });
    const gzip = f.gzip && (req.headers['accept-encoding'] ?? '').includes('gzip');
    this.#send(res, { status: 200, headers, body: f.body, gzip });
  }

  #send(res: ServerResponse, a: QueuedAnswer): void {
    if (a.hang === true) {
      this.#hanging.add(res);
      return;
    }
    const headers: Record<string, string> = { ...(a.headers ?? {}) };
    if (a.streamBytes !== undefined) {
      res.writeHead(a.status ?? 200, { 'content-type': 'application/xml', ...headers });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      let left = a.streamBytes;
      const pump = (): void => {
        while (left > 0) {
          const n = Math.min(left, chunk.length);
          left -= n;
          if (!res.write(chunk.subarray(0, n))) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('error', () => undefined);
      return pump();
    }
    let body = a.body === undefined ? Buffer.alloc(0) : Buffer.isBuffer(a.body) ? a.body : Buffer.from(a.body, 'utf8');
    if (a.gzip === true) {
      body = gzipSync(body);
      headers['content-encoding'] = 'gzip';
    }
    if (a.dropAfterBytes !== undefined) {
      res.writeHead(a.status ?? 200, { ...headers, 'content-length': String(body.length) });
      res.write(body.subarray(0, a.dropAfterBytes), () => res.destroy());
      return;
    }
    res.writeHead(a.status ?? 200, { ...headers, 'content-length': String(body.length) });
    res.end(body);
  }
}

// ---- Feed builders (our own invented content) ----

export interface TestItem {
  id: string;
  title: string;
  link?: string;
  /** HTML. */
  summary?: string;
  author?: string;
  /** ISO 8601; written as RFC 822 in RSS. */
  date?: string;
}

export function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function rfc822(iso: string): string {
  return new Date(iso).toUTCString();
}

export function rssFeed(items: readonly TestItem[], o: { title?: string; link?: string; language?: string } = {}): string {
  const body = items
    .map(
      (i) =>
        `    <item>\n      <title>${xmlEscape(i.title)}</title>\n` +
        (i.link === undefined ? '' : `      <link>${xmlEscape(i.link)}</link>\n`) +
        `      <guid isPermaLink="false">${xmlEscape(i.id)}</guid>\n` +
        (i.date === undefined ? '' : `      <pubDate>${rfc822(i.date)}</pubDate>\n`) +
        (i.author === undefined ? '' : `      <dc:creator>${xmlEscape(i.author)}</dc:creator>\n`) +
        (i.summary === undefined ? '' : `      <description><![CDATA[${i.summary}]]></description>\n`) +
        `    </item>\n`,
    )
    .join('');
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">\n  <channel>\n` +
    `    <title>${xmlEscape(o.title ?? 'Harbour Gazette - Business')}</title>\n    <link>${xmlEscape(o.link ?? 'https://gazette.test/business')}</link>\n` +
    `    <atom:link href="https://gazette.test/business/rss" rel="self" type="application/rss+xml"/>\n` +
    `    <description>Business news from the harbour towns</description>\n    <language>${o.language ?? 'en-gb'}</language>\n${body}  </channel>\n</rss>\n`
  );
}

export function atomFeed(entries: readonly TestItem[], o: { title?: string; site?: string; lang?: string } = {}): string {
  const body = entries
    .map(
      (e) =>
        `  <entry>\n    <id>${xmlEscape(e.id)}</id>\n    <title type="text">${xmlEscape(e.title)}</title>\n` +
        (e.link === undefined ? '' : `    <link rel="alternate" type="text/html" href="${xmlEscape(e.link)}"/>\n`) +
        (e.date === undefined ? '' : `    <published>${e.date}</published>\n    <updated>${e.date}</updated>\n`) +
        (e.author === undefined ? '' : `    <author><name>${xmlEscape(e.author)}</name></author>\n`) +
        (e.summary === undefined ? '' : `    <summary type="html">${xmlEscape(e.summary)}</summary>\n`) +
        `  </entry>\n`,
    )
    .join('');
  return (
    `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"${o.lang === undefined ? '' : ` xml:lang="${o.lang}"`}>\n` +
    `  <title>${xmlEscape(o.title ?? 'Clear Water Notes')}</title>\n  <link rel="alternate" type="text/html" href="${xmlEscape(o.site ?? 'https://clearwater.test/')}"/>\n` +
    `  <id>urn:uuid:3b1d6f0a-2c4e-4f5a-9b8c-7d6e5f4a3b2c</id>\n  <updated>2026-04-19T12:00:00Z</updated>\n${body}</feed>\n`
  );
}

/** Google Alerts style: redirect links through google.com, `<b>` in html titles, empty author names, one line. */
export function googleAlertsFeed(entries: readonly (TestItem & { link: string })[], query = 'tidewell water'): string {
  const body = entries
    .map(
      (e) =>
        `<entry><id>tag:google.com,2013:googlealerts/feed:${xmlEscape(e.id)}</id><title type="html">${xmlEscape(e.title)}</title>` +
        `<link href="${xmlEscape(`https://www.google.com/url?rct=j&sa=t&url=${e.link}&ct=ga&cd=CAIyTestOnly&usg=AOvVawTestOnly`)}"></link>` +
        (e.date === undefined ? '' : `<published>${e.date}</published><updated>${e.date}</updated>`) +
        `<content type="html">${xmlEscape(e.summary ?? '')}</content><author><name></name></author></entry>`,
    )
    .join('');
  return (
    `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom" xmlns:idx="urn:atom-extension:indexing">` +
    `<id>tag:google.com,2005:reader/user/00000000000000000001/state/com.google/alerts/00000000000000000002</id>` +
    `<title>Google Alert - ${xmlEscape(`"${query}"`)}</title><link href="https://www.google.com/alerts/feeds/1/2" rel="self"></link>` +
    `<updated>2026-04-19T12:00:00Z</updated>${body}</feed>`
  );
}
