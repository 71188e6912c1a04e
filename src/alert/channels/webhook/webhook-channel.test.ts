import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createWebhookChannel, checkWebhookTarget } from './webhook-channel.ts';
import { generateWebhookSecret, verifyWebhook } from './standard-webhooks.ts';
import { closedPortUrl, reply, startReceiver } from './test-receiver.ts';
import { testMessage } from './test-message.ts';
import type { WebhookBody } from './webhook-body.ts';

const secret = generateWebhookSecret();

test('a receiver verifies the signature with verifyWebhook and reads the AlertMessage', async (t) => {
  const verdicts: string[] = [];
  const rx = await startReceiver((req, res) => {
    const v = verifyWebhook(secret, req.headers, req.body);
    verdicts.push(v.ok ? 'ok' : v.error);
    reply(res, v.ok ? 204 : 401);
  });
  t.after(() => rx.close());
  const channel = createWebhookChannel();
  const message = testMessage({ drill: true });
  const result = await channel.send(message, { url: rx.url, secret });
  assert.deepEqual(result, { ok: true, status: 204 });
  assert.deepEqual(verdicts, ['ok']);
  const req = rx.requests[0]!;
  assert.equal(req.headers['webhook-id'], message.deliveryId);
  assert.equal(req.headers['content-type'], 'application/json');
  const body = JSON.parse(req.body) as WebhookBody;
  assert.equal(body.type, 'alert.notification');
  assert.equal(body.version, 1);
  assert.equal(body.data.ackUrl, message.ackUrl);
  assert.equal(body.data.drill, true);
  assert.equal(body.data.startedAtIso, '2026-01-15T09:30:00.000Z');
  // A receiver holding another secret refuses the same delivery.
  const wrong = verifyWebhook(generateWebhookSecret(), req.headers, req.body);
  assert.equal(wrong.ok, false);
});

test('retries keep the same webhook-id; the timestamp follows the injected clock', async (t) => {
  const rx = await startReceiver((_req, res) => reply(res, 200, 'thanks'));
  t.after(() => rx.close());
  let now = Date.UTC(2026, 0, 15, 10, 0, 0);
  const channel = createWebhookChannel({ now: () => now });
  await channel.send(testMessage(), { url: rx.url, secret });
  now += 60_000;
  await channel.send(testMessage(), { url: rx.url, secret });
  const [a, b] = rx.requests;
  assert.equal(a!.headers['webhook-id'], b!.headers['webhook-id']);
  assert.equal(Number(b!.headers['webhook-timestamp']) - Number(a!.headers['webhook-timestamp']), 60);
  assert.equal(verifyWebhook(secret, b!.headers, b!.body, { now }).ok, true);
});

test('4xx is permanent, 5xx retryable, 429 retryable with Retry-After', async (t) => {
  const answers: [number, string, Record<string, string>][] = [
    [400, 'bad body', {}],
    [410, '', {}],
    [503, 'down', { 'retry-after': '7' }],
    [500, 'oops', {}],
    [429, 'slow down', { 'retry-after': '30' }],
    [301, '', { location: 'https://elsewhere.example/hook' }],
  ];
  let i = 0;
  const rx = await startReceiver((_req, res) => {
    const [status, body, headers] = answers[i++]!;
    reply(res, status, body, headers);
  });
  t.after(() => rx.close());
  const channel = createWebhookChannel();
  const results = [];
  for (let k = 0; k < answers.length; k++) results.push(await channel.send(testMessage(), { url: rx.url, secret }));
  assert.deepEqual(results[0], { ok: false, retryable: false, status: 400, error: 'webhook refused the message (HTTP 400): bad body' });
  assert.deepEqual(results[1], { ok: false, retryable: false, status: 410, error: 'webhook refused the message (HTTP 410)' });
  assert.deepEqual(results[2], { ok: false, retryable: true, status: 503, error: 'webhook answered HTTP 503: down', retryAfterMs: 7000 });
  assert.deepEqual(results[3], { ok: false, retryable: true, status: 500, error: 'webhook answered HTTP 500: oops' });
  assert.deepEqual(results[4], { ok: false, retryable: true, status: 429, error: 'webhook rate limit (HTTP 429): slow down', retryAfterMs: 30_000 });
  assert.equal(results[5]!.ok, false);
  assert.match(!results[5]!.ok ? results[5]!.error : '', /redirected \(HTTP 301\) to https:\/\/elsewhere.example\/hook/);
  assert.equal(!results[5]!.ok && results[5]!.retryable, false);
});

