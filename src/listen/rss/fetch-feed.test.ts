import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, before, test } from 'node:test';
import { fetchFeed, retryAfterMs, type FetchFeedRequest, type FetchFeedResult } from './fetch-feed.ts';
import { FeedTestServer, rssFeed } from './test-server.ts';

let server: FeedTestServer;
let other: FeedTestServer;
before(async () => {
  server = await FeedTestServer.start();
  other = await FeedTestServer.start();
});
after(async () => {
  await server.close();
  await other.close();
});

const NOW = Date.parse('2026-04-19T12:00:00Z');

function req(path: string, o: Partial<FetchFeedRequest> = {}): FetchFeedRequest {
  return { url: server.url(path), etag: null, lastModified: null, headers: {}, userAgent: 'vigie-test', timeoutMs: 5_000, maxBytes: 1_000_000, maxRedirects: 3, now: () => NOW, ...o };
}

function expectKind<K extends FetchFeedResult['kind']>(r: FetchFeedResult, kind: K): Extract<FetchFeedResult, { kind: K }> {
  assert.equal(r.kind, kind, JSON.stringify(r));
  return r as Extract<FetchFeedResult, { kind: K }>;
}

const BODY = rssFeed([{ id: 'tw-1', title: 'Tidewell recall' }]);

test('200 with validators, then 304 on If-None-Match and on If-Modified-Since; the request says who and what', async () => {
  server.feed('/cond', BODY);
  const ok = expectKind(await fetchFeed(req('/cond')), 'ok');
  assert.equal(ok.body, BODY);
  assert.ok(ok.etag !== null && ok.lastModified === 'Wed, 11 Mar 2026 08:00:00 GMT');
  const first = server.hits('/cond')[0]!.headers;
  assert.equal(first['user-agent'], 'vigie-test');
  assert.match(first.accept ?? '', /application\/rss\+xml/);
  assert.match(first['accept-encoding'] ?? '', /gzip/);
  assert.equal(first['if-none-match'], undefined);
  expectKind(await fetchFeed(req('/cond', { etag: ok.etag })), 'not-modified');
  assert.equal(server.hits('/cond')[1]!.headers['if-none-match'], ok.etag);
  expectKind(await fetchFeed(req('/cond', { lastModified: ok.lastModified })), 'not-modified');
  assert.equal(server.hits('/cond')[2]!.headers['if-modified-since'], ok.lastModified);
  server.feed('/cond', BODY.replace('recall', 'recall widens'));
  const changed = expectKind(await fetchFeed(req('/cond', { etag: ok.etag })), 'ok');
  assert.notEqual(changed.etag, ok.etag);
});

test('a gzipped body is decompressed; the size limit applies to the decompressed bytes', async () => {
  server.feed('/gz', BODY, { gzip: true });
  const ok = expectKind(await fetchFeed(req('/gz')), 'ok');
  assert.equal(ok.body, BODY);
  const big = rssFeed([{ id: 'x', title: 'Tidewell', summary: 'y'.repeat(50_000) }]);
  server.feed('/gz-big', big, { gzip: true });
  const r = expectKind(await fetchFeed(req('/gz-big', { maxBytes: 20_000 })), 'failed');
  assert.equal(r.errorKind, 'too-large');
});

test('bodies over the limit: refused from Content-Length, or while streaming without it', async () => {
  server.queue('/huge', { body: 'x'.repeat(30_000) }, { streamBytes: 5_000_000 });
  const declared = expectKind(await fetchFeed(req('/huge', { maxBytes: 10_000 })), 'failed');
  assert.equal(declared.errorKind, 'too-large');
  assert.match(declared.message, /30000 bytes, over the 10000-byte limit/);
  const streamed = expectKind(await fetchFeed(req('/huge', { maxBytes: 100_000 })), 'failed');
  assert.equal(streamed.errorKind, 'too-large');
});

test('redirects: followed, permanent ones reported, bounded, loops and bad targets refused', async () => {
  server.feed('/final', BODY);
  server.redirect('/moved', '/final', 301);
  const moved = expectKind(await fetchFeed(req('/moved')), 'ok');
  assert.equal(moved.finalUrl, server.url('/final'));
  assert.equal(moved.movedTo, server.url('/final'));
  server.redirect('/temp', '/moved2', 302);
  server.redirect('/moved2', '/final', 301);
  const temp = expectKind(await fetchFeed(req('/temp')), 'ok');
  assert.equal(temp.movedTo, null, 'a temporary redirect on the way: keep polling the configured address');
  for (let i = 0; i < 5; i++) server.redirect('/loop', '/loop', 307);
  const loop = expectKind(await fetchFeed(req('/loop')), 'failed');
  assert.equal(loop.errorKind, 'redirects');
  assert.match(loop.message, /more than 3 redirects/);
  server.queue('/ftp', { status: 302, headers: { location: 'ftp://files.test/feed.xml' } });
  assert.match(expectKind(await fetchFeed(req('/ftp')), 'failed').message, /only http and https/);
  server.queue('/noloc', { status: 302 });
  assert.match(expectKind(await fetchFeed(req('/noloc')), 'failed').message, /without a Location/);
});

