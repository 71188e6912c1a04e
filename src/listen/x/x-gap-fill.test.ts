import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { SourceError } from '../import/source-error.ts';
import { corrupt, seededRandom } from '../live/corrupt.ts';
import type { LiveSource } from '../live/live-source.ts';
import { ondineBrand, ondinePost, pressQuote, snowflakeAt, streamMessage, T0, TOO_MANY_CONNECTIONS, USERS } from './x-fixtures.ts';
import type { XSourceConfigInput } from './x-config.ts';
import { createXSource } from './x-source.ts';
import { collect, mentionIds, testClock, XTestServer, type StreamStep } from './test-server.ts';

/** Posts from 601 on are made after the sources start (T0 + 600 s). */
const START = T0 + 600_000;
const id = (n: number): string => ondinePost(n).id;
const ids = (...ns: number[]): string[] => ns.map(id);
const msg = (n: number): StreamStep => ({ message: streamMessage(ondinePost(n)) });
const archived = (...ns: number[]) => ns.map((n) => ({ post: ondinePost(n), users: [USERS.rider] }));

async function serverFor(t: TestContext): Promise<XTestServer> {
  const server = await XTestServer.start();
  t.after(() => server.close());
  return server;
}

function sourceOn(server: XTestServer, clock: ReturnType<typeof testClock>, over: Record<string, unknown> = {}): LiveSource {
  return createXSource(
    { bearerToken: server.token, apiBaseUrl: server.url, gapFillDelaySeconds: 0, gapPollSeconds: 0, gapFillOverlapSeconds: 0, ...over },
    { id: 'x-gap', clock, brands: () => [ondineBrand()] },
  );
}

test('while the stream cannot reconnect, recent search polls the gap: next_token pages, then the next poll starts from the first page newest_id', async (t) => {
  const server = await serverFor(t);
  const clock = testClock(START);
  const source = sourceOn(server, clock, { gapPollSeconds: 20, searchPageSize: 10 });
  server.archive = archived(...Array.from({ length: 25 }, (_, i) => 601 + i));
  server.streamPlans.push({ status: 429, body: TOO_MANY_CONNECTIONS }, { status: 200, steps: [msg(626)] });
  const states: string[] = [];
  const sleep = clock.sleep;
  clock.sleep = async (ms, signal) => {
    states.push(source.status().state);
    await sleep(ms, signal);
  };
  const items = await collect(source, { until: (it) => mentionIds(it).includes(id(626)) });
  assert.deepEqual(mentionIds(items), ids(...Array.from({ length: 26 }, (_, i) => 601 + i)), 'oldest first, none twice');
  assert.deepEqual(clock.sleeps, [20_000, 20_000, 20_000], 'the 60 s back-off, cut by the polls');
  assert.deepEqual(states, ['rate-limited', 'rate-limited', 'rate-limited']);
  const searches = server.requestsTo('/2/tweets/search/recent');
  assert.deepEqual(
    searches.map((r) => [r.params.get('since_id'), r.params.get('next_token'), r.params.get('start_time')]),
    [
      [null, null, new Date(START - 10_000).toISOString().replace('.000Z', 'Z')],
      [null, 'p10', new Date(START - 10_000).toISOString().replace('.000Z', 'Z')],
      [null, 'p20', new Date(START - 10_000).toISOString().replace('.000Z', 'Z')],
      [id(625), null, null],
      [id(625), null, null],
      [id(625), null, null],
    ],
    'three pages, two polls from the newest id while down, one fill after reconnecting',
  );
  assert.equal(searches[0]!.params.get('max_results'), '10');
  assert.equal(searches[0]!.params.get('query'), '(ondine OR @OndineCycles OR #VelaGate) (batterie OR battery OR chauffe OR fumée)');
  assert.equal(items[9]!.checkpoint, JSON.stringify({ sinceId: id(610) }), 'a gap-fill post is safe to resume after');
  assert.equal(source.status().counts.gapFills, 4);
});

test('a failed gap fill is retried on the back-off schedule; until it works the checkpoint stays at the start of the gap', async (t) => {
  const server = await serverFor(t);
  const clock = testClock(START);
  const source = sourceOn(server, clock);
  server.searchFailures.push({ status: 503, body: '{"title":"Service Unavailable"}' });
  server.archive = archived(601, 602);
  const searches = (): number => server.requestsTo('/2/tweets/search/recent').length;
  server.streamPlans.push({
    status: 200,
    steps: [
      msg(601),
      // The first fill (at the connection) failed; 601 was read.
      { waitFor: () => searches() === 1 && source.status().counts.mentions === 1 },
      { call: () => clock.advance(4_999) },
      { keepAlive: true },
      { waitFor: () => source.status().lastMessageAt === START + 4_999 },
      { call: () => assert.equal(searches(), 1, 'not retried before 5 s') },
      { call: () => clock.advance(1) },
      { keepAlive: true },
      { waitFor: () => searches() === 2 },
      msg(603),
    ],
  });
  const items = await collect(source, { until: (it) => mentionIds(it).includes(id(603)) });
  assert.deepEqual(mentionIds(items), ids(601, 602, 603));
  assert.deepEqual(
    items.map((i) => i.checkpoint),
    [JSON.stringify({ sinceTime: START }), JSON.stringify({ sinceId: id(602) }), JSON.stringify({ sinceId: id(603) })],
  );
  assert.equal(server.requestsTo('/2/tweets/search/recent').length, 2, 'retried 5 s later (HTTP back-off), not before');
  const e = source.status().recentErrors.find((x) => x.kind === 'http-5xx')!;
  assert.match(e.message, /^gap fill: GET \/2\/tweets\/search\/recent: HTTP 503/);
});

