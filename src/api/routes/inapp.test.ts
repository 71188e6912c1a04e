/**
 * The in-app stream on a real HTTP server (the API app with its error handling, on a real SQLite
 * store), read with fetch as a browser's EventSource would: pages delivered through the channel
 * registry arrive as `page` events, reconnection replays what was missed, disconnects leave the hub.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { InAppPage } from '../../alert/channels/inapp/inapp-page.ts';
import { testMessage } from '../../alert/channels/webhook/test-message.ts';
import type { Contact } from '../../alert/delivery/user.ts';
import { errorOf } from '../test-harness.ts';
import { startInAppApi } from './inapp-test-rig.ts';
import { eventually, openSse, type SseClient, type SseFrame } from './sse-test-client.ts';

const app = (user: string): Contact => ({ id: 'app', channel: 'inapp', target: { user } });
const isPage = (f: SseFrame): boolean => f.event === 'page';
const pageOf = (f: SseFrame): InAppPage => JSON.parse(f.data ?? 'null') as InAppPage;

test('a page delivered through the registry arrives on the user\'s stream as a `page` event with its JSON', async (t) => {
  const rig = await startInAppApi(t);
  const ana = await rig.open('ana');
  assert.equal(ana.status, 200);
  assert.match(ana.headers.get('content-type') ?? '', /^text\/event-stream/);
  assert.equal(ana.headers.get('cache-control'), 'no-cache, no-transform');
  const hello = await ana.next();
  assert.equal(hello.retry, 3000, 'a retry hint first');
  assert.equal((await ana.next()).id, 'boot1.0', 'then the stream\'s reconnection point');
  const bob = await rig.open('bob');
  await eventually(() => rig.hub.streams() === 2, 'both streams are subscribed');

  const out = await rig.registry.deliver(app('ana'), testMessage({ lang: 'fr' }));
  assert.equal(out.outcome, 'delivered');
  const f = await ana.next(isPage);
  assert.equal(f.id, 'boot1.1');
  const p = pageOf(f);
  assert.equal(p.deliveryId, testMessage().deliveryId);
  assert.equal(p.alertId, 'alr_test_42');
  assert.equal(p.lang, 'fr');
  assert.equal(p.severityLabel, 'Critique');
  assert.equal(p.ackUrl, testMessage().ackUrl);
  bob.close();
  assert.equal(bob.frames.filter(isPage).length, 0, 'another user\'s stream gets nothing');
});

test('keep-alive comments flow while nothing happens', async (t) => {
  const rig = await startInAppApi(t, { keepAliveMs: 20, retryMs: 500 });
  const ana = await rig.open('ana');
  assert.equal((await ana.next()).retry, 500);
  const ka = await ana.next((f) => f.comments.includes('keep-alive'));
  assert.equal(ka.event, null);
  assert.equal(ka.data, null, 'a comment is no event');
});

test('reconnecting with Last-Event-ID replays the missed pages and not the seen ones', async (t) => {
  const rig = await startInAppApi(t);
  const first = await rig.open('ana');
  await eventually(() => rig.hub.streams('ana') === 1, 'subscribed');
  await rig.registry.deliver(app('ana'), testMessage({ deliveryId: 'seen-1' }));
  await rig.registry.deliver(app('ana'), testMessage({ deliveryId: 'seen-2' }));
  await first.next((f) => isPage(f) && pageOf(f).deliveryId === 'seen-2');
  const last = first.lastEventId();
  assert.equal(last, 'boot1.2');
  first.close();
  await eventually(() => rig.hub.streams('ana') === 0, 'the dropped stream left the hub');

  const away = await rig.registry.deliver(app('ana'), testMessage({ deliveryId: 'missed-1' }));
  assert.ok(away.outcome === 'failed' && away.result.retryable, 'no window open: retryable');
  await rig.registry.deliver(app('bob'), testMessage({ deliveryId: 'bobs' }));
  await rig.registry.deliver(app('ana'), testMessage({ deliveryId: 'missed-2' }));

  const again = await rig.open('ana', { 'last-event-id': last ?? '' });
  const replayed = [pageOf(await again.next(isPage)), pageOf(await again.next(isPage))].map((p) => p.deliveryId);
  assert.deepEqual(replayed, ['missed-1', 'missed-2']);
  assert.equal((await again.next((f) => f.id !== null)).id, 'boot1.5', 'then its new reconnection point');
  // The outbox retries missed-1: the window already has it, so it counts as delivered and is not shown again.
  assert.equal((await rig.registry.deliver(app('ana'), testMessage({ deliveryId: 'missed-1' }))).outcome, 'delivered');
  await rig.registry.deliver(app('ana'), testMessage({ deliveryId: 'fresh' }));
  assert.equal(pageOf(await again.next(isPage)).deliveryId, 'fresh');
  assert.deepEqual(again.frames.filter(isPage).map((f) => pageOf(f).deliveryId), ['missed-1', 'missed-2', 'fresh']);

  // The same through ?lastEventId= for clients that cannot set headers.
  const byQuery = await openSse(`${rig.url}/api/inapp/stream?user=ana&lastEventId=boot1.5`);
  assert.deepEqual([pageOf(await byQuery.next(isPage)).deliveryId], ['fresh']);
  byQuery.close();
});

test('an id from another run replays nothing and a comment line says why', async (t) => {
  const rig = await startInAppApi(t);
  await rig.registry.deliver(app('ana'), testMessage());
  const ana = await rig.open('ana', { 'last-event-id': 'oldrun.7' });
  const note = await ana.next((f) => f.comments.length > 0);
  assert.match(note.comments[0] ?? '', /Last-Event-ID "oldrun\.7" is not from this run of Vigie/);
  await rig.registry.deliver(app('ana'), testMessage({ deliveryId: 'new' }));
  assert.equal(pageOf(await ana.next(isPage)).deliveryId, 'new', 'only pages published from now on');
});

test('a disconnect unsubscribes the stream (no leak), and closing the hub ends the open ones', async (t) => {
  const rig = await startInAppApi(t);
  const streams: SseClient[] = [];
  for (let i = 0; i < 5; i++) streams.push(await rig.open('ana'));
  await eventually(() => rig.hub.streams('ana') === 5, 'five streams subscribed');
  for (const s of streams) s.close();
  await eventually(() => rig.hub.streams('ana') === 0, 'every closed stream left the hub');
  const r = await rig.registry.deliver(app('ana'), testMessage());
  assert.ok(r.outcome === 'failed' && r.result.retryable && /no open Vigie window/.test(r.result.error), JSON.stringify(r));

  const open = await rig.open('ana');
  await eventually(() => rig.hub.streams('ana') === 1, 'subscribed');
  rig.hub.close('the server is stopping');
  await open.ended;
  assert.ok(open.frames.some((f) => f.comments.some((c) => c === 'closed: the server is stopping')));
});

test('a missing or unknown user is a JSON error naming the parameter; no alerting is 503', async (t) => {
  const rig = await startInAppApi(t);
  const missing = await fetch(`${rig.url}/api/inapp/stream`);
  assert.equal(missing.status, 400);
  const m = errorOf(await missing.json());
  assert.equal(m.code, 'bad_request');
  assert.match(m.message, /user: is required: the id of the user whose pages to stream/);
  const unknown = await fetch(`${rig.url}/api/inapp/stream?user=zoe`);
  assert.equal(unknown.status, 404);
  const u = errorOf(await unknown.json());
  assert.match(u.message, /no user "zoe"/);
  assert.deepEqual(u.details, [{ parameter: 'user', in: 'query', message: 'unknown user "zoe"' }]);
  const extra = await fetch(`${rig.url}/api/inapp/stream?user=ana&color=red`);
  assert.equal(extra.status, 400);
  assert.match(errorOf(await extra.json()).message, /color: unknown parameter/);
  assert.equal(rig.hub.streams(), 0, 'refused requests never subscribe');

  await assert.rejects(startInAppApi(t, { keepAliveMs: 0 }), /keepAliveMs must be a whole number of milliseconds from 10 to 3600000 \(got 0\)/);
  const off = await startInAppApi(t, null);
  const res = await fetch(`${off.url}/api/inapp/stream?user=ana`);
  assert.equal(res.status, 503);
  assert.match(errorOf(await res.json()).message, /set alerting\.enabled/);
});
