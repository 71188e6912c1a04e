/**
 * The e-mail channel against a real SMTP server (smtp-server) started in the test process: the
 * mail is received, parsed and checked (headers, both parts, escaping, French and English, DRILL),
 * and failures (4xx and 5xx replies, an unreachable port, a server that never answers) are
 * classified as retryable or permanent without throwing.
 */
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import { SMTPServer } from 'smtp-server';
import type { AlertMessage } from '../../message.ts';
import { createEmailChannel, messageIdFor } from './channel.ts';
import { findPart, parseMime, type MimePart } from './test-mime.ts';

function message(over: Partial<AlertMessage> = {}): AlertMessage {
  return {
    alertId: 'alrt_01',
    deliveryId: 'dlv_01-step1',
    workspaceId: 'ws_1',
    brand: { id: 'b1', name: 'Lumen Tea' },
    severity: 'SEV2',
    kind: 'negative_volume',
    title: 'Negative mentions 5× the usual level in 15 min',
    why: ['42% negative (usual 9%)', '3 media accounts'],
    samples: [{ text: 'My tea tasted of soap, never again', author: '@jo', url: 'https://social.example/p/1' }],
    url: 'https://vigie.example/alerts/alrt_01',
    ackUrl: 'https://vigie.example/ack/alrt_01?exp=1900000000&sig=abc123',
    startedAt: Date.UTC(2026, 2, 12, 14, 12),
    urgency: 'normal',
    drill: false,
    lang: 'en',
    ...over,
  };
}

interface Received {
  from: string;
  to: string[];
  raw: string;
  mail: MimePart;
}

/** What the test server replies at RCPT TO and at the end of DATA (null: accept). */
const reject: { rcpt: { code: number; text: string } | null; data: { code: number; text: string } | null } = { rcpt: null, data: null };
const received: Received[] = [];
let server: SMTPServer;
let port = 0;

function smtpError(code: number, text: string): Error {
  return Object.assign(new Error(text), { responseCode: code });
}

before(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, cb) {
      if (reject.rcpt) return cb(smtpError(reject.rcpt.code, reject.rcpt.text));
      cb();
      void address;
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (reject.data) return cb(smtpError(reject.data.code, reject.data.text));
        const raw = Buffer.concat(chunks).toString('utf8');
        const from = session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address;
        received.push({ from, to: session.envelope.rcptTo.map((r) => r.address), raw, mail: parseMime(raw) });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.server.address() as net.AddressInfo).port;
});

after(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  received.length = 0;
  reject.rcpt = null;
  reject.data = null;
});

const smtp = () => ({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });

