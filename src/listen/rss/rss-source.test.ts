import assert from 'node:assert/strict';
import { afterEach, beforeEach, test } from 'node:test';
import type { SourceItem } from '../source.ts';
import type { RssSourceConfig } from './rss-config.ts';
import { createRssSource, type RssSource } from './rss-source.ts';
import { drive, mentionIds, T0, TestClock } from './rss-test-harness.ts';
import { atomFeed, FeedTestServer, googleAlertsFeed, rssFeed, type TestItem } from './test-server.ts';

let server: FeedTestServer;
let clock: TestClock;
beforeEach(async () => {
  server = await FeedTestServer.start();
  clock = new TestClock();
});
afterEach(async () => {
  await server.close();
});

function source(config: Partial<RssSourceConfig> & Pick<RssSourceConfig, 'feeds'>, random?: () => number): RssSource {
  return createRssSource({ jitter: 0, maxAgeDays: 0, ...config }, { id: 'rss-test', clock, brands: () => [] }, random === undefined ? {} : { random });
}

const item = (n: number, extra: Partial<TestItem> = {}): TestItem => ({
  id: `hg-${n}`,
  title: `Tidewell Water story ${n}`,
  link: `https://gazette.test/business/tidewell-${n}`,
  date: new Date(T0 - (10 - n) * 60_000).toISOString(),
  summary: `<p>Update ${n} on batch <b>TW-0419</b>.</p>`,
  ...extra,
});

const lastCheckpoint = (items: readonly SourceItem[]): string => items.at(-1)!.checkpoint;

test('RSS, Atom and Google Alerts feeds in one source: each entry once, oldest first, then 304s, then only what is new', async () => {
  server.feed('/news.rss', rssFeed([item(2), item(1)]));
  server.feed('/blog.atom', atomFeed([{ id: 'tag:clearwater.test,2026:/a', title: 'Cloudy water explained', link: 'https://clearwater.test/a', date: '2026-04-19T10:00:00Z' }]));
  server.feed('/alerts', googleAlertsFeed([{ id: '77', title: '<b>Tidewell</b> recall', link: 'https://gazette.test/business/tidewell-1', date: '2026-04-19T09:55:00Z' }]), { gzip: true });
  const s = source({
    feeds: [{ url: server.url('/news.rss'), name: 'news' }, { url: server.url('/blog.atom'), name: 'blog', intervalSeconds: 600 }, server.url('/alerts')],
    intervalSeconds: 300,
  });
  const items = await drive(s, clock, {
    sleeps: 4,
    onSleep: (i) => {
      if (i === 1) server.feed('/news.rss', rssFeed([item(3), item(2), item(1)]));
    },
  });
  assert.deepEqual(mentionIds(items), [
    'rss:gazette.test#hg-1',
    'rss:gazette.test#hg-2',
    'rss:tag:clearwater.test,2026:/a',
    'rss:tag:google.com,2013:googlealerts/feed:77',
    'rss:gazette.test#hg-3',
  ]);
  assert.equal(new Set(mentionIds(items)).size, 5, 'none twice');
  const alert = items.find((i) => i.kind === 'mention' && i.mention.id.includes('googlealerts'));
  assert.ok(alert?.kind === 'mention');
  assert.equal(alert.mention.url, 'https://gazette.test/business/tidewell-1');
  assert.equal(alert.mention.text, 'Tidewell recall');
  assert.deepEqual(clock.sleeps, [300_000, 300_000, 300_000, 300_000], 'news and alerts every 300 s, blog every 600 s');
  assert.equal(server.hits('/blog.atom').length, 2, 'polled at 0 and 600 s');
  assert.equal(server.hits('/news.rss').length, 4, 'polled at 0, 300, 600 and 900 s');
  const conditional = server.hits('/alerts').slice(1);
  assert.ok(conditional.length === 3 && conditional.every((r) => r.headers['if-none-match'] !== undefined), 'later polls are conditional');
  const st = s.status();
  assert.equal(st.state, 'stopped');
  assert.deepEqual([st.counts.mentions, st.errors, st.kind, st.id], [5, 0, 'rss', 'rss-test']);
  assert.ok(st.lastMessageAt !== null && st.lagMs !== null);
  const feeds = s.feeds();
  assert.deepEqual(feeds.map((f) => [f.name, f.state, f.format, f.entries]), [['news', 'ok', 'rss', 3], ['blog', 'ok', 'atom', 1], [server.url('/alerts'), 'ok', 'atom', 1]]);
});

