import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { DEFAULT_WORKSPACE } from '../../domain/ids.ts';
import type { SourceItem } from '../source.ts';
import { startReading, stopAllReadings, testClock, testSource } from './test-harness.ts';
import { snowflake, startMastodonTestServer, T0, waitUntil, type MastodonTestServer } from './test-server.ts';

const servers: MastodonTestServer[] = [];
async function server(domain = 'pouet.example', now?: () => number): Promise<MastodonTestServer> {
  const s = await startMastodonTestServer({ domain, ...(now ? { now } : {}) });
  servers.push(s);
  return s;
}
after(async () => {
  await stopAllReadings();
  await Promise.all(servers.map((s) => s.close()));
});

const at = (n: number): number => T0 + n * 1000;
const ids = (items: readonly SourceItem[]): string[] => items.flatMap((i) => (i.kind === 'mention' ? [i.mention.id] : []));

test('WebSocket: statuses as plain text, edits again, deletes by uri, one status through two hashtags once, bad frames rejected', async () => {
  const srv = await server();
  const clock = testClock();
  const source = testSource([{ server: srv, hashtags: ['Brumaire', '#CidreBrumaire'] }], clock);
  const r = startReading(source);
  await waitUntil(() => srv.listeners === 2, 'two subscriptions');
  const a = srv.post({ at: at(1), tags: ['Brumaire', 'CidreBrumaire'], text: 'Une bouteille de <b>Brumaire</b> a explosé' });
  await r.waitFor(1);
  const m = r.mentions()[0]!;
  assert.equal(m.id, `mastodon:${a.uri as string}`);
  assert.equal(m.text, 'Une bouteille de Brumaire a explosé #Brumaire #CidreBrumaire');
  assert.equal(m.editedAt, null);

  srv.edit(a.id as string, 'Deux bouteilles de Brumaire ont explosé', at(60));
  await r.waitFor(2);
  const edited = r.mentions()[1]!;
  assert.equal(edited.id, m.id, 'an edit is the same mention');
  assert.equal(edited.editedAt, at(60));
  assert.equal(edited.text, 'Deux bouteilles de Brumaire ont explosé');

  srv.sendRawFrame('{"stream":["hashtag","Brumaire"],"event":"update","payload":"{oops"}');
  srv.sendRawFrame('{"stream":["user"],"event":"filters_changed"}');
  await r.waitFor(1, 'reject');
  srv.remove(a.id as string);
  await r.waitFor(1, 'delete');
  srv.post({ at: at(2), text: 'Brumaire, toujours là' });
  await r.waitFor(3);
  await r.stop();

  const kinds = r.items.map((i) => i.kind);
  assert.deepEqual(kinds, ['mention', 'mention', 'reject', 'delete', 'mention'], 'two subscriptions, each status once; filters_changed ignored');
  const reject = r.items[2]!;
  assert.ok(reject.kind === 'reject' && /payload: invalid JSON/.test(reject.reject.reason) && reject.reject.source === 'masto', JSON.stringify(reject));
  const del = r.items[3]!;
  assert.ok(del.kind === 'delete' && del.id === m.id, 'the delete names the mention by its uri');
  const cp = JSON.parse(r.lastCheckpoint()!);
  assert.deepEqual(cp, { v: 1, streams: { 'pouet.example': { 'hashtag:brumaire': snowflake(at(2)), 'hashtag:cidrebrumaire': snowflake(at(1)) } } });
  const st = source.status();
  assert.deepEqual([st.counts.mentions, st.counts.deletes, st.counts.rejects], [3, 1, 1]);
  assert.equal(st.state, 'stopped');
});