test('the overlap margin recovers a post the stream had not delivered yet when it dropped (out of order)', async (t) => {
  const server = await serverFor(t);
  const clock = testClock(START);
  const source = sourceOn(server, clock, { gapFillOverlapSeconds: 10 });
  server.streamPlans.push(
    { status: 200, steps: [msg(601), msg(605), { waitFor: () => source.status().counts.mentions >= 2 }, { call: () => (server.archive = archived(601, 603, 605, 606)) }, { drop: true }] },
    { status: 200, steps: [msg(607)] },
  );
  const items = await collect(source, { until: (it) => mentionIds(it).includes(id(607)) });
  assert.deepEqual(mentionIds(items), ids(601, 605, 603, 606, 607));
  const since = server.requestsTo('/2/tweets/search/recent')[1]!.params.get('since_id')!;
  assert.equal(since, (BigInt(id(605)) - (10_000n << 22n)).toString(), 'since_id = last id seen − 10 s');
});

test('restart: a second source resumes from the last checkpoint; a gap still open at the stop is searched again', async (t) => {
  const server = await serverFor(t);
  server.streamPlans.push({ status: 200, steps: [msg(601), msg(602), msg(603)] });
  const first = await collect(sourceOn(server, testClock(START)), { until: (it) => mentionIds(it).length >= 3 });
  const cp1 = first.at(-1)!.checkpoint;
  assert.equal(cp1, JSON.stringify({ sinceId: id(603) }));

  // Posts 604 and 605 are made while Vigie is stopped.
  server.archive = archived(601, 602, 603, 604, 605);
  server.streamPlans.push({ status: 200, steps: [msg(606)] });
  const second = await collect(sourceOn(server, testClock(START + 60_000)), { from: cp1, until: (it) => mentionIds(it).includes(id(606)) });
  assert.deepEqual(mentionIds(second), ids(604, 605, 606));
  assert.equal(server.requestsTo('/2/tweets/search/recent').at(-1)!.params.get('since_id'), id(603));

  // Stopped 10 s after a reconnection, before its gap fill (due 45 s after): the checkpoint stayed at the gap's start.
  const clock3 = testClock(START + 120_000);
  server.archive = archived(606, 607, 608);
  server.streamPlans.push({ status: 200, steps: [msg(607)] });
  const third = await collect(sourceOn(server, clock3, { gapFillDelaySeconds: 45 }), { from: second.at(-1)!.checkpoint, until: (it) => mentionIds(it).length >= 1 });
  assert.deepEqual(mentionIds(third), ids(607));
  assert.equal(third[0]!.checkpoint, JSON.stringify({ sinceId: id(606) }));

  const clock4 = testClock(START + 180_000);
  const source4 = sourceOn(server, clock4, { gapFillDelaySeconds: 45 });
  const searched = server.requestsTo('/2/tweets/search/recent').length;
  server.streamPlans.push({
    status: 200,
    steps: [
      msg(608),
      { waitFor: () => source4.status().counts.mentions >= 1 },
      { call: () => clock4.advance(45_000) },
      { keepAlive: true },
      { waitFor: () => server.requestsTo('/2/tweets/search/recent').length > searched },
      msg(609),
    ],
  });
  const fourth = await collect(source4, { from: third[0]!.checkpoint, until: (it) => mentionIds(it).includes(id(609)) });
  // 607 comes again (the stop came before its gap was searched): the store keeps one row per mention id.
  assert.deepEqual(mentionIds(fourth), ids(608, 607, 609));
  assert.equal(fourth.at(-1)!.checkpoint, JSON.stringify({ sinceId: id(609) }));
});

test('a gap older than recent search reaches (7 days) is searched from 7 days ago and reported', async (t) => {
  const server = await serverFor(t);
  const clock = testClock(START);
  const source = sourceOn(server, clock);
  server.streamPlans.push({ status: 200, steps: [msg(601)] });
  const from = JSON.stringify({ sinceId: snowflakeAt(START - 8 * 86_400_000) });
  await collect(source, { from, until: (it) => mentionIds(it).length >= 1 });
  const search = server.requestsTo('/2/tweets/search/recent')[0]!;
  assert.equal(search.params.get('since_id'), null);
  assert.equal(search.params.get('start_time'), new Date(START - 7 * 86_400_000 + 60_000).toISOString().replace('.000Z', 'Z'));
  assert.match(source.status().recentErrors.find((e) => e.kind === 'gap-fill')!.message, /more than 7 days ago/);
});