test('a restart from the last checkpoint repeats nothing, loses nothing, and polls conditionally', async () => {
  server.feed('/a', rssFeed([item(2), item(1)]));
  server.feed('/b', atomFeed([{ id: 'urn:b:1', title: 'Tidewell Q&A', date: '2026-04-19T11:00:00Z' }]));
  const config = { feeds: [{ url: server.url('/a'), name: 'a' }, { url: server.url('/b'), name: 'b' }] };
  const first = await drive(source(config), clock, { sleeps: 1 });
  assert.equal(mentionIds(first).length, 3);
  server.feed('/a', rssFeed([item(4), item(3), item(2), item(1)]));
  const before = server.requests.length;
  const second = await drive(source(config), clock, { from: lastCheckpoint(first), sleeps: 1 });
  assert.deepEqual(mentionIds(second).map((id) => id.slice(id.indexOf('#'))), ['#hg-3', '#hg-4']);
  const restartHits = server.requests.slice(before);
  const b = restartHits.find((r) => r.path === '/b');
  assert.ok(b?.headers['if-none-match'] !== undefined, 'the validators survive the restart');
});

test('a feed without ETag is polled with If-Modified-Since and its 304 yields nothing', async () => {
  server.feed('/lm', rssFeed([item(1)]), { etag: false, lastModified: 'Sun, 19 Apr 2026 11:00:00 GMT' });
  const items = await drive(source({ feeds: [server.url('/lm')] }), clock, { sleeps: 2 });
  assert.equal(mentionIds(items).length, 1);
  const later = server.hits('/lm').slice(1);
  assert.deepEqual(later.map((r) => [r.headers['if-modified-since'], r.headers['if-none-match']]), [['Sun, 19 Apr 2026 11:00:00 GMT', undefined]]);
});

test('a restart in the middle of a document: the rest comes, the start does not come back', async () => {
  server.feed('/a', rssFeed([item(3), item(2), item(1)]));
  const config = { feeds: [{ url: server.url('/a'), name: 'a' }] };
  const first = await drive(source(config), clock, { until: (items) => items.length === 1 });
  assert.deepEqual(mentionIds(first).map((id) => id.slice(id.indexOf('#'))), ['#hg-1']);
  const before = server.requests.length;
  const second = await drive(source(config), clock, { from: lastCheckpoint(first), sleeps: 1 });
  assert.deepEqual(mentionIds(second).map((id) => id.slice(id.indexOf('#'))), ['#hg-2', '#hg-3']);
  assert.equal(server.requests[before]!.headers['if-none-match'], undefined, 'validators are saved only with the last item of a document');
  const third = await drive(source(config), clock, { from: lastCheckpoint(second), sleeps: 1 });
  assert.deepEqual(third, []);
  assert.notEqual(server.requests.at(-1)!.headers['if-none-match'], undefined, 'and with the last one');
});

test('a burst of 5xx: the back-off schedule is exactly base × 2^(n−1) up to the max, then the feed catches up', async () => {
  server.feed('/a', rssFeed([item(1)]));
  server.queue('/a', ...Array.from({ length: 5 }, () => ({ status: 502 })));
  const s = source({ feeds: [server.url('/a')], retryBaseSeconds: 30, retryMaxSeconds: 100 });
  const states: string[] = [];
  const items = await drive(s, clock, {
    until: (xs) => xs.length === 1,
    onSleep: () => {
      const st = s.status();
      states.push(`${st.state}@${st.nextAttemptAt === null ? '-' : (st.nextAttemptAt - T0) / 1000}`);
    },
  });
  assert.deepEqual(clock.sleeps, [30_000, 60_000, 100_000, 100_000, 100_000]);
  assert.deepEqual(states, ['backing-off@30', 'backing-off@90', 'backing-off@190', 'backing-off@290', 'backing-off@390']);
  assert.equal(mentionIds(items).length, 1);
  const st = s.status();
  assert.equal(st.errors, 5);
  assert.equal(st.recentErrors[0]!.kind, 'http-5xx');
  assert.match(st.recentErrors[0]!.message, /^feed "http:\/\/127\.0\.0\.1:\d+\/a": HTTP 502 from .*; next try in 100 s$/);
  assert.deepEqual([st.counts.reconnects, st.counts.gapFills], [1, 1]);
});

