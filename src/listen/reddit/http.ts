/**
 * One HTTP exchange with Reddit (node:http / node:https, connections kept alive): a time limit
 * for the whole exchange, a size limit on the body (gzip accepted, limited after decompression
 * too), redirects not followed (the caller sees the 3xx), and failures to connect or read turned
 * into TransientError. (node:http is used rather than fetch: a poll is a few small requests and
 * fetch costs three times as much per request, which the fuzz run's 100,000 requests feel.)
 */
import { Agent as HttpAgent, request as httpGet, type IncomingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsGet } from 'node:https';
import { gunzipSync } from 'node:zlib';
import { decodeUtf8 } from '../import/utf8.ts';
import { TransientError } from './errors.ts';

/** Larger bodies are dropped: a listing of 100 posts is well under 2 MB. */
export const MAX_BODY_BYTES = 8 * 1024 * 1024;

const httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 4 });
const httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 4 });

/** What is read from response headers (a WHATWG Headers object fits too). */
export interface HeaderReader {
  get(name: string): string | null;
}

export interface HttpAnswer {
  status: number;
  headers: HeaderReader;
  /** The body as text (invalid UTF-8 shown as U+FFFD), and where the first invalid byte was. */
  text: string;
  invalidUtf8At: number | null;
}

export interface HttpRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  /** Aborting ends the exchange with an AbortError (the caller checks `signal.aborted`). */
  signal: AbortSignal;
}

function headerReader(h: IncomingHttpHeaders): HeaderReader {
  return {
    get: (name) => {
      const v = h[name.toLowerCase()];
      return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
    },
  };
}

function answer(status: number, headers: IncomingHttpHeaders, raw: Buffer, where: string): HttpAnswer {
  let bytes = raw;
  if (/^\s*(x-)?gzip\s*$/i.test(headers['content-encoding'] ?? '')) {
    try {
      bytes = gunzipSync(raw, { maxOutputLength: MAX_BODY_BYTES });
    } catch (e) {
      throw new TransientError('tcp', `${where}: the gzip answer could not be decompressed (${e instanceof Error ? e.message : String(e)})`);
    }
  }
  const decoded = decodeUtf8(bytes);
  return decoded.ok
    ? { status, headers: headerReader(headers), text: decoded.text, invalidUtf8At: null }
    : { status, headers: headerReader(headers), text: bytes.toString('utf8'), invalidUtf8At: decoded.at };
}

export function httpRequest(r: HttpRequest): Promise<HttpAnswer> {
  const url = new URL(r.url);
  const where = url.pathname;
  return new Promise<HttpAnswer>((resolve, reject) => {
    if (r.signal.aborted) return reject(new DOMException('aborted', 'AbortError'));
    let settled = false;
    const settle = (error: unknown, value?: HttpAnswer): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      r.signal.removeEventListener('abort', onAbort);
      if (error !== null) {
        req.destroy();
        reject(error);
      } else resolve(value!);
    };
    const onAbort = (): void => settle(new DOMException('aborted', 'AbortError'));
    const https = url.protocol === 'https:';
    const headers: Record<string, string> = { ...r.headers, 'accept-encoding': 'gzip' };
    if (r.body !== undefined) headers['content-length'] = String(Buffer.byteLength(r.body));
    const req = (https ? httpsGet : httpGet)(url, { method: r.method, headers, agent: https ? httpsAgent : httpAgent }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BODY_BYTES) {
          settle(new TransientError('oversize', `${where}: the answer is over ${MAX_BODY_BYTES / 1024 / 1024} MB and was dropped`));
        } else chunks.push(chunk);
      });
      res.on('end', () => {
        try {
          settle(null, answer(res.statusCode ?? 0, res.headers, chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks), where));
        } catch (e) {
          settle(e);
        }
      });
      res.on('error', (e) => settle(new TransientError('tcp', `${where}: ${e.message}`)));
      res.on('close', () => {
        if (!res.complete) settle(new TransientError('tcp', `${where}: the connection closed before the end of the answer`));
      });
    });
    const timer = setTimeout(() => settle(new TransientError('timeout', `${where}: no complete answer within ${r.timeoutMs / 1000} s`)), r.timeoutMs);
    r.signal.addEventListener('abort', onAbort, { once: true });
    req.on('error', (e) => settle(new TransientError('tcp', `${where}: ${e.message}`)));
    req.end(r.body);
  });
}
