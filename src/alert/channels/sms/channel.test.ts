/**
 * The SMS channel against a real local HTTP server playing a Twilio-compatible API: it checks the
 * path, basic auth and form fields, answers 201, 400 with Twilio's error body, 401, 429 with
 * Retry-After, 500 and 503, or never answers; the channel must classify each without throwing.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import type net from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { AlertMessage } from '../../message.ts';
import { SMS_MAX_CHARS } from './body.ts';
import { createSmsChannel } from './channel.ts';

const SID = 'AC0123456789abcdef0123456789abcdef';
const TOKEN = 'secret-token';

function message(over: Partial<AlertMessage> = {}): AlertMessage {
  return {
    alertId: 'alrt_01',
    deliveryId: 'dlv_01',
    workspaceId: 'ws_1',
    brand: { id: 'b1', name: 'Lumen Tea' },
    severity: 'SEV1',
    kind: 'trigger_burst',
    title: 'Product safety complaints 6× usual',
    why: ['Category product_safety'],
    samples: [],
    url: 'https://vigie.example/alerts/alrt_01',
    ackUrl: 'https://vigie.example/a/Xy12',
    startedAt: 0,
    urgency: 'important',
    drill: false,
    lang: 'en',
    ...over,
  };
}

interface Call {
  method: string;
  path: string;
  authorization: string | undefined;
  contentType: string | undefined;
  form: URLSearchParams;
}

/** How the fake API answers the next calls. */
let answer: (res: http.ServerResponse) => void;
const calls: Call[] = [];
let server: http.Server;
let baseUrl = '';

function json(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

const created = (res: http.ServerResponse) =>
  json(res, 201, { sid: 'SM0123456789abcdef0123456789abcdef', status: 'queued', to: '+33612345678', from: '+15005550006' });

before(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      calls.push({
        method: req.method ?? '',
        path: req.url ?? '',
        authorization: req.headers.authorization,
        contentType: req.headers['content-type'],
        form: new URLSearchParams(Buffer.concat(chunks).toString('utf8')),
      });
      const expected = `Basic ${Buffer.from(`${SID}:${TOKEN}`).toString('base64')}`;
      if (req.headers.authorization !== expected) {
        return json(res, 401, { code: 20003, message: 'Authenticate', more_info: 'https://www.twilio.com/docs/errors/20003', status: 401 });
      }
      answer(res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
});

after(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  calls.length = 0;
  answer = created;
});

const channel = (over: Partial<Parameters<typeof createSmsChannel>[0]> = {}) =>
  createSmsChannel({ baseUrl, accountSid: SID, authToken: TOKEN, from: '+15005550006', timeoutMs: 5_000, ...over });

describe('sms channel: delivery to a Twilio-compatible API', () => {
  it('POSTs form-encoded To, From and Body with basic auth, and reads the 201 answer', async () => {
    const result = await channel().send(message(), { to: '+33612345678' });
    assert.deepEqual(result, { ok: true, status: 201, providerId: 'SM0123456789abcdef0123456789abcdef' });
    assert.equal(calls.length, 1);
    const c = calls[0]!;
    assert.equal(c.method, 'POST');
    assert.equal(c.path, `/2010-04-01/Accounts/${SID}/Messages.json`);
    assert.equal(c.contentType, 'application/x-www-form-urlencoded');
    assert.equal(c.form.get('To'), '+33612345678');
    assert.equal(c.form.get('From'), '+15005550006');
    assert.equal(c.form.get('Body'), 'SEV1 Critical | Lumen Tea: Product safety complaints 6× usual | Acknowledge: https://vigie.example/a/Xy12');
  });

  it('writes French and marks DRILL', async () => {
    const result = await channel().send(message({ lang: 'fr', drill: true, severity: 'SEV2' }), { to: '+33612345678' });
    assert.equal(result.ok, true);
    assert.equal(calls[0]!.form.get('Body'), '[DRILL] SEV2 Élevée | Lumen Tea: Product safety complaints 6× usual | Acquitter\u00a0: https://vigie.example/a/Xy12');
  });

  it('keeps the body within 320 characters, cutting the title but never the ack link', async () => {
    const ackUrl = 'https://vigie.example/ack/alrt_01?exp=1900000000&sig=' + 'a'.repeat(120);
    const long = message({ drill: true, brand: { id: 'b', name: 'B'.repeat(100) }, title: 'Very long title 😬 '.repeat(40), ackUrl });
    const result = await channel().send(long, { to: '+33612345678' });
    assert.equal(result.ok, true);
    const body = calls[0]!.form.get('Body') ?? '';
    assert.ok(body.length <= SMS_MAX_CHARS, `${body.length} chars`);
    assert.ok(body.length >= SMS_MAX_CHARS - 1, `uses the room: ${body.length}`);
    assert.ok(body.startsWith('[DRILL] SEV1 Critical | '));
    assert.ok(body.endsWith(` | Acknowledge: ${ackUrl}`));
    assert.ok(body.includes('…'));
    assert.ok(!/[\ud800-\udbff](?![\udc00-\udfff])/.test(body), 'no half emoji');
  });

  it('refuses, without calling the API, an ack link too long for an SMS, a bad number or a bad link', async () => {
    const tooLong = await channel().send(message({ ackUrl: 'https://vigie.example/' + 'x'.repeat(300) }), { to: '+33612345678' });
    const badTo = await channel().send(message(), { to: '0612345678' });
    const badUrl = await channel().send(message({ ackUrl: 'ftp://x' }), { to: '+33612345678' });
    for (const r of [tooLong, badTo, badUrl]) assert.deepEqual([r.ok, !r.ok && r.retryable], [false, false]);
    if (!tooLong.ok) assert.match(tooLong.error, /ackUrl is 322 characters/);
    if (!badTo.ok) assert.match(badTo.error, /field "to".*E\.164/);
    if (!badUrl.ok) assert.match(badUrl.error, /ackUrl/);
    assert.equal(calls.length, 0);
  });
});