test('a failing feed never holds the others back', async () => {
  server.queue('/down', ...Array.from({ length: 50 }, () => ({ status: 500 })));
  let n = 1;
  server.feed('/up', rssFeed([item(n)]));
  const s = source({ feeds: [{ url: server.url('/down'), name: 'down' }, { url: server.url('/up'), name: 'up' }], intervalSeconds: 60, retryBaseSeconds: 60, retryMaxSeconds: 60 });
  const items = await drive(s, clock, {
    sleeps: 6,
    onSleep: () => server.feed('/up', rssFeed([item(++n), item(n - 1)])),
  });
  assert.equal(mentionIds(items).length, 6, 'one new entry at each of the 6 polls of "up"');
  assert.equal(server.hits('/down').length, 6);
  assert.equal(s.status().state, 'stopped');
  const down = s.feeds().find((f) => f.name === 'down');
  assert.deepEqual([down?.state, down?.consecutiveFailures], ['failing', 6]);
});

test('Retry-After is obeyed exactly (seconds or date, capped); 429 without it follows the back-off', async () => {
  server.feed('/a', rssFeed([item(1)]));
  server.queue(
    '/a',
    { status: 429 },
    { status: 429, headers: { 'retry-after': '120' } },
    { status: 503, headers: { 'retry-after': new Date(T0 + 30_000 + 120_000 + 90_000).toUTCString() } },
    { status: 429, headers: { 'retry-after': '999999' } },
  );
  const s = source({ feeds: [server.url('/a')], maxRetryAfterSeconds: 3_600 });
  const seen: [string, number | null][] = [];
  const items = await drive(s, clock, {
    until: (xs) => xs.length === 1,
    onSleep: () => seen.push([s.status().state, s.status().rateLimit?.resetAt ?? null]),
  });
  assert.deepEqual(clock.sleeps, [30_000, 120_000, 90_000, 3_600_000]);
  assert.deepEqual(seen.map(([state]) => state), ['backing-off', 'rate-limited', 'rate-limited', 'rate-limited']);
  assert.equal(seen[1]![1], T0 + 30_000 + 120_000);
  assert.equal(mentionIds(items).length, 1);
  assert.equal(s.status().rateLimit, null, 'cleared once the feed answers');
  assert.deepEqual(s.status().recentErrors.map((e) => e.kind).reverse(), ['http-429', 'http-429', 'http-503', 'http-429']);
});

test('malformed XML: one reject with where and why (not repeated for the same body), the other feeds go on, the fix is picked up', async () => {
  const broken = rssFeed([item(1)]).replace('</title>', '</titel>');
  server.feed('/bad', broken);
  server.feed('/good', atomFeed([{ id: 'urn:g:1', title: 'Tidewell statement', date: '2026-04-19T11:00:00Z' }]));
  const s = source({ feeds: [{ url: server.url('/bad'), name: 'bad' }, { url: server.url('/good'), name: 'good' }], intervalSeconds: 300 });
  const items = await drive(s, clock, {
    sleeps: 3,
    onSleep: (i) => {
      if (i === 1) server.feed('/bad', rssFeed([item(1)]));
    },
  });
  const rejects = items.filter((i) => i.kind === 'reject');
  assert.equal(rejects.length, 1);
  const r = rejects[0]!;
  assert.ok(r.kind === 'reject');
  assert.match(r.reject.reason, /^feed "bad" \(http:\/\/127.0.0.1:\d+\/bad\): the feed is not well-formed XML \(line 4, column \d+\): .*'titel'/);
  assert.equal(r.reject.source, 'rss-test');
  assert.ok(broken.startsWith(r.reject.excerpt.slice(0, 100)));
  assert.equal(typeof r.checkpoint, 'string');
  assert.deepEqual(clock.sleeps, [300_000, 300_000, 300_000], 'a broken body is not retried sooner than the interval');
  assert.equal(mentionIds(items).length, 2, 'the good feed once, the fixed feed once');
  assert.equal(s.status().counts.rejects, 1);
  assert.equal(s.status().recentErrors.filter((e) => e.kind === 'parse').length, 2);
});

test('huge bodies, bodies cut short and hung servers are errors that the next poll recovers from', async () => {
  server.feed('/a', rssFeed([item(1)]));
  server.queue('/a', { streamBytes: 3_000_000 }, { body: rssFeed([item(1)]), dropAfterBytes: 100 }, { hang: true });
  const s = source({ feeds: [server.url('/a')], maxBodyBytes: 1_000_000, timeoutSeconds: 0.2, retryBaseSeconds: 10 });
  const items = await drive(s, clock, { until: (xs) => xs.length === 1 });
  assert.deepEqual(s.status().recentErrors.map((e) => e.kind).reverse(), ['too-large', 'body', 'timeout']);
  assert.deepEqual(clock.sleeps, [10_000, 20_000, 40_000]);
  assert.equal(mentionIds(items).length, 1);
});

