import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import type { MentionDraft } from '../../domain/mention.ts';
import type { SourceItem } from '../source.ts';
import { longPost, ondineBrand, ondinePost, OPERATIONAL_DISCONNECT, pressQuote, streamMessage, T0, TOO_MANY_CONNECTIONS, USERS } from './x-fixtures.ts';
import { createXSource } from './x-source.ts';
import { collect, mentionIds, testClock, XTestServer, type StreamStep } from './test-server.ts';

async function setup(t: TestContext, over: Record<string, unknown> = {}) {
  const server = await XTestServer.start();
  t.after(() => server.close());
  const clock = testClock(T0 + 600_000);
  const source = createXSource(
    { bearerToken: server.token, apiBaseUrl: server.url, gapFillDelaySeconds: 0, gapPollSeconds: 0, gapFillOverlapSeconds: 0, stallSeconds: 5, ...over },
    { id: 'x-test', clock, brands: () => [ondineBrand()] },
  );
  return { server, clock, source };
}

const msg = (n: number): StreamStep => ({ message: streamMessage(ondinePost(n)) });
const mention = (i: SourceItem | undefined): MentionDraft => {
  assert.ok(i?.kind === 'mention', `a mention, got ${JSON.stringify(i)?.slice(0, 300)}`);
  return i.mention;
};
const errorKinds = (source: { status(): { recentErrors: Array<{ kind: string }> } }): string[] => source.status().recentErrors.map((e) => e.kind).reverse();

test('messages split across chunks, keep-alives, duplicates, out-of-order posts and bad lines: each post once, every reject with its reason', async (t) => {
  const { server, source } = await setup(t);
  const a = ondinePost(0);
  const aMsg = streamMessage(a);
  const quote = pressQuote(1, a);
  const edited = ondinePost(6, { id: ondinePost(7).id, edit_history_tweet_ids: [a.id, ondinePost(7).id] });
  server.streamPlans.push({
    status: 200,
    steps: [
      { keepAlive: true },
      { split: aMsg, at: Buffer.from(aMsg).indexOf(Buffer.from('😬')) + 2 },
      { message: streamMessage(quote.post, { users: quote.users, tweets: quote.tweets }) },
      { keepAlive: true },
      { message: aMsg },
      { message: streamMessage(ondinePost(4)) },
      { message: streamMessage(ondinePost(3)) },
      { raw: '{"data":{"id":"1"\r\n' },
      { raw: Buffer.concat([Buffer.from('{"data":{"text":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}}\r\n')]) },
      { message: streamMessage(longPost(5)) },
      { message: streamMessage(edited) },
      { message: JSON.stringify({ data: { text: 'sans id', created_at: new Date(T0).toISOString(), author_id: USERS.rider.id } }) },
      { message: JSON.stringify({ errors: [{ title: 'Authorization Error', detail: 'Sorry, you are not authorized to see the Post with id: [1].' }] }) },
      msg(8),
    ],
  });
  const items = await collect(source, { until: (it) => mentionIds(it).includes(ondinePost(8).id) });
  assert.deepEqual(
    items.map((i) => i.kind),
    ['mention', 'mention', 'mention', 'mention', 'reject', 'reject', 'mention', 'mention', 'reject', 'mention'],
  );
  assert.deepEqual(mentionIds(items), [a.id, quote.post.id, ondinePost(4).id, ondinePost(3).id, longPost(5).id, a.id, ondinePost(8).id]);
  const first = mention(items[0]);
  assert.match(first.text, /😬/);
  assert.equal(first.author.followers, 913);
  const q = mention(items[1]);
  assert.equal(q.relations.quoteOf, `x:${a.id}`);
  assert.deepEqual([q.author.handle, q.author.followers, q.author.verified], ['velohebdo', 210_400, true]);
  assert.deepEqual(q.matchingRules, ['ondine']);
  assert.equal(mention(items[6]).text, (longPost(5).note_tweet as { text: string }).text);
  const edit = mention(items[7]);
  assert.ok(edit.editedAt !== null, 'an edit updates the original (same mention id) and says when');
  const reasons = items.flatMap((i) => (i.kind === 'reject' ? [i.reject.reason] : []));
  assert.match(reasons[0]!, /^stream message: invalid JSON/);
  assert.equal(reasons[1], 'stream message is not valid UTF-8');
  assert.match(reasons[2]!, /missing field data\.id/);
  for (const i of items) if (i.kind === 'reject') assert.ok(i.reject.excerpt.length > 0 && i.reject.source === 'x-test');
  // The out-of-order post 3 keeps the cursor at post 4, the newest seen.
  assert.equal(items[3]!.checkpoint, JSON.stringify({ sinceId: ondinePost(4).id }));
  assert.ok(errorKinds(source).includes('stream-error'), 'an in-stream error without data is reported');
  const status = source.status();
  assert.equal(status.state, 'stopped');
  assert.deepEqual([status.counts.mentions, status.counts.rejects, status.counts.reconnects], [7, 3, 0]);
});

