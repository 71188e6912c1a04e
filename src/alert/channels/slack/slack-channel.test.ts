import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSlackChannel } from './slack-channel.ts';
import { escapeMrkdwn, renderSlackPayload, type SlackPayload } from './slack-blocks.ts';
import { closedPortUrl, reply, startReceiver, type ReceivedRequest } from '../webhook/test-receiver.ts';
import { testMessage } from '../webhook/test-message.ts';

/** Plays Slack: refuses what Slack refuses (no text, non-JSON, unknown block types), answers `ok`. */
function slackAnswer(req: ReceivedRequest): [number, string] {
  let p: SlackPayload;
  try {
    p = JSON.parse(req.body) as SlackPayload;
  } catch {
    return [400, 'invalid_payload'];
  }
  if (typeof p.text !== 'string' || p.text === '') return [400, 'no_text'];
  const known = new Set(['header', 'section', 'divider', 'actions', 'context']);
  if (!Array.isArray(p.blocks) || p.blocks.length > 50 || p.blocks.some((b) => !known.has(String(b.type)))) {
    return [400, 'invalid_payload'];
  }
  return [200, 'ok'];
}

const texts = (p: SlackPayload): string => JSON.stringify(p.blocks);

test('Slack receives Block Kit with severity header, why, samples, Acknowledge and Open buttons', async (t) => {
  const rx = await startReceiver((req, res) => reply(res, ...slackAnswer(req)));
  t.after(() => rx.close());
  const m = testMessage();
  const r = await createSlackChannel().send(m, { url: rx.url });
  assert.deepEqual(r, { ok: true, status: 200 });
  const p = JSON.parse(rx.requests[0]!.body) as SlackPayload;
  assert.equal(p.text, 'SEV1 Pelican Bikes: Negative mentions 6× the usual level in 15 min');
  const header = p.blocks[0] as { type: string; text: { text: string } };
  assert.equal(header.type, 'header');
  assert.equal(header.text.text, ':rotating_light: Critical (SEV1): Negative mentions 6× the usual level in 15 min');
  const actions = p.blocks.find((b) => b.type === 'actions') as { elements: { text: { text: string }; url: string; style?: string }[] };
  assert.deepEqual(
    actions.elements.map((e) => [e.text.text, e.url, e.style]),
    [
      ['Acknowledge', m.ackUrl, 'primary'],
      ['Open in Vigie', m.url, undefined],
    ],
  );
  const all = texts(p);
  assert.ok(all.includes('612 negative mentions (usual 95)'));
  assert.ok(all.includes('<!date^1768469400^{date_short_pretty} {time}|2026-01-15 09:30 UTC>'));
  // Post text is escaped: no HTML-like tags or forged links reach Slack raw.
  assert.ok(all.includes('<https://social.example/p/1|@rider_jo>: My Pelican e-bike battery caught fire &lt;b&gt;twice&lt;/b&gt; &amp; nobody'));
  assert.ok(all.includes('unknown author: Recall when? @channel'));
  assert.ok(all.includes('Important page'));
  assert.ok(!all.includes('DRILL'));
});

test('drill pages say DRILL in the fallback, the header and a banner; French labels', async (t) => {
  const rx = await startReceiver((req, res) => reply(res, ...slackAnswer(req)));
  t.after(() => rx.close());
  const r = await createSlackChannel().send(testMessage({ drill: true, lang: 'fr', severity: 'SEV3' }), { url: rx.url });
  assert.equal(r.ok, true);
  const p = JSON.parse(rx.requests[0]!.body) as SlackPayload;
  assert.ok(p.text.startsWith('[DRILL] SEV3'));
  const header = p.blocks[0] as { text: { text: string } };
  assert.ok(header.text.text.startsWith('DRILL · :large_orange_circle: Moyenne (SEV3)'));
  const all = texts(p);
  assert.ok(all.includes('DRILL\u00a0: ceci est un exercice'));
  assert.ok(all.includes('"Acquitter"') && all.includes('Ouvrir dans Vigie') && all.includes('*Pourquoi*'));
});

test('Block Kit limits are kept for long titles', () => {
  const p = renderSlackPayload(testMessage({ title: 'x'.repeat(500) }));
  const header = p.blocks[0] as { text: { text: string } };
  assert.equal(Array.from(header.text.text).length, 150);
  assert.ok(header.text.text.endsWith('…'));
  assert.equal(escapeMrkdwn('<@U123> & <!here>'), '&lt;@U123&gt; &amp; &lt;!here&gt;');
});

test('Slack error codes: permanent with a hint, rate_limited and 5xx retryable', async (t) => {
  const answers: [number, string, Record<string, string>][] = [
    [400, 'invalid_payload', {}],
    [404, 'no_service', {}],
    [410, 'channel_is_archived', {}],
    [429, 'rate_limited', { 'retry-after': '12' }],
    [500, 'rollup_error', {}],
    [403, 'something_new', {}],
  ];
  let i = 0;
  const rx = await startReceiver((_req, res) => reply(res, ...answers[i++]!));
  t.after(() => rx.close());
  const channel = createSlackChannel();
  const results = [];
  for (let k = 0; k < answers.length; k++) results.push(await channel.send(testMessage(), { url: rx.url }));
  const summary = results.map((r) => (r.ok ? 'ok' : `${r.retryable ? 'retry' : 'perm'} ${r.status} ${r.error}`));
  assert.deepEqual(summary, [
    'perm 400 Slack: invalid_payload: Slack rejected the message format (a Vigie bug: report it)',
    'perm 404 Slack: no_service: the webhook was removed or the URL is wrong: create a new incoming webhook',
    'perm 410 Slack: channel_is_archived: the webhook channel is archived: unarchive it or create a new webhook',
    'retry 429 Slack rate limit (HTTP 429): rate_limited',
    'retry 500 Slack answered HTTP 500: rollup_error',
    'perm 403 Slack refused the message (HTTP 403): something_new',
  ]);
  assert.equal(!results[3]!.ok && results[3]!.retryAfterMs, 12_000);
});

test('Slack timeout and refused connection are retryable; a bad URL is permanent', async (t) => {
  const rx = await startReceiver(() => {});
  t.after(() => rx.close());
  const channel = createSlackChannel({ timeoutMs: 150 });
  const slow = await channel.send(testMessage(), { url: rx.url });
  assert.match(!slow.ok && slow.retryable ? slow.error : '', /Slack: no answer within 150 ms/);
  const refused = await channel.send(testMessage(), { url: await closedPortUrl() });
  assert.match(!refused.ok && refused.retryable ? refused.error : '', /ECONNREFUSED/);
  const bad = await channel.send(testMessage(), { url: 'hooks.slack.com/services/x' });
  assert.match(!bad.ok && !bad.retryable ? bad.error : '', /Slack webhook url: .* is not a valid URL/);
});

test('a javascript: sample link is never rendered; a bad ack link is refused before sending', async (t) => {
  const rx = await startReceiver((req, res) => reply(res, ...slackAnswer(req)));
  t.after(() => rx.close());
  const p = renderSlackPayload(testMessage({ samples: [{ text: 'hi', author: '@x', url: 'javascript:alert(1)' }] }));
  assert.ok(!texts(p).includes('javascript:'));
  assert.ok(texts(p).includes('• @x: hi'));
  const r = await createSlackChannel().send(testMessage({ ackUrl: 'javascript:alert(1)' }), { url: rx.url });
  assert.match(!r.ok && !r.retryable ? r.error : '', /Slack: message .* field ackUrl must be an absolute http\(s\) URL/);
  assert.equal(rx.requests.length, 0);
});
