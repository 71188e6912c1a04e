/**
 * One fetch of a feed over HTTP: conditional GET (If-None-Match / If-Modified-Since; 304 = nothing
 * new), gzip, deflate and brotli accepted, redirects followed up to a bound (extra headers dropped
 * when the redirect leaves the site; permanent ones reported so the next poll goes straight
 * there), a size limit on the decompressed body (so a small compressed bomb is refused too), one
 * time limit over the whole fetch, the body decoded by its charset. Every outcome is a value,
 * never an exception. Built on node:http with keep-alive agents (global fetch costs about twice
 * as much per request, which the fuzz run of 100,000 polls feels).
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { pipeline, type Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { decodeFeedBytes } from './feed-charset.ts';

export interface FetchFeedRequest {
  url: string;
  etag: string | null;
  lastModified: string | null;
  headers: Readonly<Record<string, string>>;
  userAgent: string;
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  signal?: AbortSignal;
  /** For Retry-After given as an HTTP date. */
  now: () => number;
}

export type FetchFeedResult =
  | {
      kind: 'ok';
      body: string;
      bytes: number;
      etag: string | null;
      lastModified: string | null;
      /** Where the body came from (after redirects): relative links resolve against it. */
      finalUrl: string;
      /** Set when only permanent redirects (301, 308) led to finalUrl: poll it directly from now on. */
      movedTo: string | null;
    }
  | { kind: 'not-modified'; finalUrl: string; movedTo: string | null }
  /** 429, or 503 with Retry-After: wait `retryAfterMs` (null when the server did not say). */
  | { kind: 'rate-limited'; status: number; retryAfterMs: number | null; message: string }
  | { kind: 'failed'; errorKind: FetchErrorKind; status: number | null; message: string }
  | { kind: 'aborted' };

export type FetchErrorKind = 'tcp' | 'timeout' | 'http-5xx' | 'http-4xx' | 'auth' | 'gone' | 'redirects' | 'too-large' | 'body';

const httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 16 });
const httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 16 });

const ACCEPT = 'application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5';

/** Retry-After as ms from now: delta-seconds or an HTTP date; null when absent or unreadable. */
export function retryAfterMs(value: string | null, now: number): number | null {
  if (value === null) return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isFinite(at) ? Math.max(0, at - now) : null;
}

function describeCause(e: unknown): string {
  const cause = e instanceof Error && e.cause instanceof Error ? e.cause : e;
  if (cause instanceof Error) {
    const code = (cause as Error & { code?: unknown }).code;
    return typeof code === 'string' ? `${code} (${cause.message})` : cause.message;
  }
  return String(cause);
}

function get(url: URL, headers: Record<string, string>, signal: AbortSignal): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const https = url.protocol === 'https:';
    const req = (https ? httpsRequest : httpRequest)(url, { method: 'GET', headers, agent: https ? httpsAgent : httpAgent, signal }, resolve);
    req.on('error', reject);
    req.end();
  });
}

/** Drops an answer whose body is not wanted (the socket goes back to the pool when it ends). */
function discard(res: IncomingMessage): void {
  res.on('error', () => undefined);
  res.resume();
}

function decoded(res: IncomingMessage): Readable | string {
  const encoding = (res.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  const unzip =
    encoding === 'gzip' || encoding === 'x-gzip'
      ? createGunzip()
      : encoding === 'deflate'
        ? createInflate()
        : encoding === 'br'
          ? createBrotliDecompress()
          : encoding === 'identity' || encoding === ''
            ? null
            : undefined;
  if (unzip === undefined) return encoding;
  if (unzip === null) return res;
  pipeline(res, unzip, () => undefined);
  return unzip;
}

async function readLimited(res: IncomingMessage, maxBytes: number): Promise<{ ok: true; bytes: Buffer } | { ok: false; unsupported?: string }> {
  const body = decoded(res);
  if (typeof body === 'string') {
    discard(res);
    return { ok: false, unsupported: body };
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    size += chunk.byteLength;
    if (size > maxBytes) {
      res.destroy();
      body.destroy();
      return { ok: false };
    }
    chunks.push(chunk);
  }
  return { ok: true, bytes: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size) };
}

function statusFailure(status: number, url: string): FetchFeedResult {
  if (status === 401 || status === 403) {
    return { kind: 'failed', errorKind: 'auth', status, message: `HTTP ${status} from ${url}: the feed refuses access; check its URL and the headers (credentials) configured for it` };
  }
  if (status === 410) {
    return { kind: 'failed', errorKind: 'gone', status, message: `HTTP 410 from ${url}: the feed is gone for good; remove it from the configuration` };
  }
  if (status >= 500) return { kind: 'failed', errorKind: 'http-5xx', status, message: `HTTP ${status} from ${url}: the server failed` };
  const hint = status === 404 ? ': no feed at this address; check the URL' : '';
  return { kind: 'failed', errorKind: 'http-4xx', status, message: `HTTP ${status} from ${url}${hint}` };
}

