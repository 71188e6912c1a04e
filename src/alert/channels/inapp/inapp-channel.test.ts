import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ChannelRegistry } from '../../delivery/registry.ts';
import { testMessage } from '../webhook/test-message.ts';
import { InAppHub, type InAppEvent } from './hub.ts';
import { createInAppChannel } from './inapp-channel.ts';
import { inAppHeading, type InAppPage } from './inapp-page.ts';

/** Opens a stream on the hub for `user` and collects the pages it receives. */
function window(hub: InAppHub, user: string): { pages: InAppPage[]; events: InAppEvent[]; close(): void } {
  const events: InAppEvent[] = [];
  const sub = hub.subscribe(user, { send: (e) => events.push(e), end: () => undefined });
  return {
    events,
    get pages() {
      return events.map((e) => JSON.parse(e.data) as InAppPage);
    },
    close: () => sub.close(),
  };
}

test('a page reaches the user\'s open window as a `page` event with the UI rendering of the message', async () => {
  const hub = new InAppHub();
  const w = window(hub, 'ana');
  const channel = createInAppChannel(hub);
  assert.equal(channel.kind, 'inapp');
  const m = testMessage({ samples: [...testMessage().samples, { text: 'bad link', author: 'x', url: 'javascript:alert(1)' }] });
  assert.deepEqual(await channel.send(m, { user: 'ana' }), { ok: true });
  assert.equal(w.events[0]?.name, 'page');
  assert.equal(w.events[0]?.key, m.deliveryId);
  const p = w.pages[0] as InAppPage;
  assert.equal(p.type, 'alert.page');
  assert.equal(p.alertId, m.alertId);
  assert.equal(p.deliveryId, m.deliveryId);
  assert.deepEqual(p.brand, m.brand);
  assert.equal(p.severity, 'SEV1');
  assert.equal(p.severityLabel, 'Critical');
  assert.equal(p.kindLabel, 'Negative mentions spike');
  assert.equal(p.title, m.title);
  assert.deepEqual(p.why, m.why);
  assert.equal(p.samples[0]?.text, m.samples[0]?.text, 'texts stay plain text; the UI escapes them');
  assert.equal(p.samples[2]?.url, null, 'a non-http link is dropped');
  assert.equal(p.url, m.url);
  assert.equal(p.ackUrl, m.ackUrl);
  assert.equal(p.startedAt, m.startedAt);
  assert.equal(p.startedAtIso, '2026-01-15T09:30:00.000Z');
  assert.equal(p.urgency, 'important');
  assert.equal(p.drill, false);
  assert.equal(p.drillNotice, null);
  assert.equal(p.lang, 'en');
  assert.equal(p.heading, 'SEV1 · Critical (Important page) — Pelican Bikes: Negative mentions 6× the usual level in 15 min');
});

test('headings are in the user\'s language and drills say DRILL / EXERCICE', () => {
  assert.equal(
    inAppHeading(testMessage({ lang: 'fr', urgency: 'normal', drill: true })),
    '[EXERCICE (DRILL)] SEV1 · Critique — Pelican Bikes\u00a0: Negative mentions 6× the usual level in 15 min',
  );
  assert.match(inAppHeading(testMessage({ drill: true })), /^\[DRILL\] SEV1 · Critical \(Important page\) — /);
  assert.equal(inAppHeading(testMessage({ brand: { id: 'b', name: 'Evil\nBrand' }, title: 'two\r\nlines' })).includes('\n'), false);
});

test('no open window: a retryable failure saying so (the outbox retries, then dead-letters)', async () => {
  const hub = new InAppHub();
  const channel = createInAppChannel(hub);
  const r = await channel.send(testMessage(), { user: 'ana' });
  assert.equal(r.ok, false);
  assert.ok(!r.ok && r.retryable);
  assert.match(!r.ok ? r.error : '', /user "ana" has no open Vigie window/);
  // A window of another user does not count.
  window(hub, 'bob');
  assert.equal((await channel.send(testMessage(), { user: 'ana' })).ok, false);
});

test('a redelivery of the same deliveryId shows once per window, and still counts as delivered', async () => {
  const hub = new InAppHub();
  const channel = createInAppChannel(hub);
  const w = window(hub, 'ana');
  const m = testMessage();
  assert.equal((await channel.send(m, { user: 'ana' })).ok, true);
  assert.equal((await channel.send(m, { user: 'ana' })).ok, true, 'the window has it: delivered');
  assert.equal(w.events.length, 1);
  assert.equal((await channel.send(testMessage({ deliveryId: 'dlv_other' }), { user: 'ana' })).ok, true);
  assert.equal(w.events.length, 2);
});

test('bad messages and targets are permanent failures naming the field', async () => {
  const channel = createInAppChannel(new InAppHub());
  const err = async (m = testMessage(), user = 'ana') => {
    const r = await channel.send(m, { user });
    assert.ok(!r.ok && !r.retryable, JSON.stringify(r));
    return r.ok ? '' : r.error;
  };
  assert.match(await err(testMessage({ ackUrl: 'javascript:x' })), /field ackUrl must be an absolute http\(s\) URL/);
  assert.match(await err(testMessage({ deliveryId: '' })), /deliveryId is empty/);
  assert.match(await err(testMessage(), ''), /names no user/);
});

test('through the ChannelRegistry: delivered to the window; drills reach only drill targets and say so', async () => {
  const hub = new InAppHub();
  const registry = new ChannelRegistry();
  registry.register('inapp', createInAppChannel(hub));
  assert.deepEqual(registry.kinds(), ['inapp']);
  const w = window(hub, 'ana');
  const app = { id: 'app', channel: 'inapp', target: { user: 'ana' } } as const;
  const out = await registry.deliver(app, testMessage({ lang: 'fr' }));
  assert.equal(out.outcome, 'delivered');
  assert.equal(w.pages[0]?.lang, 'fr');
  assert.equal((await registry.deliver(app, testMessage({ deliveryId: 'd2' }), { drill: true })).outcome, 'skipped-drill');
  assert.equal(w.events.length, 1, 'a drill reaches nobody who is not a drill target');
  assert.equal((await registry.deliver(app, testMessage({ deliveryId: 'd3' }), { drill: true, drillTargets: ['app'] })).outcome, 'delivered');
  assert.equal(w.pages[1]?.drill, true);
  assert.match(w.pages[1]?.heading ?? '', /^\[DRILL\]/);
  w.close();
  const none = await registry.deliver(app, testMessage({ deliveryId: 'd4' }));
  assert.ok(none.outcome === 'failed' && none.result.retryable);
});