test('a drop in the middle of a message: reconnect after 250 ms, recent search from the last id seen fills the gap, nothing lost or twice', async (t) => {
  const { server, clock, source } = await setup(t);
  const archiveAll = (): void => {
    server.archive = [1, 2, 3, 4, 5, 6].map((n) => ({ post: ondinePost(n), users: [USERS.rider] }));
  };
  const partial = streamMessage(ondinePost(3));
  server.streamPlans.push(
    { status: 200, steps: [msg(1), msg(2), { waitFor: () => source.status().counts.mentions >= 2 }, { call: archiveAll }, { raw: partial.slice(0, 40) }, { drop: true }] },
    { status: 200, steps: [msg(6), msg(7)] },
  );
  const items = await collect(source, { until: (it) => mentionIds(it).length >= 7 });
  assert.deepEqual(mentionIds(items), [1, 2, 3, 4, 5, 6, 7].map((n) => ondinePost(n).id), 'post 6, from the search and the stream, once');
  assert.deepEqual(clock.sleeps, [250]);
  const searches = server.requestsTo('/2/tweets/search/recent');
  assert.equal(searches.length, 2, 'one search after the first connection, one after the drop');
  assert.ok(searches[0]!.params.has('start_time') && !searches[0]!.params.has('since_id'));
  assert.equal(searches[1]!.params.get('since_id'), ondinePost(2).id, 'since_id = the last id seen');
  assert.match(searches[1]!.params.get('expansions')!, /author_id/);
  assert.equal(items.at(-1)!.checkpoint, JSON.stringify({ sinceId: ondinePost(7).id }));
  const s = source.status();
  assert.deepEqual([s.counts.reconnects, s.counts.gapFills], [1, 2]);
  assert.match(s.recentErrors[0]!.message, /bytes of an unfinished message dropped/);
  assert.equal(s.recentErrors[0]!.kind, 'tcp');
});

test('a keep-alive stall: after stallSeconds of silence the connection is dropped and reopened', async (t) => {
  const { server, clock, source } = await setup(t, { stallSeconds: 0.3 });
  server.streamPlans.push({ status: 200, steps: [msg(1), { keepAlive: true }, { stall: true }] }, { status: 200, steps: [msg(2)] });
  const items = await collect(source, { until: (it) => mentionIds(it).length >= 2 });
  assert.deepEqual(mentionIds(items), [ondinePost(1).id, ondinePost(2).id]);
  assert.deepEqual(clock.sleeps, [250]);
  assert.ok(errorKinds(source).includes('stall'));
  assert.equal(server.streamConnections, 2);
});

test('the in-stream operational-disconnect ends the connection: reconnect, and the gap is searched', async (t) => {
  const { server, clock, source } = await setup(t);
  server.streamPlans.push(
    { status: 200, steps: [msg(1), { call: () => server.archive.push({ post: ondinePost(2), users: [USERS.rider] }) }, { message: OPERATIONAL_DISCONNECT }, msg(2), { stall: true }] },
    { status: 200, steps: [msg(3)] },
  );
  const items = await collect(source, { until: (it) => mentionIds(it).length >= 3 });
  assert.deepEqual(mentionIds(items), [1, 2, 3].map((n) => ondinePost(n).id));
  assert.deepEqual(clock.sleeps, [250]);
  assert.ok(errorKinds(source).includes('operational-disconnect'));
  assert.match(source.status().recentErrors.find((e) => e.kind === 'operational-disconnect')!.message, /operational reasons/);
});