test('extra headers go to the feed site only, not to another site it redirects to', async () => {
  other.feed('/elsewhere', BODY);
  server.redirect('/private', other.url('/elsewhere'), 302);
  expectKind(await fetchFeed(req('/private', { headers: { authorization: 'Bearer feed-token' } })), 'ok');
  assert.equal(server.hits('/private')[0]!.headers.authorization, 'Bearer feed-token');
  assert.equal(other.hits('/elsewhere')[0]!.headers.authorization, undefined);
});

test('429 and 503 with Retry-After (seconds or date) are rate limits; without it, 503 is a failure', async () => {
  server.queue(
    '/busy',
    { status: 429, headers: { 'retry-after': '120' } },
    { status: 503, headers: { 'retry-after': new Date(NOW + 90_000).toUTCString() } },
    { status: 429 },
    { status: 503 },
  );
  const a = expectKind(await fetchFeed(req('/busy')), 'rate-limited');
  assert.deepEqual([a.status, a.retryAfterMs], [429, 120_000]);
  const b = expectKind(await fetchFeed(req('/busy')), 'rate-limited');
  assert.deepEqual([b.status, b.retryAfterMs], [503, 90_000]);
  const c = expectKind(await fetchFeed(req('/busy')), 'rate-limited');
  assert.deepEqual([c.status, c.retryAfterMs], [429, null]);
  const d = expectKind(await fetchFeed(req('/busy')), 'failed');
  assert.deepEqual([d.errorKind, d.status], ['http-5xx', 503]);
  assert.equal(retryAfterMs('soon', NOW), null);
  assert.equal(retryAfterMs(new Date(NOW - 5_000).toUTCString(), NOW), 0);
});

test('HTTP errors are named with what to do', async () => {
  server.queue('/e', { status: 401 }, { status: 404 }, { status: 410 }, { status: 500 });
  const auth = expectKind(await fetchFeed(req('/e')), 'failed');
  assert.equal(auth.errorKind, 'auth');
  assert.match(auth.message, /check its URL and the headers/);
  assert.match(expectKind(await fetchFeed(req('/e')), 'failed').message, /HTTP 404 .*check the URL/);
  assert.match(expectKind(await fetchFeed(req('/e')), 'failed').message, /gone for good; remove it/);
  assert.equal(expectKind(await fetchFeed(req('/e')), 'failed').errorKind, 'http-5xx');
});

test('network failures: refused connection, a body cut short, no answer in time, an abort', async () => {
  const closed = createServer();
  await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
  const port = (closed.address() as { port: number }).port;
  await new Promise<void>((r) => closed.close(() => r()));
  const refused = expectKind(await fetchFeed(req('/', { url: `http://127.0.0.1:${port}/feed` })), 'failed');
  assert.equal(refused.errorKind, 'tcp');
  assert.match(refused.message, /cannot reach .*ECONNREFUSED/);
  server.queue('/cut', { body: BODY, dropAfterBytes: 40 });
  const cut = expectKind(await fetchFeed(req('/cut')), 'failed');
  assert.equal(cut.errorKind, 'body');
  server.queue('/slow', { hang: true });
  const slow = expectKind(await fetchFeed(req('/slow', { timeoutMs: 150 })), 'failed');
  assert.equal(slow.errorKind, 'timeout');
  const ctl = new AbortController();
  server.queue('/slow', { hang: true });
  const pending = fetchFeed(req('/slow', { signal: ctl.signal }));
  setImmediate(() => ctl.abort());
  expectKind(await pending, 'aborted');
});

test('the charset comes from the header, else the XML declaration', async () => {
  const latin = '<?xml version="1.0" encoding="ISO-8859-1"?><rss><channel><title>Caf\u00e9 Tidewell</title></channel></rss>';
  server.queue('/latin', { body: Buffer.from(latin, 'latin1'), headers: { 'content-type': 'application/xml' } });
  assert.ok(expectKind(await fetchFeed(req('/latin')), 'ok').body.includes('Café Tidewell'));
  server.queue('/latin', { body: Buffer.from(latin, 'latin1'), headers: { 'content-type': 'text/xml; charset=windows-1252' } });
  assert.ok(expectKind(await fetchFeed(req('/latin')), 'ok').body.includes('Café Tidewell'));
  server.queue('/latin', { body: Buffer.from(latin, 'utf8'), headers: { 'content-type': 'text/xml; charset="utf-8"' } });
  assert.ok(expectKind(await fetchFeed(req('/latin')), 'ok').body.includes('Café Tidewell'), 'the header wins over the declaration');
});
