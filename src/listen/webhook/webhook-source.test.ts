/**
 * The inbound webhook source through the real API on a real HTTP server, the real pipeline and a
 * SQLite store: signed requests per Standard Webhooks (good, bad signature, stale timestamp,
 * replay), malformed bodies (400 naming the field), a full queue (429 with Retry-After), a stopped
 * source (503) and the checkpoint kept across a restart.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generateWebhookSecret, signWebhook } from '../../alert/channels/webhook/standard-webhooks.ts';
import { eventually, RIG_WS, startRig } from '../sources/test-rig.ts';
import { checkpointOf, createWebhookSource } from './webhook-source.ts';

const SECRET = generateWebhookSecret();
const secrets = { env: { KERBRAT_HOOK: SECRET }, key: () => Buffer.alloc(32) };

function mention(n: number, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: `avis-${n}`,
    text: `Le pain de Kerbrat avait un goût de brûlé ce matin (${n})`,
    createdAt: new Date(Date.now() - 60_000 + n).toISOString(),
    url: `https://avis.example/kerbrat/${n}`,
    author: { id: `client-${n}`, handle: `client${n}`, followers: 12 },
    ...over,
  };
}

async function post(url: string, body: unknown, o: { id: string; ts?: number; secret?: string; raw?: string }): Promise<{ status: number; body: Record<string, unknown>; retryAfter: string | null }> {
  const text = o.raw ?? JSON.stringify(body);
  const ts = o.ts ?? Math.floor(Date.now() / 1000);
  const res = await fetch(`${url}/api/sources/hook/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'webhook-id': o.id, 'webhook-timestamp': String(ts), 'webhook-signature': signWebhook(o.secret ?? SECRET, o.id, ts, text) },
    body: text,
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, retryAfter: res.headers.get('retry-after') };
}

test('signed mentions are stored once; bad signatures, stale timestamps and malformed bodies are refused with the reason', async (t) => {
  const rig = await startRig(t, { entries: [{ id: 'hook', kind: 'webhook', enabled: true, settings: { secret: 'env:KERBRAT_HOOK' } }], secrets });
  const count = (): Promise<number> => rig.store.countMentions(RIG_WS);

  assert.deepEqual((await post(rig.url, mention(1), { id: 'msg_1' })).body, { accepted: 1, webhookId: 'msg_1' });
  const two = await post(rig.url, { mentions: [mention(2), mention(3, { platform: 'rss', lang: 'fr' })] }, { id: 'msg_2' });
  assert.equal(two.status, 202);
  assert.equal(two.body.accepted, 2);
  await eventually(async () => (await count()) === 3, 5000, '3 mentions stored');
  const stored = await rig.store.getMention(RIG_WS, 'rss:avis-3');
  assert.equal(stored?.url, 'https://avis.example/kerbrat/3');
  assert.deepEqual(stored?.brandIds, ['kerbrat']);

  const replay = await post(rig.url, mention(1), { id: 'msg_1' });
  assert.equal(replay.status, 200);
  assert.equal(replay.body.duplicate, true);

  const forged = await post(rig.url, mention(4), { id: 'msg_4', secret: generateWebhookSecret() });
  assert.equal(forged.status, 401);
  assert.match(String((forged.body.error as { message: string }).message), /no v1 signature matches the body/);
  const stale = await post(rig.url, mention(5), { id: 'msg_5', ts: Math.floor(Date.now() / 1000) - 3600 });
  assert.equal(stale.status, 401);
  assert.match(String((stale.body.error as { message: string }).message), /webhook-timestamp is 3600 s away from now \(tolerance 300 s\)/);

  const badDate = await post(rig.url, { mentions: [mention(6), mention(7, { createdAt: 'hier soir' })] }, { id: 'msg_6' });
  assert.equal(badDate.status, 400);
  assert.match(String((badDate.body.error as { message: string }).message), /^mentions\[1\]\.createdAt: expected an ISO 8601 date/);
  const { text: _, ...noText } = mention(8);
  const missing = await post(rig.url, [noText], { id: 'msg_8' });
  assert.match(String((missing.body.error as { message: string }).message), /^\[0\]\.text: missing; expected a string/);
  const unknown = await post(rig.url, mention(9, { likes: 3 }), { id: 'msg_9' });
  assert.match(String((unknown.body.error as { message: string }).message), /^likes: unknown key/);
  const notJson = await post(rig.url, null, { id: 'msg_10', raw: '{"id": "a",' });
  assert.equal(notJson.status, 400);
  assert.match(String((notJson.body.error as { message: string }).message), /^\(body\): not JSON/);
  // A refused request may be sent again once fixed, with the same webhook-id.
  assert.equal((await post(rig.url, { mentions: [mention(6), mention(7)] }, { id: 'msg_6' })).status, 202);
  await eventually(async () => (await count()) === 5, 5000, '5 mentions stored');

  const status = rig.manager.statusOf('hook');
  assert.equal(status.run, 'running');
  assert.equal(status.source?.state, 'connected');
  assert.equal(status.source?.counts.mentions, 5);
  assert.ok((status.source?.errors ?? 0) >= 5, 'refused requests are counted as errors');
  await eventually(async () => (await rig.store.getCheckpoint(RIG_WS, 'hook')) === checkpointOf('msg_6'), 5000, 'the checkpoint');

  // Stopped: 503 with Retry-After. After a restart the checkpoint's webhook-id is still a duplicate.
  await rig.manager.stop('hook');
  const stopped = await post(rig.url, mention(11), { id: 'msg_11' });
  assert.equal(stopped.status, 503);
  assert.equal(stopped.retryAfter, '30');
  assert.match(String((stopped.body.error as { message: string }).message), /not running \(stopped\); start it with `vigie sources start hook`/);
  await rig.manager.start('hook');
  await rig.manager.close();
  await rig.restart();
  assert.equal((await post(rig.url, { mentions: [mention(6), mention(7)] }, { id: 'msg_6' })).body.duplicate, true);
  assert.equal(await count(), 5);
});

test('a full queue answers 429 with Retry-After and takes the request once there is room', async () => {
  const source = createWebhookSource({ secret: SECRET, maxQueue: 3, retryAfterSeconds: 7 }, { id: 'hook', brands: () => [] });
  const signed = (id: string, body: unknown) => {
    const text = JSON.stringify(body);
    const ts = Math.floor(Date.now() / 1000);
    return { headers: { 'webhook-id': id, 'webhook-timestamp': String(ts), 'webhook-signature': signWebhook(SECRET, id, ts, text) }, body: text };
  };
  assert.equal(source.receive(signed('a', mention(1))).status, 503, 'not reading yet');
  const ctrl = new AbortController();
  const it = source.read({ signal: ctrl.signal })[Symbol.asyncIterator]();
  const first = it.next();
  await new Promise((r) => setImmediate(r));
  assert.equal(source.receive(signed('a', [mention(1), mention(2), mention(3)])).status, 202);
  assert.equal((await first).value?.kind, 'mention');
  const full = source.receive(signed('b', [mention(4), mention(5)]));
  assert.equal(full.status, 429);
  assert.equal(full.headers?.['retry-after'], '7');
  assert.match(String((full.body.error as { message: string }).message), /queue of source "hook" is full \(2 of 3\); retry after 7 s/);
  assert.equal((await it.next()).value?.kind, 'mention');
  assert.equal(source.receive(signed('b', [mention(4), mention(5)])).status, 202, 'the same webhook-id is taken once there is room');
  const ids: string[] = [];
  for (let i = 0; i < 3; i++) {
    const r = await it.next();
    if (r.value?.kind === 'mention') ids.push(r.value.mention.id);
  }
  assert.deepEqual(ids, ['webhook:avis-3', 'webhook:avis-4', 'webhook:avis-5']);
  ctrl.abort();
  assert.equal((await it.next()).done, true);
  assert.equal(source.status().state, 'stopped');
});

test('a signed malformed body is answered 400 and stored as a reject (reason, 2 kB excerpt); unsigned or forged ones are not', async (t) => {
  const rig = await startRig(t, { entries: [{ id: 'hook', kind: 'webhook', enabled: true, settings: { secret: 'env:KERBRAT_HOOK' } }], secrets });
  const rejects = () => rig.store.listRejects(RIG_WS, { source: 'hook', limit: 20 });

  assert.equal((await post(rig.url, mention(1), { id: 'msg_1' })).status, 202);
  const badDate = await post(rig.url, { mentions: [mention(2), mention(3, { createdAt: 'hier soir' })] }, { id: 'msg_2' });
  assert.equal(badDate.status, 400);
  const long = `{"id": "x", "text": "${'é'.repeat(3000)}`;
  const notJson = await post(rig.url, null, { id: 'msg_3', raw: long });
  assert.equal(notJson.status, 400);
  // Neither a forged signature nor a stale timestamp is recorded: anyone can send those.
  assert.equal((await post(rig.url, null, { id: 'msg_4', raw: '{', secret: generateWebhookSecret() })).status, 401);
  assert.equal((await post(rig.url, null, { id: 'msg_5', raw: '{', ts: Math.floor(Date.now() / 1000) - 3600 })).status, 401);
  const unsigned = await fetch(`${rig.url}/api/sources/hook/webhook`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' });
  assert.equal(unsigned.status, 401);
  await unsigned.arrayBuffer();

  await eventually(async () => (await rejects()).length === 2, 5000, '2 rejects stored');
  const stored = await rejects();
  const byReason = new Map(stored.map((r) => [r.reason, r]));
  const dateMessage = String((badDate.body.error as { message: string }).message);
  const jsonMessage = String((notJson.body.error as { message: string }).message);
  assert.deepEqual([...byReason.keys()].sort(), [dateMessage, jsonMessage].sort(), 'the reason is the message the sender got');
  assert.match(dateMessage, /^mentions\[1\]\.createdAt: expected an ISO 8601 date/);
  const date = byReason.get(dateMessage)!;
  assert.equal(date.source, 'hook');
  assert.equal(date.line, null);
  assert.match(date.excerpt, /^\{"mentions":\[\{"id":"avis-2".*"createdAt":"hier soir"/);
  const cut = byReason.get(jsonMessage)!.excerpt;
  assert.ok(Buffer.byteLength(cut) <= 2048 && Buffer.byteLength(cut) > 2040, `cut to 2 kB (got ${Buffer.byteLength(cut)} bytes)`);
  assert.ok(long.startsWith(cut), 'the excerpt is the start of the body, not cut inside a character');
  assert.equal(await rig.store.countMentions(RIG_WS), 1, 'nothing of a refused request is stored');

  const status = rig.manager.statusOf('hook');
  assert.equal(status.source?.counts.rejects, 2);
  // The rejects did not move the checkpoint past msg_1: msg_2, fixed, is still taken after a restart.
  await rig.manager.close();
  await rig.restart();
  assert.equal((await post(rig.url, { mentions: [mention(2), mention(3)] }, { id: 'msg_2' })).status, 202);
  await eventually(async () => (await rig.store.countMentions(RIG_WS)) === 3, 5000, '3 mentions stored');
});

test('a reject takes a place in the queue, keeps the checkpoint in force, and waits (429) when the queue is full', async () => {
  const source = createWebhookSource({ secret: SECRET, maxQueue: 2, retryAfterSeconds: 7 }, { id: 'hook', brands: () => [] });
  const signed = (id: string, text: string) => {
    const ts = Math.floor(Date.now() / 1000);
    return { headers: { 'webhook-id': id, 'webhook-timestamp': String(ts), 'webhook-signature': signWebhook(SECRET, id, ts, text) }, body: text };
  };
  const ctrl = new AbortController();
  const it = source.read({ from: checkpointOf('before'), signal: ctrl.signal })[Symbol.asyncIterator]();
  const first = it.next();
  await new Promise((r) => setImmediate(r));
  assert.equal(source.receive(signed('bad-1', '[1]')).status, 400);
  const r1 = (await first).value;
  assert.equal(r1?.kind, 'reject');
  const reject1 = r1?.kind === 'reject' ? r1.reject : null;
  assert.equal(reject1?.source, 'hook');
  assert.equal(reject1?.line, null);
  assert.equal(reject1?.excerpt, '[1]');
  assert.match(reject1?.reason ?? '', /^\[0\]: expected a mention object/);
  assert.equal(r1?.checkpoint, checkpointOf('before'), 'a reject does not move the checkpoint');

  assert.equal(source.receive(signed('ok-1', JSON.stringify(mention(1)))).status, 202);
  assert.equal(source.receive(signed('bad-2', 'nope\u0000')).status, 400);
  const full = source.receive(signed('bad-3', '{'));
  assert.equal(full.status, 429, 'no room for the reject: the sender comes back rather than it being lost');
  assert.equal(full.headers?.['retry-after'], '7');
  const m = (await it.next()).value;
  assert.equal(m?.kind, 'mention');
  assert.equal(m?.checkpoint, checkpointOf('ok-1'));
  const r2 = (await it.next()).value;
  assert.equal(r2?.kind, 'reject');
  assert.equal(r2?.checkpoint, checkpointOf('ok-1'));
  assert.equal(r2?.kind === 'reject' ? r2.reject.excerpt : null, 'nope', 'NULs are left out of the excerpt');
  assert.match(r2?.kind === 'reject' ? r2.reject.reason : '', /^\(body\): not JSON/);
  assert.equal(source.receive(signed('bad-3', '{')).status, 400, 'taken once there is room');
  assert.equal((await it.next()).value?.kind, 'reject');
  assert.equal(source.status().counts.rejects, 3);
  ctrl.abort();
  assert.equal((await it.next()).done, true);
});