test('a permanent redirect is followed and remembered; the error says to update the configuration', async () => {
  server.feed('/new', rssFeed([item(1)]), { gzip: true });
  server.redirect('/old', '/new', 301);
  const s = source({ feeds: [{ url: server.url('/old'), name: 'moved' }] });
  const items = await drive(s, clock, { sleeps: 2 });
  assert.equal(mentionIds(items).length, 1);
  assert.equal(server.hits('/old').length, 1);
  assert.equal(server.hits('/new').length, 2);
  assert.equal(s.feeds()[0]!.pollUrl, server.url('/new'));
  assert.match(s.status().recentErrors[0]!.message, /moved permanently to .*\/new: it is polled there now; update its url/);
});

test('duplicates within a document and entries coming back out of order are yielded once', async () => {
  server.feed('/a', rssFeed([item(2), item(1), item(2)]));
  const s = source({ feeds: [server.url('/a')] });
  const items = await drive(s, clock, {
    sleeps: 2,
    onSleep: (i) => {
      if (i === 0) server.feed('/a', rssFeed([item(1), item(3), item(2)]));
    },
  });
  assert.deepEqual(mentionIds(items).map((id) => id.slice(id.indexOf('#'))), ['#hg-1', '#hg-2', '#hg-3']);
});

test('the seen memory is bounded but never forgets what the feed still lists', async () => {
  const many = Array.from({ length: 30 }, (_, i) => item(i));
  server.feed('/a', rssFeed(many));
  const s = source({ feeds: [server.url('/a')], maxSeenPerFeed: 10 });
  const first = await drive(s, clock, { sleeps: 1, onSleep: () => server.feed('/a', rssFeed([...many].reverse())) });
  assert.equal(mentionIds(first).length, 30);
  const cp = JSON.parse(lastCheckpoint(first)) as { feeds: Record<string, { seen: string[] }> };
  assert.equal(Object.values(cp.feeds)[0]!.seen.length, 30);
  server.feed('/a', rssFeed([item(100), ...many.slice(0, 5)]));
  const second = await drive(s, clock, { from: lastCheckpoint(first), sleeps: 1 });
  assert.deepEqual(mentionIds(second).map((id) => id.slice(id.indexOf('#'))), ['#hg-100']);
  const cp2 = JSON.parse(lastCheckpoint(second)) as { feeds: Record<string, { seen: string[] }> };
  assert.equal(Object.values(cp2.feeds)[0]!.seen.length, 10, 'trimmed to the bound once the feed lists fewer');
});

test('old entries are skipped (maxAgeDays), undated ones are dated at receipt', async () => {
  server.feed('/a', rssFeed([item(1, { date: '2026-03-01T00:00:00Z' }), item(2), item(3, { date: undefined })]));
  const s = createRssSource({ feeds: [server.url('/a')], jitter: 0, maxAgeDays: 7 }, { id: 'rss-test', clock, brands: () => [] });
  const items = await drive(s, clock, { sleeps: 1 });
  const ms = items.flatMap((i) => (i.kind === 'mention' ? [i.mention] : []));
  assert.deepEqual(ms.map((m) => m.id.slice(m.id.indexOf('#'))), ['#hg-2', '#hg-3']);
  assert.equal(ms[1]!.createdAt, T0);
});

test('jitter spreads each interval by ±jitter with the injected random numbers', async () => {
  server.feed('/a', rssFeed([item(1)]));
  const rs = [0, 0.999_999, 0.5];
  const s = source({ feeds: [server.url('/a')], intervalSeconds: 300, jitter: 0.1 }, () => rs.shift() ?? 0.5);
  await drive(s, clock, { sleeps: 3 });
  assert.deepEqual(clock.sleeps, [270_000, 330_000, 300_000]);
});

test('Atom tombstones (RFC 6721) become deletes, once', async () => {
  const withTombstone = atomFeed([]).replace('<feed ', '<feed xmlns:at="http://purl.org/atompub/tombstones/1.0" ').replace('</feed>', '<at:deleted-entry ref="urn:g:1" when="2026-04-19T11:30:00Z"/></feed>');
  server.feed('/a', withTombstone);
  const s = source({ feeds: [server.url('/a')] });
  const items = await drive(s, clock, { sleeps: 1, onSleep: () => server.feed('/a', withTombstone + ' ') });
  assert.deepEqual(
    items.map((i) => (i.kind === 'delete' ? [i.id, i.at] : i.kind)),
    [['rss:urn:g:1', Date.parse('2026-04-19T11:30:00Z')]],
  );
  assert.equal(s.status().counts.deletes, 1);
});