test('a gap longer than gapFillMaxPages pages is read newest first up to the limit and reported as truncated', async (t) => {
  const server = await serverFor(t);
  const source = sourceOn(server, testClock(START), { searchPageSize: 10, gapFillMaxPages: 2 });
  server.archive = archived(...Array.from({ length: 25 }, (_, i) => 601 + i));
  server.streamPlans.push({ status: 200, steps: [msg(626)] });
  const items = await collect(source, { until: (it) => mentionIds(it).includes(id(626)) });
  assert.deepEqual(mentionIds(items), ids(...Array.from({ length: 20 }, (_, i) => 606 + i), 626));
  assert.match(source.status().recentErrors.find((e) => e.kind === 'gap-fill')!.message, /stopped after 2 pages for brand\(s\) "ondine".*raise gapFillMaxPages/);
});

test('a checkpoint it did not write, or a bad configuration, is refused with a clear error', async (t) => {
  const server = await serverFor(t);
  const source = sourceOn(server, testClock(START));
  for (const from of ['garbage', '{"sinceId":"abc"}', '{"sinceTime":-1}', '[]', '{}']) {
    await assert.rejects(collect(source, { from, until: () => true }), (e: unknown) => {
      assert.ok(e instanceof SourceError);
      assert.match(e.message, /checkpoint of X source "x-gap" is not one it wrote .*reset the source's checkpoint/);
      return true;
    });
  }
  const bad = (config: unknown) => () => createXSource(config as XSourceConfigInput, { id: 'x-bad', brands: () => [] });
  assert.throws(bad({ apiBaseUrl: 'ftp://x' }), /X source "x-bad" is misconfigured: bearerToken: .*; apiBaseUrl: expected an http/);
  assert.throws(bad({ bearerToken: 't', stallSeconds: 0, extra: 1 }), /stallSeconds: expected a number from 0\.05 to 600.*extra/);
});

test('300 corrupted recent-search pages through the real connector: no crash, bad posts rejected with a reason, the polls go on', async (t) => {
  const server = await serverFor(t);
  const clock = testClock(START);
  const source = sourceOn(server, clock, { gapPollSeconds: 1 });
  const rnd = seededRandom(11);
  const quote = pressQuote(603, ondinePost(602));
  const page = JSON.stringify({
    data: [quote.post, ondinePost(602), ondinePost(601)],
    includes: { users: quote.users, tweets: quote.tweets },
    meta: { newest_id: quote.post.id, oldest_id: id(601), result_count: 3, next_token: 'p3' },
  });
  for (let i = 0; i < 300; i++) server.searchFailures.push({ status: 200, body: corrupt(page, rnd) });
  server.archive = archived(650);
  for (let i = 0; i < 200; i++) server.streamPlans.push({ status: 429, body: TOO_MANY_CONNECTIONS });
  const items = await collect(source, { until: (it) => mentionIds(it).includes(id(650)), timeoutMs: 30_000 });
  assert.ok(mentionIds(items).includes(id(650)), 'the search went on after the corrupted pages');
  assert.equal(server.searchFailures.length, 0);
  const rejects = items.flatMap((i) => (i.kind === 'reject' ? [i.reject] : []));
  assert.ok(rejects.length > 0);
  for (const r of rejects) assert.ok(r.reason.trim() !== '' && !r.reason.includes('parser failure'), r.reason);
  assert.equal(new Set(mentionIds(items)).size, mentionIds(items).length, 'no post twice');
  assert.ok(source.status().recentErrors.some((e) => e.kind === 'parse'), 'pages that are not pages are reported');
});

test('rate-limit headers on recent search: with no request left, the next search waits for the reset', async (t) => {
  const server = await serverFor(t);
  const clock = testClock(START);
  const source = sourceOn(server, clock, { gapPollSeconds: 20 });
  server.limits.search = { limit: 60, remaining: 0, reset: (START + 50_000) / 1000 };
  server.archive = archived(601);
  server.streamPlans.push({ status: 429, body: TOO_MANY_CONNECTIONS }, { status: 200, steps: [msg(602)] });
  const items = await collect(source, { until: (it) => mentionIds(it).includes(id(602)) });
  assert.deepEqual(mentionIds(items), ids(601, 602));
  assert.deepEqual(clock.sleeps, [20_000, 20_000, 10_000, 10_000], 'polls at +20 s (window spent), +40 s (skipped: wait for the reset at +50 s), +50 s; reconnect at +60 s');
  assert.equal(server.requestsTo('/2/tweets/search/recent').length, 3);
  assert.match(source.status().recentErrors.find((e) => e.kind === 'http-429')!.message, /no request left in X's rate-limit window until 2026-05-20T08:10:50\.000Z/);
  assert.deepEqual(source.status().rateLimit, { limit: 60, remaining: 0, resetAt: START + 50_000 });
});