test('SSE: heartbeats with a single \\n, a drop in the middle of an event, then the gap filled page by page', async () => {
  const srv = await server();
  const clock = testClock();
  const source = testSource([{ server: srv, transport: 'sse' }], clock);
  const r = startReading(source);
  await waitUntil(() => srv.listeners === 1, 'the SSE connection');
  srv.post({ at: at(1) });
  srv.heartbeat();
  srv.sendRawSse('event: update\ndata: {"id":"1", oops\n\n:thump\n');
  srv.heartbeat();
  srv.post({ at: at(2) });
  await r.waitFor(2);
  const reject = r.items.find((i) => i.kind === 'reject');
  assert.ok(reject?.kind === 'reject' && /^payload: invalid JSON/.test(reject.reject.reason) && reject.reject.excerpt === '{"id":"1", oops');
  // 45 statuses reach the server but not the stream, then the connection dies inside an event.
  const missed = Array.from({ length: 45 }, (_, i) => srv.post({ at: at(10 + i) }, false));
  srv.drop(`event: update\ndata: {"id":"${snowflake(at(10))}","created_at":"2026-`);
  await r.waitFor(47);
  await waitUntil(() => source.status().counts.gapFills === 1, 'the end of the gap fill');
  srv.post({ at: at(100), text: 'en direct après la reconnexion' });
  await r.waitFor(48);
  await r.stop();

  const got = ids(r.items);
  assert.equal(new Set(got).size, got.length, 'nothing yielded twice');
  assert.deepEqual(got.slice(2, 47), missed.map((s) => `mastodon:${s.uri as string}`), 'the gap, oldest first');
  assert.deepEqual(clock.delays, [1_000], 'one network failure: 1 s');
  const pages = srv.requests.filter((q) => q.path === '/api/v1/timelines/tag/Brumaire');
  assert.equal(pages.length, 3, 'two pages and the empty one that ends the walk');
  // 300 s of margin before the last status seen, then the rel="prev" links.
  assert.equal(pages[0]!.query.get('min_id'), snowflake(at(2) - 300_000));
  assert.equal(pages[1]!.query.get('min_id'), snowflake(at(10 + 37)), 'page 1 holds statuses 1, 2 and the first 38 of the gap');
  assert.equal(pages[2]!.query.get('min_id'), snowflake(at(54)));
  const st = source.status();
  assert.deepEqual([st.counts.reconnects, st.counts.gapFills], [1, 1]);
  assert.equal(st.recentErrors[0]?.kind, 'tcp');
  assert.match(st.recentErrors[0]!.message, /pouet\.example #Brumaire: .*reconnecting in 1 s/);
});

test('WebSocket: a drop inside a frame, duplicates and a late original: every status once, the lost one from the gap fill', async () => {
  const srv = await server();
  const clock = testClock();
  const source = testSource([{ server: srv }], clock);
  const r = startReading(source);
  await waitUntil(() => srv.listeners === 1, 'the subscription');
  const a = srv.post({ at: at(1) });
  srv.broadcast({ tags: ['brumaire'], local: true }, 'update', JSON.stringify(a));
  const b = srv.post({ at: at(2) }, false);
  srv.drop(JSON.stringify({ stream: ['hashtag', 'Brumaire'], event: 'update', payload: JSON.stringify(b) }));
  await r.waitFor(2);
  await waitUntil(() => source.status().counts.gapFills === 1, 'the end of the gap fill');
  const c = srv.post({ at: at(3) });
  await r.waitFor(3);
  await r.stop();
  assert.deepEqual(ids(r.items), [a, b, c].map((s) => `mastodon:${s.uri as string}`), 'a once though sent twice and filled again; b from the gap');
  assert.deepEqual(clock.delays, [1_000]);
  assert.equal(source.status().counts.reconnects, 1);
});

test('a source that starts while the instance is down gets what was posted meanwhile', async () => {
  const srv = await server();
  const clock = testClock();
  srv.streamAnswers.push({ status: 503 }, { status: 503 });
  const missed = srv.post({ at: clock.now() + 1_000 }, false);
  const r = startReading(testSource([{ server: srv, transport: 'sse' }], clock));
  await r.waitFor(1);
  await r.stop();
  assert.deepEqual(ids(r.items), [`mastodon:${missed.uri as string}`]);
  assert.deepEqual(clock.delays, [5_000, 10_000]);
});

test('back-off: 5xx bursts, cut connections and 429 follow the documented schedules', async () => {
  const srv = await server();
  const clock = testClock();
  srv.streamAnswers.push(...Array.from({ length: 7 }, () => ({ status: 503 as const })));
  const r = startReading(testSource([{ server: srv, transport: 'sse' }], clock));
  await waitUntil(() => srv.listeners === 1, 'the connection after the 5xx burst');
  assert.deepEqual(clock.delays, [5_000, 10_000, 20_000, 40_000, 80_000, 160_000, 300_000]);
  await r.stop();

  const clock2 = testClock();
  const srv2 = await server();
  srv2.streamAnswers.push(...Array.from({ length: 8 }, () => ({ status: 'destroy' as const })));
  const r2 = startReading(testSource([{ server: srv2, transport: 'sse' }], clock2));
  await waitUntil(() => srv2.listeners === 1, 'the connection after the cuts');
  assert.deepEqual(clock2.delays, [1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000]);
  await r2.stop();

  const clock3 = testClock();
  const srv3 = await server();
  srv3.streamAnswers.push(
    { status: 429, headers: () => ({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': new Date(clock3.now() + 90_000).toISOString() }) },
    { status: 429 },
    { status: 429 },
  );
  const source3 = testSource([{ server: srv3, transport: 'sse' }], clock3);
  const r3 = startReading(source3);
  await waitUntil(() => srv3.listeners === 1, 'the connection after the 429s');
  assert.deepEqual(clock3.delays, [90_000, 120_000, 240_000], 'until X-RateLimit-Reset, then 60 s doubling (third and fourth 429 counts)');
  assert.equal(source3.status().recentErrors[0]?.kind, 'http-429');
  await r3.stop();
});

test('WebSocket: a refused handshake is explained by the REST API; a refused token stops with a fix', async () => {
  const srv = await server();
  const clock = testClock();
  srv.streamAnswers.push({ status: 502 }, { status: 502 });
  srv.restAnswers.push({ status: 503 });
  const r = startReading(testSource([{ server: srv }], clock));
  await waitUntil(() => srv.listeners === 1, 'the WebSocket');
  assert.deepEqual(clock.delays, [5_000, 1_000], 'REST 5xx: the HTTP schedule; REST fine: the network one');
  await r.stop();

  const source = testSource([{ server: await server(), token: 'wrong' }], testClock());
  const bad = startReading(source);
  await bad.ended;
  const st = source.status();
  assert.equal(st.state, 'failed');
  assert.equal(st.recentErrors[0]?.kind, 'auth');
  assert.match(st.recentErrors[0]!.message, /token was refused.*sources\.masto\.instances\[0\]\.token/);
});

test('stalls: a silent SSE stream reconnects; a quiet WebSocket answers the probe, a dead one reconnects', async () => {
  const srv = await server();
  const clock = testClock();
  const source = testSource([{ server: srv, transport: 'sse' }], clock, { stallSeconds: 0.3 });
  const r = startReading(source);
  await waitUntil(() => source.status().counts.reconnects >= 1, 'a reconnection after the stall');
  assert.match(source.status().recentErrors.find((e) => e.kind === 'stall')?.message ?? '', /pouet\.example #Brumaire: stream stalled \(no bytes for 0\.3 s\)/);
  await r.stop();

  const ws = await server('toot.example');
  const wsClock = testClock();
  const wsSource = testSource([{ server: ws }], wsClock, { stallSeconds: 0.3 });
  const r2 = startReading(wsSource);
  await waitUntil(() => ws.requests.length >= 1 && ws.listeners === 1, 'the subscription');
  // Quiet but alive: probes are answered, so the connection stays.
  await waitUntil(() => wsSource.status().lastMessageAt !== null, 'a probe answer');
  assert.equal(wsSource.status().counts.reconnects, 0);
  ws.stalled = true;
  await waitUntil(() => wsSource.status().counts.reconnects >= 1, 'a reconnection after the dead WebSocket');
  ws.stalled = false;
  assert.match(wsSource.status().recentErrors.find((e) => e.kind === 'stall')!.message, /no answer to the liveness probe/);
  await waitUntil(() => ws.listeners === 1, 'the new subscription');
  // Posted now: if a connection still stalls out before it arrives, the gap fill brings it.
  ws.post({ at: wsClock.now() });
  await r2.waitFor(1);
  await r2.stop();
});

test('restart from the checkpoint: the gap is filled, nothing lost, nothing twice; and a 429 and an empty rate limit are waited out', async () => {
  const now = { f: (): number => 0 };
  const srv = await server('pouet.example', () => now.f());
  const clock = testClock();
  now.f = () => clock.now();
  const first = startReading(testSource([{ server: srv }], clock, { gapFillMarginSeconds: 0 }));
  await waitUntil(() => srv.listeners === 1, 'the first reader');
  for (let i = 1; i <= 3; i++) srv.post({ at: at(i) });
  await first.waitFor(3);
  await first.stop();
  const checkpoint = first.lastCheckpoint();

  // While nothing listens: 50 statuses; then the restart meets a 429 and a rate limit running out.
  for (let i = 4; i <= 53; i++) srv.post({ at: at(i) });
  srv.restAnswers.push({ status: 429, headers: () => ({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': new Date(clock.now() + 45_000).toISOString() }) });
  srv.rateLimit = { limit: 300, remaining: 1, resetAt: clock.now() + 300_000 };
  const source = testSource([{ server: srv }], clock, { gapFillMarginSeconds: 0 });
  const second = startReading(source, checkpoint);
  await second.waitFor(50);
  await waitUntil(() => source.status().counts.gapFills === 1, 'the end of the gap fill');
  srv.post({ at: at(60) });
  await second.waitFor(51);
  await second.stop();

  const all = [...ids(first.items), ...ids(second.items)];
  assert.equal(all.length, 54);
  assert.equal(new Set(all).size, 54, 'none twice');
  assert.deepEqual(clock.delays, [45_000, 255_000], 'the 429 until its reset, then no request left until the window resets');
  const firstPage = srv.requests.find((q) => q.path === '/api/v1/timelines/tag/Brumaire');
  assert.equal(firstPage?.query.get('min_id'), snowflake(at(3)), 'from the checkpoint');
  assert.deepEqual(source.status().rateLimit, { limit: 300, remaining: 298, resetAt: clock.now() + 300_000 });

  // With the default margin, the statuses of the last 300 s before the checkpoint come again:
  // the same mention ids, which the pipeline upserts (a restart forgets what was yielded).
  const again = startReading(testSource([{ server: srv }], clock), second.lastCheckpoint());
  await again.waitFor(54);
  await again.stop();
  assert.equal(new Set(ids(again.items)).size, ids(again.items).length);
});

test('two instances: a status seen through both is yielded once, deletes and replies use the uri, ids stay local', async () => {
  const pouet = await server('pouet.example');
  const toot = await server('toot.example');
  const clock = testClock();
  const source = testSource([{ server: pouet }, { server: toot, transport: 'sse' }], clock);
  const r = startReading(source);
  await waitUntil(() => pouet.listeners === 1 && toot.listeners === 1, 'both instances');
  const uri = 'https://cidre.example/users/soizic/statuses/42';
  pouet.post({ at: at(1), localId: snowflake(at(1), 7), origin: 'cidre.example', author: 'soizic', uri });
  await r.waitFor(1);
  toot.post({ at: at(1), localId: snowflake(at(1) + 350, 2), origin: 'cidre.example', author: 'soizic', uri });
  toot.post({ at: at(2), inReplyTo: snowflake(at(1) + 350, 2), text: 'Brumaire répond' });
  await r.waitFor(2);
  toot.remove(snowflake(at(1) + 350, 2));
  await r.waitFor(1, 'delete');
  await r.stop();
  const ms = r.mentions();
  assert.deepEqual(
    ms.map((m) => m.id),
    [`mastodon:${uri}`, `mastodon:https://toot.example/users/yann/statuses/${snowflake(at(2))}`],
  );
  assert.equal(ms[1]!.relations.replyTo, `mastodon:${uri}`, 'the reply names the status by its uri');
  assert.ok(r.items.some((i) => i.kind === 'delete' && i.id === `mastodon:${uri}`));
  assert.deepEqual(JSON.parse(r.lastCheckpoint()!).streams, {
    'pouet.example': { 'hashtag:brumaire': snowflake(at(1), 7) },
    'toot.example': { 'hashtag:brumaire': snowflake(at(2)) },
  });
});

test('the public stream, over WebSocket and SSE, with its own checkpoint key', async () => {
  const srv = await server();
  const source = testSource(
    [
      { server: srv, hashtags: [], extra: { publicStream: 'all' } },
      { server: srv, transport: 'sse', hashtags: [], extra: { publicStream: 'all', domain: 'sse.example' } },
    ],
    testClock(),
  );
  const r = startReading(source);
  await waitUntil(() => srv.listeners === 2, 'both public streams');
  const s1 = srv.post({ at: at(1), tags: ['Autre'], text: 'rien à voir, mais public' });
  const s2 = srv.post({ at: at(2), tags: [] });
  await r.waitFor(2);
  await r.stop();
  assert.deepEqual(ids(r.items), [s1, s2].map((s) => `mastodon:${s.uri as string}`), 'each once, though sent on both');
  const cp = JSON.parse(r.lastCheckpoint()!) as { streams: Record<string, Record<string, string>> };
  assert.ok(Object.values(cp.streams).some((m) => m.public === snowflake(at(2))), r.lastCheckpoint()!);
  assert.ok(srv.requests.some((q) => q.path === '/api/v1/streaming/public'));
});

test('an unreadable checkpoint is reported and the source starts without it', async () => {
  const srv = await server();
  const source = testSource([{ server: srv }], testClock());
  const r = startReading(source, '{"sinceId":12}');
  await waitUntil(() => srv.listeners === 1, 'the subscription');
  srv.post({ at: at(1) });
  await r.waitFor(1);
  await r.stop();
  const e = source.status().recentErrors.find((x) => x.kind === 'checkpoint');
  assert.match(e?.message ?? '', /unreadable checkpoint .*starting without it/);
});

test('test(): token and stream checked per instance, failures say what to fix', async () => {
  const srv = await server();
  const ok = await testSource([{ server: srv }, { server: srv, transport: 'sse', extra: { domain: 'second.example' } }], testClock()).test();
  assert.equal(ok.ok, true, JSON.stringify(ok));
  assert.match((ok as { detail: string }).detail, /pouet\.example: token accepted \(app "Vigie test"\), WebSocket stream open; streams #Brumaire; second\.example: .*SSE stream open/);
  const bad = await testSource([{ server: srv, token: 'nope' }], testClock()).test();
  assert.equal(bad.ok, false);
  assert.match((bad as { error: string }).error, /HTTP 401: The access token is invalid \(create a token with the read:statuses scope and set sources\.masto\.instances\[0\]\.token\)/);
  const fromBrands = await testSource([{ server: srv, extra: { hashtagsFromBrands: true } }], testClock(), {}, () => [
    { id: 'brumaire', workspaceId: DEFAULT_WORKSPACE, name: 'Brumaire', aliases: ['Cidre Brumaire'], handles: [], keywords: [], queries: [{ id: 'q', text: '#Pommé OR cidre', enabled: true }], languages: [], ownedAccounts: [], employeeHandles: [], employeeDomains: [], createdAt: 0 },
  ]).test();
  assert.match((fromBrands as { detail: string }).detail, /streams #Brumaire, #Pommé, #CidreBrumaire$/);
  const empty = await testSource([{ server: srv, hashtags: [] }], testClock()).test();
  assert.match((empty as { error: string }).error, /nothing to stream/);
});

test('bad configuration is refused with the path and the fix', () => {
  assert.throws(() => testSource([], testClock()), /sources\.masto\.instances: expected at least one instance/);
  assert.throws(
    () => testSource([{ server: { url: 'ftp://x', domain: 'a.example', token: 't' } as MastodonTestServer }], testClock()),
    /sources\.masto\.instances\[0\]\.baseUrl: expected the instance URL: an http:\/\/ or https:\/\/ URL/,
  );
  assert.throws(() => testSource([{ server: { url: 'http://a', domain: 'a.example', token: 't' } as MastodonTestServer, hashtags: ['no spaces'] }], testClock()), /hashtags\[0\]: expected a hashtag/);
  assert.throws(() => testSource([{ server: { url: 'http://a', domain: 'a.example', token: 't' } as MastodonTestServer }], testClock(), { bogus: 1 }), /bogus/);
});