test('410 Gone stops polling that feed; when every feed is gone the source fails', async () => {
  server.queue('/gone', { status: 410 });
  server.feed('/a', rssFeed([item(1)]));
  const s = source({ feeds: [{ url: server.url('/gone'), name: 'gone' }, { url: server.url('/a'), name: 'a' }] });
  await drive(s, clock, { sleeps: 2 });
  assert.equal(server.hits('/gone').length, 1);
  assert.deepEqual(s.feeds().map((f) => [f.name, f.state, f.nextPollAt === null]), [['gone', 'gone', true], ['a', 'ok', false]]);
  server.queue('/gone', { status: 410 });
  const lone = source({ feeds: [server.url('/gone')] });
  const items = await drive(lone, clock, { sleeps: 5 });
  assert.deepEqual(items, []);
  assert.equal(lone.status().state, 'failed');
  assert.match(lone.status().recentErrors[0]!.message, /every feed of this source is gone/);
});

test('an unreadable checkpoint is reported and the source starts afresh', async () => {
  server.feed('/a', rssFeed([item(1)]));
  const s = source({ feeds: [server.url('/a')] });
  const items = await drive(s, clock, { from: '{"v":1,"feeds":', sleeps: 1 });
  assert.equal(mentionIds(items).length, 1);
  assert.equal(s.status().recentErrors.at(-1)!.kind, 'checkpoint');
  assert.match(s.status().recentErrors.at(-1)!.message, /not JSON.*starting afresh/);
});

test('test() fetches each feed once and says what it found, or what failed', async () => {
  server.feed('/a', rssFeed([item(2), item(1)]));
  server.feed('/b', atomFeed([{ id: 'urn:b:1', title: 'Tidewell', date: '2026-04-19T11:00:00Z' }], { title: 'Clear Water Notes' }));
  const good = source({ feeds: [{ url: server.url('/a'), name: 'news' }, { url: server.url('/b'), name: 'blog' }] });
  assert.deepEqual(await good.test(), {
    ok: true,
    detail: `2 feed(s) reached: news: RSS 2.0 "Harbour Gazette - Business", 2 entries, ${Buffer.byteLength(rssFeed([item(2), item(1)]))} bytes; blog: Atom "Clear Water Notes", 1 entries, ${Buffer.byteLength(atomFeed([{ id: 'urn:b:1', title: 'Tidewell', date: '2026-04-19T11:00:00Z' }], { title: 'Clear Water Notes' }))} bytes`,
  });
  server.feed('/html', '<html><body>Login</body></html>');
  const bad = source({ feeds: [{ url: server.url('/a'), name: 'news' }, { url: server.url('/missing'), name: 'missing' }, { url: server.url('/html'), name: 'html' }] });
  const r = await bad.test();
  assert.equal(r.ok, false);
  if (!r.ok) {
    assert.match(r.error, /^2 of 3 feed\(s\) failed: missing: HTTP 404 from .*check the URL; html: not an RSS or Atom feed: the root element is <html>/);
  }
  assert.equal(bad.status().state, 'idle', 'test() yields nothing and leaves the state alone');
});

test('a bad configuration is refused with the path and what to write', () => {
  assert.throws(() => createRssSource({ feeds: [] }, { id: 'x', brands: () => [] }), /at least one feed\n.*at feeds/);
  assert.throws(() => createRssSource({ feeds: ['ftp://x.test/feed'] }, { id: 'x', brands: () => [] }), /http:\/\/ or https:\/\//);
  assert.throws(
    () => createRssSource({ feeds: ['https://a.test/f', { url: 'https://a.test/f' }] }, { id: 'x', brands: () => [] }),
    /listed twice \(also at feeds\[0\]\)/,
  );
  assert.throws(() => createRssSource({ feeds: ['https://a.test/f'], intervalSecond: 5 } as RssSourceConfig, { id: 'x', brands: () => [] }), /intervalSecond/);
  assert.throws(() => createRssSource({ feeds: ['https://a.test/f'], jitter: 2 }, { id: 'x', brands: () => [] }), /0 to 0\.5\n.*at jitter/);
  assert.throws(
    () => createRssSource({ feeds: [{ url: 'https://a.test/f', headers: { 'Bad Name': 'x' } }] }, { id: 'x', brands: () => [] }),
    /expected a header name/,
  );
  const ok = createRssSource({ feeds: ['https://a.test/f'] }, { id: 'x', brands: () => [] });
  assert.deepEqual([ok.id, ok.kind, ok.status().state], ['x', 'rss', 'idle']);
});