test("back-off exactly as X documents it: HTTP errors 5, 10, 20, 40 s; network errors 250, 500 ms; a working connection starts again", async (t) => {
  const { server, clock, source } = await setup(t);
  const problem = (status: number) => ({ status, body: JSON.stringify({ title: 'Service Unavailable', detail: `upstream ${status}`, type: 'about:blank' }) });
  server.streamPlans.push(
    problem(503),
    problem(500),
    problem(502),
    problem(504),
    { reset: true },
    { reset: true },
    { status: 200, steps: [{ keepAlive: true }, msg(1), { waitFor: () => source.status().counts.mentions >= 1 }, { drop: true }] },
    { reset: true },
    { status: 200, steps: [msg(2)] },
  );
  const items = await collect(source, { until: (it) => mentionIds(it).length >= 2 });
  assert.deepEqual(mentionIds(items), [ondinePost(1).id, ondinePost(2).id]);
  assert.deepEqual(clock.sleeps, [5_000, 10_000, 20_000, 40_000, 250, 500, 250, 500]);
  assert.deepEqual(errorKinds(source), ['http-5xx', 'http-5xx', 'http-5xx', 'http-5xx', 'tcp', 'tcp', 'tcp', 'tcp']);
  assert.match(source.status().recentErrors.at(-1)!.message, /HTTP 503: Service Unavailable: upstream 503/);
});

test('429 TooManyConnections: back off from 60 s, doubling, never before the reset header', async (t) => {
  const { server, clock, source } = await setup(t);
  const now = clock.now();
  const tooMany = (resetInS: number) => ({
    status: 429,
    body: TOO_MANY_CONNECTIONS,
    headers: { 'x-rate-limit-limit': '50', 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': String(now / 1000 + resetInS) },
  });
  server.streamPlans.push(tooMany(90), tooMany(100), { status: 200, steps: [msg(1)] });
  const states: string[] = [];
  const origSleep = clock.sleep;
  clock.sleep = async (ms, signal) => {
    states.push(source.status().state);
    await origSleep(ms, signal);
  };
  const items = await collect(source, { until: (it) => mentionIds(it).length >= 1 });
  assert.deepEqual(mentionIds(items), [ondinePost(1).id]);
  assert.deepEqual(clock.sleeps, [90_000, 120_000], 'max(60 s, reset in 90 s), then max(120 s, reset 10 s later)');
  assert.deepEqual(states, ['rate-limited', 'rate-limited']);
  const e = source.status().recentErrors.find((x) => x.kind === 'http-429')!;
  assert.match(e.message, /TooManyConnections/);
  assert.deepEqual(source.status().rateLimit, { limit: 50, remaining: 0, resetAt: now + 100_000 });
});

test('rate-limit headers: when no call remains, the next connection waits for the reset', async (t) => {
  const { server, clock, source } = await setup(t);
  const reset = clock.now() / 1000 + 42;
  const headers = { 'x-rate-limit-limit': '50', 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': String(reset) };
  server.streamPlans.push({ status: 200, headers, steps: [msg(1), { waitFor: () => source.status().counts.mentions >= 1 }, { drop: true }] }, { status: 200, steps: [msg(2)] });
  const items = await collect(source, { until: (it) => mentionIds(it).length >= 2 });
  assert.deepEqual(mentionIds(items), [ondinePost(1).id, ondinePost(2).id]);
  assert.deepEqual(clock.sleeps, [250, 41_750], '250 ms of back-off, then the rest of the window');
  assert.equal(server.streamConnections, 2);
});

test('409 (no rules): rules are synced again; with no rule at all the stream is not opened', async (t) => {
  const server = await XTestServer.start();
  t.after(() => server.close());
  const clock = testClock(T0);
  const source = createXSource(
    { bearerToken: server.token, apiBaseUrl: server.url, gapFillDelaySeconds: 0, gapPollSeconds: 0, rulesSyncSeconds: 60 },
    { id: 'x-test', clock, brands: () => (clock.sleeps.length === 0 ? [] : [ondineBrand()]) },
  );
  server.streamPlans.push({ status: 409, body: '' }, { status: 200, steps: [msg(1)] });
  const items = await collect(source, { until: (it) => mentionIds(it).length >= 1 });
  assert.deepEqual(mentionIds(items), [ondinePost(1).id]);
  assert.deepEqual(clock.sleeps, [60_000, 5_000], 'no rule: wait for the next sync; 409: HTTP back-off, then sync again');
  assert.deepEqual(errorKinds(source).slice(0, 2), ['no-rules', 'http-409']);
  assert.equal(server.requestsTo('/2/tweets/search/stream/rules').filter((r) => r.method === 'GET').length, 3);
  assert.equal(server.streamConnections, 2);
});
