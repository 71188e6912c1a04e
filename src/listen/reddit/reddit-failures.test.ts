import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import type { LiveSource, SourceStatus } from '../live/live-source.ts';
import { startRedditTestServer, type RedditTestServer } from './test-server.ts';
import { INTERVAL_MS, mentionIds, readSome, testClock, testSource, type TestClock } from './test-run.ts';
import { comment, listing, post, T0 } from './test-things.ts';

let server: RedditTestServer;
before(async () => {
  server = await startRedditTestServer();
});
after(() => server.close());
beforeEach(() => {
  server.posts = [post({ id: 'p1', created: T0 - 100 }), post({ id: 'p2', created: T0 - 50 })];
  server.comments = new Map();
  server.requests = [];
  server.script = [];
  server.rateLimit = { used: 1, remaining: 599, reset: 400 };
});

/** The waits other than the poll interval, with the state the source was in during each. */
function watchWaits(clock: TestClock, source: () => LiveSource): { waits: [number, SourceStatus['state'], number | null][] } {
  const seen: { waits: [number, SourceStatus['state'], number | null][] } = { waits: [] };
  clock.onSleep = (ms) => {
    if (ms === INTERVAL_MS) return;
    const s = source().status();
    seen.waits.push([ms, s.state, s.nextAttemptAt === null ? null : s.nextAttemptAt - clock.t]);
  };
  return seen;
}

test('a burst of 5xx and a dropped connection: back-off 5, 10, 20, 40, 80 s, then the same request again, nothing lost', async () => {
  const clock = testClock((T0 + 60) * 1000);
  const source = testSource(server, clock);
  const seen = watchWaits(clock, () => source);
  server.script = [503, 500, 502, 504].map((status) => ({ match: /^\/search$/, status, body: '<html>down</html>' }));
  server.script.push({ match: /^\/search$/, drop: true });
  const items = await readSome(source, clock, { rounds: 1 });
  assert.deepEqual(mentionIds(items), ['reddit:t3_p1', 'reddit:t3_p2']);
  assert.deepEqual(seen.waits, [
    [5000, 'backing-off', 5000],
    [10000, 'backing-off', 10000],
    [20000, 'backing-off', 20000],
    [40000, 'backing-off', 40000],
    [80000, 'backing-off', 80000],
  ]);
  const s = source.status();
  assert.deepEqual(
    s.recentErrors.map((e) => e.kind),
    ['tcp', 'http-5xx', 'http-5xx', 'http-5xx', 'http-5xx'],
  );
  assert.match(s.recentErrors[1]!.message, /HTTP 504 for \/search; trying again in 40 s/);
  assert.equal(s.counts.reconnects, 1);
});

test('429 waits the x-ratelimit-reset seconds; RATELIMIT inside a 200 waits json.ratelimit seconds', async () => {
  const clock = testClock((T0 + 60) * 1000);
  const source = testSource(server, clock);
  const seen = watchWaits(clock, () => source);
  server.script = [
    { match: /^\/search$/, status: 429, headers: { 'x-ratelimit-used': '600', 'x-ratelimit-remaining': '0.0', 'x-ratelimit-reset': '412' }, body: '{"message":"Too Many Requests","error":429}' },
    {
      match: /^\/search$/,
      body: JSON.stringify({ json: { ratelimit: 541.82, errors: [['RATELIMIT', 'you are doing that too much. try again in 9 minutes.', 'ratelimit']] } }),
    },
    { match: /^\/search$/, status: 429, headers: { 'x-ratelimit-used': 'n/a', 'x-ratelimit-remaining': 'n/a', 'x-ratelimit-reset': 'soon' } },
  ];
  const items = await readSome(source, clock, { rounds: 1 });
  assert.deepEqual(mentionIds(items), ['reddit:t3_p1', 'reddit:t3_p2']);
  assert.deepEqual(seen.waits, [
    [412_000, 'rate-limited', 412_000],
    [541_820, 'rate-limited', 541_820],
    [240_000, 'rate-limited', 240_000],
  ], 'the third, without a usable header, backs off from 60 s: third rate-limit failure in a row');
  const kinds = source.status().recentErrors.map((e) => e.kind);
  assert.deepEqual(kinds, ['http-429', 'ratelimit', 'http-429']);
  assert.match(source.status().recentErrors[1]!.message, /RATELIMIT inside HTTP 200 .*try again in 9 minutes.*waiting 9 min/);
});