describe('email channel: delivery to a real SMTP server', () => {
  it('sends an English multipart mail with headers, text and HTML parts and the ack link', async () => {
    const channel = createEmailChannel(smtp(), { from: 'Vigie <alerts@vigie.example>', timeoutMs: 5_000 });
    const result = await channel.send(message(), { to: 'oncall@brand.example' });
    channel.close();
    assert.equal(result.ok, true, JSON.stringify(result));
    assert.equal(received.length, 1);
    const got = received[0]!;
    assert.equal(got.from, 'alerts@vigie.example');
    assert.deepEqual(got.to, ['oncall@brand.example']);
    const h = got.mail.headers;
    assert.equal(h.get('subject'), '[SEV2 · High] Lumen Tea: Negative mentions 5× the usual level in 15 min');
    assert.equal(h.get('message-id'), '<vigie.d.dlv_01-step1@vigie.example>');
    assert.equal(h.get('x-vigie-delivery-id'), 'dlv_01-step1');
    assert.equal(h.get('x-vigie-alert-id'), 'alrt_01');
    assert.equal(h.get('auto-submitted'), 'auto-generated');
    assert.equal(h.get('x-vigie-drill'), undefined);
    assert.match(h.get('content-type') ?? '', /^multipart\/alternative/);
    if (result.ok) {
      assert.equal(result.providerId, '<vigie.d.dlv_01-step1@vigie.example>');
      assert.equal(result.status, 250);
    }
    const text = findPart(got.mail, 'text/plain')?.body ?? '';
    const html = findPart(got.mail, 'text/html')?.body ?? '';
    assert.match(text, /What happened: Lumen Tea: Negative mentions 5× the usual level/);
    assert.match(text, /Severity: SEV2 · High \(Negative mentions spike\)/);
    assert.match(text, /- 42% negative \(usual 9%\)/);
    assert.match(text, /Started: 12 Mar 2026, 14:12 UTC/);
    assert.ok(text.includes('https://vigie.example/ack/alrt_01?exp=1900000000&sig=abc123'), text);
    assert.ok(text.includes('Open the alert in Vigie: https://vigie.example/alerts/alrt_01'));
    assert.ok(html.includes('<html lang="en">'));
    assert.ok(html.includes('href="https://vigie.example/ack/alrt_01?exp=1900000000&amp;sig=abc123"'), 'ack button link');
    assert.match(html, />Acknowledge<\/a>/);
    assert.ok(html.includes('My tea tasted of soap, never again'));
    assert.ok(html.includes('<a href="https://social.example/p/1">@jo</a>'));
  });

  it('writes French, marks DRILL in subject, header and body', async () => {
    const channel = createEmailChannel(smtp(), { from: 'alerts@vigie.example', timeoutMs: 5_000 });
    const result = await channel.send(message({ lang: 'fr', drill: true, severity: 'SEV1' }), { to: 'astreinte@brand.example' });
    channel.close();
    assert.equal(result.ok, true, JSON.stringify(result));
    const got = received[0]!;
    assert.equal(got.mail.headers.get('subject'), '[DRILL] [SEV1 · Critique] Lumen Tea: Negative mentions 5× the usual level in 15 min');
    assert.equal(got.mail.headers.get('x-vigie-drill'), 'yes');
    assert.equal(got.mail.headers.get('x-priority'), '1 (Highest)');
    const text = findPart(got.mail, 'text/plain')?.body ?? '';
    const html = findPart(got.mail, 'text/html')?.body ?? '';
    assert.ok(text.startsWith('DRILL\u00a0: ceci est un exercice'), text);
    assert.ok(text.includes('Gravité\u00a0: SEV1 · Critique (Pic de mentions négatives)'), text);
    assert.ok(text.includes('Début\u00a0: 12 mars 2026, 14:12 UTC'), text);
    assert.ok(text.includes('Acquitter (un clic, le lien expire)\u00a0:\nhttps://vigie.example/ack/'), text);
    assert.ok(html.includes('<html lang="fr">'));
    assert.match(html, />Acquitter<\/a>/);
    assert.ok(html.includes('DRILL\u00a0: ceci est un exercice'));
    assert.ok(html.includes('Ouvrir l&#39;alerte dans Vigie'));
  });

  it('escapes untrusted brand, title, reasons and posts in the HTML and never links javascript: URLs', async () => {
    const channel = createEmailChannel(smtp(), { from: 'alerts@vigie.example', timeoutMs: 5_000 });
    const evil = message({
      brand: { id: 'b', name: '<script>alert("brand")</script>' },
      title: 'Spike <b>bold</b> & "quoted"',
      why: ['<img src=x onerror=alert(1)>'],
      samples: [
        { text: '</blockquote><iframe src="https://evil.example"></iframe>', author: '<a href="x">me</a>', url: 'javascript:alert(1)' },
      ],
    });
    const result = await channel.send(evil, { to: 'oncall@brand.example' });
    channel.close();
    assert.equal(result.ok, true, JSON.stringify(result));
    const html = findPart(received[0]!.mail, 'text/html')?.body ?? '';
    assert.ok(!html.includes('<script'), 'no script tag');
    assert.ok(!html.includes('<img'), 'no img tag');
    assert.ok(!html.includes('<iframe'), 'no iframe');
    assert.ok(!html.includes('<b>bold'), 'no injected bold');
    assert.ok(!html.toLowerCase().includes('javascript:'), 'no javascript: link');
    assert.ok(html.includes('&lt;script&gt;alert(&quot;brand&quot;)&lt;/script&gt;'));
    assert.ok(html.includes('Spike &lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot;'));
    assert.ok(html.includes('&lt;a href=&quot;x&quot;&gt;me&lt;/a&gt;'));
    // The subject is one line even when the title carries line breaks (no header injection).
    const channel2 = createEmailChannel(smtp(), { from: 'alerts@vigie.example', timeoutMs: 5_000 });
    const r2 = await channel2.send(message({ title: 'a\r\nBcc: victim@example.com\r\nb' }), { to: 'oncall@brand.example' });
    channel2.close();
    assert.equal(r2.ok, true);
    assert.equal(received[1]!.mail.headers.get('subject'), '[SEV2 · High] Lumen Tea: a Bcc: victim@example.com b');
    assert.equal(received[1]!.mail.headers.get('bcc'), undefined);
    assert.deepEqual(received[1]!.to, ['oncall@brand.example']);
  });

  it('keeps the same Message-ID for a retried delivery and a different one for another delivery', async () => {
    const channel = createEmailChannel(smtp(), { from: 'alerts@vigie.example', timeoutMs: 5_000 });
    await channel.send(message(), { to: 'oncall@brand.example' });
    await channel.send(message(), { to: 'oncall@brand.example' });
    await channel.send(message({ deliveryId: 'dlv_02 with spaces/and<brackets>' }), { to: 'oncall@brand.example' });
    channel.close();
    const ids = received.map((r) => r.mail.headers.get('message-id'));
    assert.equal(ids[0], ids[1]);
    assert.notEqual(ids[0], ids[2]);
    assert.match(ids[2] ?? '', /^<vigie\.h\.[0-9a-f]{40}@vigie\.example>$/);
    assert.equal(ids[2], messageIdFor('dlv_02 with spaces/and<brackets>', 'vigie.example'));
  });
});

