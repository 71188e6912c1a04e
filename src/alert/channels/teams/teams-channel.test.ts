import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTeamsChannel } from './teams-channel.ts';
import { escapeCardMarkdown, renderTeamsEnvelope, type CardElement } from './adaptive-card.ts';
import { closedPortUrl, reply, startReceiver, type ReceivedRequest } from '../webhook/test-receiver.ts';
import { testMessage } from '../webhook/test-message.ts';

/**
 * Plays a Teams Workflows trigger: accepts only the message envelope with an Adaptive Card ≥ 1.4
 * (a legacy MessageCard gets 400, like Workflows), answers 202 Accepted.
 */
function workflowsAnswer(req: ReceivedRequest): [number, string] {
  const p = JSON.parse(req.body) as { type?: string; attachments?: { contentType?: string; content?: CardElement }[] };
  const card = p.attachments?.[0];
  if (p.type !== 'message' || card?.contentType !== 'application/vnd.microsoft.card.adaptive') {
    return [400, '{"error":{"code":"InvalidRequestContent","message":"attachments must contain an adaptive card"}}'];
  }
  const c = card.content as { type?: string; version?: string };
  if (c.type !== 'AdaptiveCard' || Number(c.version) < 1.4) return [400, '{"error":{"code":"InvalidCard"}}'];
  return [202, ''];
}

test('Teams receives the Workflows envelope with an Adaptive Card 1.4 and OpenUrl actions', async (t) => {
  const rx = await startReceiver((req, res) => reply(res, ...workflowsAnswer(req)));
  t.after(() => rx.close());
  const m = testMessage();
  const r = await createTeamsChannel().send(m, { url: rx.url });
  assert.deepEqual(r, { ok: true, status: 202 });
  const env = JSON.parse(rx.requests[0]!.body) as ReturnType<typeof renderTeamsEnvelope>;
  const card = env.attachments[0].content as { version: string; body: CardElement[]; actions: CardElement[] };
  assert.equal(env.attachments[0].contentUrl, null);
  assert.equal(card.version, '1.4');
  assert.deepEqual(
    card.actions.map((a) => [a.type, a.title, a.url]),
    [
      ['Action.OpenUrl', 'Acknowledge', m.ackUrl],
      ['Action.OpenUrl', 'Open in Vigie', m.url],
    ],
  );
  const header = card.body[0]!;
  assert.equal(header.text, 'Critical (SEV1): Negative mentions 6× the usual level in 15 min');
  assert.equal(header.color, 'Attention');
  const facts = (card.body.find((b) => b.type === 'FactSet') as { facts: { title: string; value: string }[] }).facts;
  assert.deepEqual(facts.slice(0, 4).map((f) => f.title), ['Brand', 'Severity', 'Signal', 'Started']);
  assert.equal(facts[3]!.value, '2026-01-15 09:30 UTC');
  assert.deepEqual(facts[4], { title: 'Urgency', value: 'Important page' });
  const all = JSON.stringify(card.body);
  assert.ok(all.includes('[@rider\\\\_jo](https://social.example/p/1)'), all);
  assert.ok(all.includes('612 negative mentions (usual 95)'));
  assert.ok(!all.includes('DRILL'));
});

test('the legacy MessageCard is what Workflows refuses (the receiver above can fail)', async (t) => {
  const rx = await startReceiver((req, res) => reply(res, ...workflowsAnswer(req)));
  t.after(() => rx.close());
  const res = await fetch(rx.url, {
    method: 'POST',
    body: JSON.stringify({ '@type': 'MessageCard', '@context': 'https://schema.org/extensions', text: 'old' }),
  });
  assert.equal(res.status, 400);
});

test('drill cards carry a DRILL banner and title; French labels', () => {
  const env = renderTeamsEnvelope(testMessage({ drill: true, lang: 'fr', severity: 'SEV4' }));
  const card = env.attachments[0].content as { body: CardElement[]; actions: CardElement[]; fallbackText: string };
  assert.equal(card.body[0]!.type, 'Container');
  assert.match(JSON.stringify(card.body[0]), /DRILL\u00a0: ceci est un exercice/);
  assert.match(String(card.body[1]!.text), /^DRILL · Veille \(SEV4\)/);
  assert.match(card.fallbackText, /^\[DRILL\] SEV4/);
  assert.deepEqual(card.actions.map((a) => a.title), ['Acquitter', 'Ouvrir dans Vigie']);
  assert.equal(escapeCardMarkdown('[click](https://evil.example) *now*'), '\\[click\\](https://evil.example) \\*now\\*');
});

test('Teams failures: 400 permanent, 429 with Retry-After and 502 retryable, timeout, refused', async (t) => {
  const answers: [number, string, Record<string, string>][] = [
    [400, '{"error":{"code":"InvalidRequestContent"}}', {}],
    [401, '{"error":{"code":"DirectApiAuthorizationRequired"}}', {}],
    [429, '', { 'retry-after': '5' }],
    [502, 'bad gateway', {}],
  ];
  let i = 0;
  const rx = await startReceiver((_req, res) => reply(res, ...answers[i++]!));
  t.after(() => rx.close());
  const channel = createTeamsChannel();
  const results = [];
  for (let k = 0; k < answers.length; k++) results.push(await channel.send(testMessage(), { url: rx.url }));
  assert.deepEqual(
    results.map((r) => (r.ok ? 'ok' : `${r.retryable ? 'retry' : 'perm'} ${r.status} ${r.retryAfterMs ?? '-'}`)),
    ['perm 400 -', 'perm 401 -', 'retry 429 5000', 'retry 502 -'],
  );
  assert.match(!results[0]!.ok ? results[0]!.error : '', /Teams refused the message \(HTTP 400\): .*InvalidRequestContent/);
  const hang = await startReceiver(() => {});
  t.after(() => hang.close());
  const slow = await createTeamsChannel({ timeoutMs: 150 }).send(testMessage(), { url: hang.url });
  assert.match(!slow.ok && slow.retryable ? slow.error : '', /Teams: no answer within 150 ms/);
  const refused = await channel.send(testMessage(), { url: await closedPortUrl() });
  assert.match(!refused.ok && refused.retryable ? refused.error : '', /ECONNREFUSED/);
});

test('a javascript: sample link is never rendered; a bad alert link is refused before sending', async () => {
  const env = renderTeamsEnvelope(testMessage({ samples: [{ text: 'hi', author: '@x', url: 'javascript:alert(1)' }] }));
  assert.ok(!JSON.stringify(env).includes('javascript:'));
  const r = await createTeamsChannel().send(testMessage({ url: 'not a url' }), { url: 'https://teams.example/flow' });
  assert.match(!r.ok && !r.retryable ? r.error : '', /Teams: message .* field url must be an absolute/);
});