export async function fetchFeed(req: FetchFeedRequest): Promise<FetchFeedResult> {
  if (req.signal?.aborted) return { kind: 'aborted' };
  const timeout = AbortSignal.timeout(req.timeoutMs);
  const signal = req.signal === undefined ? timeout : AbortSignal.any([req.signal, timeout]);
  const origin = new URL(req.url).origin;
  let url = req.url;
  let movedTo: string | null = null;
  let permanentSoFar = true;
  let reading = false;
  try {
    for (let hop = 0; ; hop++) {
      const sameSite = new URL(url).origin === origin;
      const headers: Record<string, string> = {
        ...(sameSite ? req.headers : {}),
        'user-agent': req.userAgent,
        accept: ACCEPT,
        'accept-encoding': 'gzip, deflate, br',
      };
      if (req.etag !== null) headers['if-none-match'] = req.etag;
      if (req.lastModified !== null) headers['if-modified-since'] = req.lastModified;
      const res = await get(new URL(url), headers, signal);
      const status = res.statusCode ?? 0;
      const header = (name: string): string | null => {
        const v = res.headers[name];
        return typeof v === 'string' ? v : null;
      };
      if (status >= 300 && status < 400 && status !== 304) {
        discard(res);
        const location = header('location');
        if (location === null) return { kind: 'failed', errorKind: 'redirects', status, message: `HTTP ${status} from ${url} without a Location header` };
        let next: URL;
        try {
          next = new URL(location, url);
        } catch {
          return { kind: 'failed', errorKind: 'redirects', status, message: `HTTP ${status} from ${url} to an invalid Location ${JSON.stringify(location.slice(0, 200))}` };
        }
        if (next.protocol !== 'http:' && next.protocol !== 'https:') {
          return { kind: 'failed', errorKind: 'redirects', status, message: `HTTP ${status} from ${url} to ${next.protocol} (only http and https are followed)` };
        }
        if (hop >= req.maxRedirects) {
          return {
            kind: 'failed',
            errorKind: 'redirects',
            status,
            message: `more than ${req.maxRedirects} redirects from ${req.url} (last to ${next.href}): point the feed at its final address`,
          };
        }
        permanentSoFar &&= status === 301 || status === 308;
        if (permanentSoFar) movedTo = next.href;
        url = next.href;
        continue;
      }
      if (status === 304) {
        discard(res);
        return { kind: 'not-modified', finalUrl: url, movedTo };
      }
      if (status === 429 || status === 503) {
        discard(res);
        const wait = retryAfterMs(header('retry-after'), req.now());
        if (status === 429 || wait !== null) {
          const said = wait === null ? 'without Retry-After' : `Retry-After ${Math.round(wait / 1000)} s`;
          return { kind: 'rate-limited', status, retryAfterMs: wait, message: `HTTP ${status} from ${url} (${said})` };
        }
      }
      if (status !== 200) {
        discard(res);
        return statusFailure(status, url);
      }
      const declared = Number(header('content-length') ?? Number.NaN);
      if (Number.isFinite(declared) && declared > req.maxBytes) {
        res.destroy();
        return { kind: 'failed', errorKind: 'too-large', status, message: `the feed at ${url} is ${declared} bytes, over the ${req.maxBytes}-byte limit (maxBodyBytes)` };
      }
      reading = true;
      const read = await readLimited(res, req.maxBytes);
      if (!read.ok) {
        if (read.unsupported !== undefined) {
          return { kind: 'failed', errorKind: 'body', status, message: `the feed at ${url} is sent with an unsupported Content-Encoding ${JSON.stringify(read.unsupported.slice(0, 40))}` };
        }
        return { kind: 'failed', errorKind: 'too-large', status, message: `the feed at ${url} is over the ${req.maxBytes}-byte limit (maxBodyBytes)` };
      }
      return {
        kind: 'ok',
        body: decodeFeedBytes(read.bytes, header('content-type')),
        bytes: read.bytes.byteLength,
        etag: header('etag'),
        lastModified: header('last-modified'),
        finalUrl: url,
        movedTo,
      };
    }
  } catch (e) {
    if (req.signal?.aborted) return { kind: 'aborted' };
    if (timeout.aborted) {
      return { kind: 'failed', errorKind: 'timeout', status: null, message: `no complete answer from ${url} within ${req.timeoutMs / 1000} s (timeoutSeconds)` };
    }
    return {
      kind: 'failed',
      errorKind: reading ? 'body' : 'tcp',
      status: reading ? 200 : null,
      message: reading ? `the answer from ${url} broke off: ${describeCause(e)}` : `cannot reach ${url}: ${describeCause(e)}`,
    };
  }
}