describe('email channel: failures are classified, never thrown', () => {
  it('a 4xx reply to RCPT TO is retryable, a 5xx one is permanent', async () => {
    const channel = createEmailChannel(smtp(), { from: 'alerts@vigie.example', timeoutMs: 5_000 });
    reject.rcpt = { code: 450, text: 'Mailbox busy, try later' };
    const temp = await channel.send(message(), { to: 'oncall@brand.example' });
    reject.rcpt = { code: 550, text: 'No such user' };
    const perm = await channel.send(message(), { to: 'oncall@brand.example' });
    channel.close();
    assert.equal(temp.ok, false);
    assert.equal(perm.ok, false);
    if (!temp.ok) {
      assert.equal(temp.retryable, true);
      assert.equal(temp.status, 450);
      assert.match(temp.error, /450.*Mailbox busy/);
    }
    if (!perm.ok) {
      assert.equal(perm.retryable, false);
      assert.equal(perm.status, 550);
      assert.match(perm.error, /550.*No such user/);
    }
    assert.equal(received.length, 0);
  });

  it('a 4xx reply after DATA is retryable, a 5xx one is permanent', async () => {
    const channel = createEmailChannel(smtp(), { from: 'alerts@vigie.example', timeoutMs: 5_000 });
    reject.data = { code: 451, text: 'Local error in processing' };
    const temp = await channel.send(message(), { to: 'oncall@brand.example' });
    reject.data = { code: 554, text: 'Message rejected as spam' };
    const perm = await channel.send(message(), { to: 'oncall@brand.example' });
    channel.close();
    assert.deepEqual([temp.ok, !temp.ok && temp.retryable, !temp.ok && temp.status], [false, true, 451]);
    assert.deepEqual([perm.ok, !perm.ok && perm.retryable, !perm.ok && perm.status], [false, false, 554]);
  });

  it('an unreachable port is a retryable connection failure', async () => {
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const deadPort = (probe.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const channel = createEmailChannel({ host: '127.0.0.1', port: deadPort, ignoreTLS: true }, { from: 'alerts@vigie.example', timeoutMs: 5_000 });
    const result = await channel.send(message(), { to: 'oncall@brand.example' });
    channel.close();
    assert.equal(result.ok, false);
    if (!result.ok) {
      assert.equal(result.retryable, true);
      assert.match(result.error, /ECONNREFUSED|ECONNECTION|ESOCKET/);
    }
  });

  it('a server that accepts the connection but never greets times out, retryable, within the deadline', async () => {
    const sockets: net.Socket[] = [];
    const silent = net.createServer((s) => sockets.push(s));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const silentPort = (silent.address() as net.AddressInfo).port;
    const channel = createEmailChannel({ host: '127.0.0.1', port: silentPort, ignoreTLS: true }, { from: 'alerts@vigie.example', timeoutMs: 300 });
    const t0 = performance.now();
    const result = await channel.send(message(), { to: 'oncall@brand.example' });
    const elapsed = performance.now() - t0;
    channel.close();
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
    assert.equal(result.ok, false);
    if (!result.ok) {
      assert.equal(result.retryable, true);
      assert.match(result.error, /tim(e|ed) ?out|ETIMEDOUT|Greeting/i);
    }
    assert.ok(elapsed < 2_000, `took ${elapsed} ms`);
  });

  it('a TLS certificate failure is permanent and says to check the certificate', async () => {
    // smtp-server's built-in certificate is self-signed (and expired): a verifying client refuses it.
    const tlsServer = new SMTPServer({ secure: true, authOptional: true, logger: false, onData: (s, _x, cb) => s.on('end', () => cb()).resume() });
    tlsServer.on('error', () => {}); // the server sees the client hang up during the handshake
    await new Promise<void>((resolve) => tlsServer.listen(0, '127.0.0.1', resolve));
    const tlsPort = (tlsServer.server.address() as net.AddressInfo).port;
    const channel = createEmailChannel({ host: '127.0.0.1', port: tlsPort, secure: true }, { from: 'alerts@vigie.example', timeoutMs: 5_000 });
    const result = await channel.send(message(), { to: 'oncall@brand.example' });
    channel.close();
    await new Promise<void>((resolve) => tlsServer.close(() => resolve()));
    assert.equal(result.ok, false);
    if (!result.ok) {
      assert.equal(result.retryable, false);
      assert.match(result.error, /certificate.*TLS: check/);
    }
  });

  it('refuses a bad target or message without connecting, and honours an abort', async () => {
    const channel = createEmailChannel(smtp(), { from: 'alerts@vigie.example', timeoutMs: 5_000 });
    const badTo = await channel.send(message(), { to: 'a@b.example, c@d.example' });
    const badAck = await channel.send(message({ ackUrl: 'javascript:alert(1)' }), { to: 'oncall@brand.example' });
    const controller = new AbortController();
    controller.abort();
    const aborted = await channel.send(message(), { to: 'oncall@brand.example' }, { signal: controller.signal });
    channel.close();
    assert.deepEqual([badTo.ok, !badTo.ok && badTo.retryable], [false, false]);
    if (!badTo.ok) assert.match(badTo.error, /field "to"/);
    assert.deepEqual([badAck.ok, !badAck.ok && badAck.retryable], [false, false]);
    if (!badAck.ok) assert.match(badAck.error, /ackUrl/);
    assert.deepEqual([aborted.ok, !aborted.ok && aborted.retryable], [false, true]);
    assert.equal(received.length, 0);
  });

  it('refuses a bad configuration at creation, naming the option', () => {
    assert.throws(() => createEmailChannel(smtp(), { from: 'not an address' }), /option "from"/);
    assert.throws(() => createEmailChannel(smtp(), { from: 'a@b.example', timeoutMs: 0 }), /option "timeoutMs"/);
    assert.throws(() => createEmailChannel(smtp(), { from: 'a@b.example', messageIdDomain: 'bad domain>' }), /option "messageIdDomain"/);
  });
});