test('the rate-limit headers are respected: at the reserve, wait for the reset before the next request', async () => {
  const clock = testClock((T0 + 60) * 1000);
  server.comments.set('corvaneowners', [comment({ id: 'c1', created: T0 - 5, linkId: 'p1' })]);
  const source = testSource(server, clock, { subreddits: ['CorvaneOwners'], rateLimitReserve: 5 });
  const seen = watchWaits(clock, () => source);
  server.rateLimit = { used: 595, remaining: 5, reset: 120 };
  const items = await readSome(source, clock, { rounds: 1 });
  assert.deepEqual(mentionIds(items), ['reddit:t3_p1', 'reddit:t3_p2', 'reddit:t1_c1']);
  // Each answer leaves 5 requests: the source waits 120 s before each following one.
  assert.deepEqual(seen.waits, [[120_000, 'rate-limited', 120_000]]);
  const search = server.requests.findIndex((r) => r.path === '/search');
  const comments = server.requests.findIndex((r) => r.path === '/r/CorvaneOwners/comments');
  assert.ok(search >= 0 && comments > search);
  assert.deepEqual(source.status().rateLimit, { limit: 600, remaining: 5, resetAt: clock.t - INTERVAL_MS + 120_000 });
});

test('malformed answers and things are rejected with a reason and an excerpt, a bad thing only once; the stream goes on', async () => {
  const clock = testClock((T0 + 60) * 1000);
  server.comments.set('corvaneowners', [
    comment({ id: 'c1', created: T0 - 5, linkId: 'p1' }),
    comment({ id: 'c2', created: T0 - 4, linkId: 'p1', extra: { created_utc: 'yesterday' } }),
    { kind: 't1', data: { created_utc: T0 - 3 } },
  ]);
  server.script = [
    { match: /^\/search$/, body: '{"kind":"Listing","data":{"children":[{"kind":"t3","da' },
    { match: /^\/r\//, body: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]) },
    { match: /^\/search$/, body: JSON.stringify({ kind: 't2', data: {} }) },
    { match: /^\/search$/, body: JSON.stringify(listing([post({ id: 'p3', created: T0 - 1 }), 'garbage', post({ id: 'p4', created: T0 })])) },
  ];
  const source = testSource(server, clock, { subreddits: ['CorvaneOwners'] });
  const items = await readSome(source, clock, { rounds: 4 });
  const summary = items.map((i) => (i.kind === 'reject' ? `reject: ${i.reject.reason}` : i.kind === 'mention' ? i.mention.id : i.kind));
  assert.deepEqual(summary, [
    'reject: search "\\"Corvane Cycles\\" OR Corvane": invalid JSON: Unterminated string in JSON at position 54 (line 1 column 55)',
    'reject: r/CorvaneOwners/comments: invalid UTF-8 at byte 1 of the answer',
    'reject: search "\\"Corvane Cycles\\" OR Corvane": expected a Listing, got kind "t2"',
    'reject: r/CorvaneOwners/comments: missing field data.created_utc (seconds since 1970)',
    'reddit:t1_c1',
    'reject: r/CorvaneOwners/comments: missing or invalid field data.name (expected a t1_… fullname)',
    'reject: search "\\"Corvane Cycles\\" OR Corvane": a Reddit thing must be a JSON object {kind, data}',
    'reddit:t3_p3',
    'reddit:t3_p4',
    'reddit:t3_p1',
    'reddit:t3_p2',
  ]);
  const first = items[0]!;
  assert.ok(first.kind === 'reject' && first.reject.excerpt.startsWith('{"kind":"Listing"') && first.reject.source === 'reddit-test' && first.reject.line === null);
  const utf8 = items[1]!;
  assert.ok(utf8.kind === 'reject' && utf8.reject.excerpt === '{\uFFFD\uFFFD}');
  assert.equal(source.status().counts.rejects, 6);
});

test('a stalled answer times out, a gzip answer is read, an oversize one is dropped, and the same request is made again', async () => {
  const clock = testClock((T0 + 60) * 1000);
  const source = testSource(server, clock, { requestTimeoutSeconds: 1 });
  const seen = watchWaits(clock, () => source);
  server.script = [
    { match: /^\/search$/, stall: true },
    { match: /^\/search$/, body: 'x'.repeat(9 * 1024 * 1024) },
    { match: /^\/search$/, headers: { 'content-encoding': 'gzip' }, body: gzipSync(JSON.stringify(listing([post({ id: 'g1', created: T0 - 70 })]))) },
  ];
  const items = await readSome(source, clock, { rounds: 1 });
  assert.deepEqual(mentionIds(items), ['reddit:t3_g1']);
  assert.deepEqual(seen.waits.map((w) => w[0]), [5000, 10000]);
  assert.deepEqual(source.status().recentErrors.map((e) => [e.kind, e.message]), [
    ['oversize', '/search: the answer is over 8 MB and was dropped; trying again in 10 s'],
    ['timeout', '/search: no complete answer within 1 s; trying again in 5 s'],
  ]);
});

test('a private, unknown or redirected subreddit is reported and skipped; the other feeds go on', async () => {
  const clock = testClock((T0 + 60) * 1000);
  server.comments.set('corvaneowners', [comment({ id: 'c1', created: T0 - 5, linkId: 'p1' })]);
  server.script = [
    { match: /^\/r\/SecretFork\//, status: 403, body: '{"reason":"private","message":"Forbidden","error":403}' },
    { match: /^\/r\/NoSuchSub\//, status: 302, headers: { location: 'https://www.reddit.com/subreddits/search.json?q=NoSuchSub' }, body: '' },
  ];
  const source = testSource(server, clock, { subreddits: ['SecretFork', 'NoSuchSub', 'CorvaneOwners'] });
  const items = await readSome(source, clock, { rounds: 1 });
  assert.deepEqual(mentionIds(items), ['reddit:t3_p1', 'reddit:t3_p2', 'reddit:t1_c1']);
  const errors = source.status().recentErrors.map((e) => `${e.kind}: ${e.message}`);
  assert.deepEqual(errors, [
    'http-302: r/NoSuchSub/comments: Reddit redirected /r/NoSuchSub/comments to https://www.reddit.com/subreddits/search.json?q=NoSuchSub (HTTP 302): check the subreddit name, and apiBaseUrl (https://oauth.reddit.com)',
    'http-403: r/SecretFork/comments: Reddit refused /r/SecretFork/comments (HTTP 403): a private, quarantined or banned subreddit, or an app without the "read" scope',
  ]);
  assert.equal(source.status().state, 'stopped');
});

test('children out of order and repeated within one answer are yielded once, oldest first', async () => {
  const clock = testClock((T0 + 60) * 1000);
  const a = post({ id: 'o1', created: T0 - 30 });
  const b = post({ id: 'o2', created: T0 - 10 });
  const c = post({ id: 'o3', created: T0 - 20 });
  server.script = [{ match: /^\/search$/, body: JSON.stringify(listing([a, b, a, c, b])) }];
  const items = await readSome(testSource(server, clock), clock, { rounds: 2 });
  assert.deepEqual(mentionIds(items), ['reddit:t3_o1', 'reddit:t3_o3', 'reddit:t3_o2', 'reddit:t3_p1', 'reddit:t3_p2']);
});