describe('sms channel: failures are classified, never thrown', () => {
  it('400 with a Twilio error body is permanent and says why', async () => {
    answer = (res) =>
      json(res, 400, { code: 21211, message: "The 'To' number +33612345678 is not a valid phone number.", more_info: 'https://www.twilio.com/docs/errors/21211', status: 400 });
    const result = await channel().send(message(), { to: '+33612345678' });
    assert.equal(result.ok, false);
    if (!result.ok) {
      assert.equal(result.retryable, false);
      assert.equal(result.status, 400);
      assert.match(result.error, /HTTP 400: error 21211: The 'To' number \+33612345678 is not a valid phone number\. \(https:\/\/www\.twilio\.com\/docs\/errors\/21211\)/);
    }
  });

  it('wrong credentials (401) are permanent', async () => {
    const result = await channel({ authToken: 'wrong' }).send(message(), { to: '+33612345678' });
    assert.deepEqual([result.ok, !result.ok && result.retryable, !result.ok && result.status], [false, false, 401]);
    if (!result.ok) assert.match(result.error, /20003: Authenticate/);
  });

  it('429 is retryable with Retry-After in seconds; 503 with an HTTP date; 500 without', async () => {
    answer = (res) => json(res, 429, { code: 20429, message: 'Too Many Requests', status: 429 }, { 'retry-after': '7' });
    const r429 = await channel().send(message(), { to: '+33612345678' });
    assert.deepEqual(r429, { ok: false, retryable: true, status: 429, retryAfterMs: 7000, error: 'HTTP 429: error 20429: Too Many Requests' });

    const at = new Date(Date.now() + 60_000).toUTCString();
    answer = (res) => {
      res.writeHead(503, { 'retry-after': at, 'content-type': 'text/plain' });
      res.end('Service Unavailable');
    };
    const r503 = await channel().send(message(), { to: '+33612345678' });
    assert.equal(r503.ok, false);
    if (!r503.ok) {
      assert.equal(r503.retryable, true);
      assert.ok(r503.retryAfterMs !== undefined && r503.retryAfterMs > 55_000 && r503.retryAfterMs <= 60_000, String(r503.retryAfterMs));
      assert.equal(r503.error, 'HTTP 503: Service Unavailable');
    }

    answer = (res) => {
      res.writeHead(500);
      res.end();
    };
    const r500 = await channel().send(message(), { to: '+33612345678' });
    assert.deepEqual(r500, { ok: false, retryable: true, status: 500, error: 'HTTP 500: (empty body)' });
  });

  it('a server that never answers times out, retryable, within the deadline', async () => {
    answer = () => {}; // hold the request open
    const t0 = performance.now();
    const result = await channel({ timeoutMs: 300 }).send(message(), { to: '+33612345678' });
    const elapsed = performance.now() - t0;
    assert.deepEqual(result, { ok: false, retryable: true, error: 'HTTP timeout: no answer within 300 ms' });
    assert.ok(elapsed < 2_000, `took ${elapsed} ms`);
    server.closeAllConnections();
  });

  it('an unreachable port is retryable; a caller abort is retryable and says so', async () => {
    const probe = http.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const deadPort = (probe.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const refused = await channel({ baseUrl: `http://127.0.0.1:${deadPort}` }).send(message(), { to: '+33612345678' });
    assert.deepEqual([refused.ok, !refused.ok && refused.retryable], [false, true]);
    if (!refused.ok) assert.match(refused.error, /ECONNREFUSED/);

    answer = () => {};
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const aborted = await channel().send(message(), { to: '+33612345678' }, { signal: controller.signal });
    assert.deepEqual(aborted, { ok: false, retryable: true, error: 'HTTP request aborted' });
    server.closeAllConnections();
  });

  it('refuses a bad configuration at creation, naming the option', () => {
    assert.throws(() => createSmsChannel({ baseUrl: 'not a url', accountSid: SID, authToken: TOKEN, from: '+15005550006' }), /option "baseUrl"/);
    assert.throws(() => createSmsChannel({ baseUrl, accountSid: 'AC/../x', authToken: TOKEN, from: '+15005550006' }), /option "accountSid"/);
    assert.throws(() => createSmsChannel({ baseUrl, accountSid: SID, authToken: '', from: '+15005550006' }), /option "authToken"/);
    assert.throws(() => createSmsChannel({ baseUrl, accountSid: SID, authToken: TOKEN, from: '0612' }), /option "from"/);
    assert.doesNotThrow(() => createSmsChannel({ baseUrl, accountSid: SID, authToken: TOKEN, from: 'Vigie' }));
  });
});
