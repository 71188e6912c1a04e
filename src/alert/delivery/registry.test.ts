import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSlackChannel } from '../channels/slack/slack-channel.ts';
import { createWebhookChannel } from '../channels/webhook/webhook-channel.ts';
import { InAppHub } from '../channels/inapp/hub.ts';
import { createInAppChannel } from '../channels/inapp/inapp-channel.ts';
import { reply, startReceiver } from '../channels/webhook/test-receiver.ts';
import { testMessage } from '../channels/webhook/test-message.ts';
import type { Channel } from '../message.ts';
import { ChannelRegistry } from './registry.ts';
import type { Contact } from './user.ts';

const SECRET = 'whsec_' + Buffer.alloc(32, 9).toString('base64');

test('delivers through the channel registered for the contact kind (real HTTP receivers)', async () => {
  const slackSide = await startReceiver((_req, res) => reply(res, 200, 'ok'));
  const hookSide = await startReceiver((_req, res) => reply(res, 204));
  try {
    const registry = new ChannelRegistry({ slack: createSlackChannel({ timeoutMs: 2_000 }) });
    registry.register('webhook', createWebhookChannel({ timeoutMs: 2_000 }));
    assert.deepEqual(registry.kinds().sort(), ['slack', 'webhook']);
    const chat: Contact = { id: 'chat', channel: 'slack', target: { url: slackSide.url } };
    const hook: Contact = { id: 'hook', channel: 'webhook', target: { url: hookSide.url, secret: SECRET } };
    const a = await registry.deliver(chat, testMessage());
    assert.equal(a.outcome, 'delivered');
    assert.equal(slackSide.requests.length, 1);
    const b = await registry.deliver(hook, testMessage());
    assert.equal(b.outcome, 'delivered');
    assert.equal(hookSide.requests[0]?.headers['webhook-id'], testMessage().deliveryId);
  } finally {
    await slackSide.close();
    await hookSide.close();
  }
});

test('drill: only drill targets are really paged, and their page says DRILL; the others are recorded as skipped', async () => {
  const side = await startReceiver((_req, res) => reply(res, 200, 'ok'));
  try {
    const registry = new ChannelRegistry({ slack: createSlackChannel({ timeoutMs: 2_000 }) });
    const lead: Contact = { id: 'lead-chat', channel: 'slack', target: { url: side.url } };
    const ceo: Contact = { id: 'ceo-chat', channel: 'slack', target: { url: side.url } };
    const skipped = await registry.deliver(ceo, testMessage({ drill: false }), { drill: true, drillTargets: ['lead-chat'] });
    assert.equal(skipped.outcome, 'skipped-drill');
    assert.equal(skipped.drill, true);
    assert.equal(side.requests.length, 0, 'a drill must not reach a contact that is not allowed');
    // A message already marked drill is a drill even without the option.
    assert.equal((await registry.deliver(ceo, testMessage({ drill: true }))).outcome, 'skipped-drill');
    assert.equal(side.requests.length, 0);
    const sent = await registry.deliver(lead, testMessage({ drill: false }), { drill: true, drillTargets: ['lead-chat'] });
    assert.equal(sent.outcome, 'delivered');
    assert.equal(side.requests.length, 1);
    assert.match(side.requests[0]?.body ?? '', /DRILL/);
  } finally {
    await side.close();
  }
});

test('maintenance: nothing is sent, the delivery is recorded as skipped', async () => {
  const side = await startReceiver((_req, res) => reply(res, 200, 'ok'));
  try {
    const registry = new ChannelRegistry({ slack: createSlackChannel({ timeoutMs: 2_000 }) });
    const chat: Contact = { id: 'chat', channel: 'slack', target: { url: side.url } };
    const r = await registry.deliver(chat, testMessage(), { maintenance: true });
    assert.equal(r.outcome, 'skipped-maintenance');
    assert.ok(r.outcome === 'skipped-maintenance' && /maintenance mode is on/.test(r.reason));
    assert.equal(side.requests.length, 0);
  } finally {
    await side.close();
  }
});

test('failures come back as results: provider error, missing channel, throwing channel', async () => {
  const side = await startReceiver((_req, res) => reply(res, 503, 'busy'));
  try {
    const registry = new ChannelRegistry({ slack: createSlackChannel({ timeoutMs: 2_000 }) });
    const busy = await registry.deliver({ id: 'chat', channel: 'slack', target: { url: side.url } }, testMessage());
    assert.ok(busy.outcome === 'failed' && busy.result.retryable, JSON.stringify(busy));
    const none = await registry.deliver({ id: 'phone', channel: 'sms', target: { to: '+33612345678' } }, testMessage());
    assert.ok(none.outcome === 'failed' && !none.result.retryable);
    assert.ok(none.outcome === 'failed' && /no sms channel is configured/.test(none.result.error));
    const broken: Channel<{ to: string }> = {
      kind: 'email',
      send: () => Promise.reject(new Error('socket exploded')),
    };
    registry.register('email', broken);
    const thrown = await registry.deliver({ id: 'mail', channel: 'email', target: { to: 'a@example.com' } }, testMessage());
    assert.ok(thrown.outcome === 'failed' && thrown.result.retryable && /socket exploded/.test(thrown.result.error), JSON.stringify(thrown));
  } finally {
    await side.close();
  }
});

test('a channel registered under the wrong kind is refused', () => {
  const registry = new ChannelRegistry();
  // @ts-expect-error: a Slack channel cannot deliver e-mail contacts
  assert.throws(() => registry.register('email', createSlackChannel()), /the slack channel cannot deliver "email" contacts/);
});

test('in-app contacts go through the in-app channel; without one registered they fail permanently', async () => {
  const app: Contact = { id: 'app', channel: 'inapp', target: { user: 'ana' } };
  const bare = await new ChannelRegistry().deliver(app, testMessage());
  assert.ok(bare.outcome === 'failed' && !bare.result.retryable && /no inapp channel is configured/.test(bare.result.error));
  const hub = new InAppHub();
  const got: string[] = [];
  hub.subscribe('ana', { send: (e) => got.push(e.data), end: () => undefined });
  const registry = new ChannelRegistry({ inapp: createInAppChannel(hub) });
  assert.equal((await registry.deliver(app, testMessage())).outcome, 'delivered');
  assert.equal(got.length, 1);
  // @ts-expect-error: the in-app channel cannot deliver webhook contacts
  assert.throws(() => registry.register('webhook', createInAppChannel(hub)), /the inapp channel cannot deliver "webhook" contacts/);
});