test('a timeout and a refused connection are retryable failures, not exceptions', async (t) => {
  const rx = await startReceiver(() => {
    /* never answers */
  });
  t.after(() => rx.close());
  const channel = createWebhookChannel({ timeoutMs: 200 });
  const started = performance.now();
  const slow = await channel.send(testMessage(), { url: rx.url, secret });
  const took = performance.now() - started;
  assert.equal(slow.ok, false);
  assert.equal(!slow.ok && slow.retryable, true);
  assert.match(!slow.ok ? slow.error : '', /no answer within 200 ms/);
  assert.ok(took < 2000, `timeout took ${took} ms`);
  const refused = await channel.send(testMessage(), { url: await closedPortUrl(), secret });
  assert.equal(!refused.ok && refused.retryable, true);
  assert.match(!refused.ok ? refused.error : '', /connection to 127\.0\.0\.1:\d+ failed \(ECONNREFUSED\)/);
});

test('an abort from the caller ends the attempt as a retryable failure', async (t) => {
  const rx = await startReceiver(() => {});
  t.after(() => rx.close());
  const ac = new AbortController();
  const pending = createWebhookChannel({ timeoutMs: 10_000 }).send(testMessage(), { url: rx.url, secret }, { signal: ac.signal });
  setTimeout(() => ac.abort(), 50);
  const r = await pending;
  assert.equal(!r.ok && r.retryable, true);
  assert.match(!r.ok ? r.error : '', /aborted/);
});

test('a slow endpoint does not hold back a send to another one', async (t) => {
  const slow = await startReceiver((_req, res) => setTimeout(() => reply(res, 200), 1500));
  const fast = await startReceiver((_req, res) => reply(res, 200));
  t.after(() => Promise.all([slow.close(), fast.close()]));
  const channel = createWebhookChannel();
  const order: string[] = [];
  const started = performance.now();
  let fastMs = 0;
  await Promise.all([
    channel.send(testMessage(), { url: slow.url, secret }).then((r) => order.push(`slow:${r.ok}`)),
    channel.send(testMessage(), { url: fast.url, secret }).then((r) => {
      fastMs = performance.now() - started;
      order.push(`fast:${r.ok}`);
    }),
  ]);
  assert.deepEqual(order, ['fast:true', 'slow:true']);
  assert.ok(fastMs < 1000, `fast send took ${fastMs} ms`);
});

test('bad targets are permanent failures naming the field, with no request sent', async () => {
  const channel = createWebhookChannel();
  const cases: [Parameters<typeof channel.send>[1], RegExp][] = [
    [{ url: 'not a url', secret }, /webhook url: "not a url" is not a valid URL/],
    [{ url: 'http://receiver.example/hook', secret }, /plain http is only allowed for localhost; use https:\/\/ for receiver.example/],
    [{ url: 'ftp://receiver.example/hook', secret }, /unsupported scheme "ftp:"/],
    [{ url: 'https://receiver.example/hook', secret: 'whsec_@@' }, /webhook secret: .* not valid base64/],
  ];
  for (const [target, expected] of cases) {
    const r = await channel.send(testMessage(), target);
    assert.equal(r.ok, false);
    assert.equal(!r.ok && r.retryable, false);
    assert.match(!r.ok ? r.error : '', expected);
  }
  const noId = await channel.send(testMessage({ deliveryId: '' }), { url: 'https://receiver.example/hook', secret });
  assert.match(!noId.ok ? noId.error : '', /deliveryId is empty/);
  assert.equal(checkWebhookTarget({ url: 'https://receiver.example/hook', secret }), undefined);
  assert.match(checkWebhookTarget({ url: 'https://receiver.example/hook', secret: '' }) ?? '', /secret: missing/);
});
