/**
 * The alert routes over real HTTP, on a real SQLite store and the real escalation engine whose
 * pages go to a local webhook receiver: list, show, ack, resolve, silence, the one-click ack link
 * (HTML in the user's language), dead letters with requeue, quality figures, and the errors.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { parseAlertingFile } from '../../alert/config-file.ts';
import { createWebhookChannel } from '../../alert/channels/webhook/webhook-channel.ts';
import { reply, startReceiver } from '../../alert/channels/webhook/test-receiver.ts';
import { ChannelRegistry } from '../../alert/delivery/registry.ts';
import { AlertEngine } from '../../alert/engine/engine.ts';
import type { AlertMessage } from '../../alert/message.ts';
import { alertingFileYaml, lumenSignal } from '../../alert/test-alerting-file.ts';
import { ManualClock } from '../../domain/clock.ts';
import type { Signal } from '../../domain/signal.ts';
import { createMetrics } from '../../observe/metrics.ts';
import { openStore } from '../../store/open.ts';
import type { Store } from '../../store/store.ts';
import { createApp } from '../app.ts';
import { startServer } from '../server.ts';
import { errorOf, NOW, WS } from '../test-harness.ts';

const SECRET = 'an-ack-secret-of-32-characters!!';

interface Rig {
  url: string;
  store: Store;
  engine: AlertEngine;
  clock: ManualClock;
  pages: () => AlertMessage[];
  call(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown; text: string; type: string | null }>;
}

/** `deadFor`: the receiver answers 410 for this user's hook (a permanent failure → dead letter). */
async function rig(t: TestContext, options: { alerting?: boolean; deadFor?: string } = {}): Promise<Rig> {
  const receiver = await startReceiver((req, res) => reply(res, options.deadFor !== undefined && req.path.endsWith(`to=${options.deadFor}`) ? 410 : 200, 'ok'));
  const dir = mkdtempSync(join(tmpdir(), 'vigie-api-alerts-'));
  const store = await openStore({ sqlitePath: join(dir, 'vigie.db') });
  await store.upsertWorkspace({ id: WS, name: 'Lumen Coffee Co', createdAt: NOW });
  const clock = new ManualClock(NOW);
  const file = parseAlertingFile(alertingFileYaml(`${receiver.url}/hook`), 'alerting.yaml');
  const engine = new AlertEngine({
    store, workspaceId: WS, config: () => ({ ...file.config, brandNames: { lumen: 'Lumen Coffee' } }), clock: () => clock.now(),
    registry: new ChannelRegistry({ webhook: createWebhookChannel({ timeoutMs: 2000 }) }),
    baseUrl: 'https://vigie.example/api', ackSecret: SECRET, random: () => 0.5,
  });
  const langOf = (user: string) => file.config.users.find((u) => u.id === user)?.lang ?? 'en';
  const app = createApp({
    store, workspaceId: WS, metrics: createMetrics({ defaults: false }), clock,
    ...(options.alerting === false ? {} : { alerting: { engine, ackSecret: SECRET, langOf } }),
  });
  const server = await startServer(app, { host: '127.0.0.1', port: 0 });
  t.after(async () => {
    await server.close();
    await receiver.close();
    await store.close().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    url: server.url, store, engine, clock,
    pages: () => receiver.requests.map((r) => (JSON.parse(r.body) as { data: AlertMessage }).data),
    async call(method, path, body) {
      const res = await fetch(server.url + path, { method, ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }) });
      const text = await res.text();
      const type = res.headers.get('content-type');
      return { status: res.status, body: type?.includes('json') ? JSON.parse(text) : null, text, type };
    },
  };
}

const signal = (i: number, over: Partial<Signal> = {}): Signal => lumenSignal(WS, NOW, i, over);

/** One alert paged to the on-call user (ana this week); returns its id. */
async function paged(r: Rig, i = 0, over: Partial<Signal> = {}): Promise<string> {
  r.clock.set(Math.max(r.clock.now(), NOW + i * 60_000));
  const applied = await r.engine.onSignal(signal(i, over));
  await r.engine.runDue(r.clock.now());
  await r.engine.deliverDue(r.clock.now());
  return applied.alert.id;
}

type Alerts = { alerts: { id: string; status: string; brandId: string; createdAtIso: string }[]; nextCursor: string | null };

test('alerts are listed newest first with filters and pages, and one is shown with its escalation', async (t) => {
  const r = await rig(t);
  const a = await paged(r, 0);
  const b = await paged(r, 1, { kind: 'volume' });
  const c = await paged(r, 2, { brandId: 'other', id: 'sig-other' });
  const all = await r.call('GET', '/api/alerts');
  assert.equal(all.status, 200, all.text);
  assert.deepEqual((all.body as Alerts).alerts.map((x) => x.id), [c, b, a]);
  assert.equal((all.body as Alerts).alerts[2]?.createdAtIso, new Date(NOW).toISOString());
  assert.equal('workspaceId' in ((all.body as Alerts).alerts[0] ?? {}), false);
  const lumen = (await r.call('GET', '/api/alerts?brand=lumen&limit=1')).body as Alerts;
  assert.deepEqual(lumen.alerts.map((x) => x.id), [b]);
  const next = (await r.call('GET', `/api/alerts?brand=lumen&limit=1&cursor=${encodeURIComponent(lumen.nextCursor ?? '')}`)).body as Alerts;
  assert.deepEqual(next.alerts.map((x) => x.id), [a]);
  assert.equal(next.nextCursor, null);
  assert.deepEqual(((await r.call('GET', '/api/alerts?status=resolved')).body as Alerts).alerts, []);

  const one = await r.call('GET', `/api/alerts/${encodeURIComponent(a)}`);
  assert.equal(one.status, 200, one.text);
  const view = one.body as { id: string; status: string; escalation: { policyId: string; step: number; stoppedAt: string | null } };
  assert.equal(view.status, 'new');
  assert.equal(view.escalation.policyId, 'standard');
  assert.equal(view.escalation.stoppedAt, null);

  const bad = await r.call('GET', '/api/alerts?status=sleeping&limit=0');
  assert.equal(bad.status, 400);
  const e = errorOf(bad.body);
  assert.equal(e.code, 'bad_request');
  assert.match(e.message, /status/);
  assert.match(e.message, /limit/);
  const missing = await r.call('GET', '/api/alerts/nope');
  assert.equal(missing.status, 404);
  assert.match(errorOf(missing.body).message, /no alert "nope"/);
});

test('ack, resolve and silence go through the engine: the escalation stops, wrong states are 409, bad bodies 400', async (t) => {
  const r = await rig(t);
  const a = await paged(r, 0);
  const ack = await r.call('POST', `/api/alerts/${a}/ack`, { by: 'ana' });
  assert.equal(ack.status, 200, ack.text);
  assert.equal((ack.body as { status: string; acknowledgedBy: string }).status, 'acknowledged');
  assert.equal((ack.body as { acknowledgedBy: string }).acknowledgedBy, 'ana');
  const shown = (await r.call('GET', `/api/alerts/${a}`)).body as { escalation: { stoppedAt: string | null; stopReason: string } };
  assert.notEqual(shown.escalation.stoppedAt, null);
  assert.match(shown.escalation.stopReason, /acknowledged by ana/);
  const again = await r.call('POST', `/api/alerts/${a}/ack`, {});
  assert.equal(again.status, 409);
  assert.equal(errorOf(again.body).code, 'conflict');
  // The wait step would page the team 10 minutes later: nothing more goes out.
  const before = r.pages().length;
  r.clock.set(NOW + 11 * 60_000);
  await r.engine.runDue(r.clock.now());
  await r.engine.deliverDue(r.clock.now());
  assert.equal(r.pages().length, before);

  const badBody = await r.call('POST', `/api/alerts/${a}/resolve`, { falseAlarm: 'yes', colour: 1 });
  assert.equal(badBody.status, 400);
  const details = errorOf(badBody.body).details as { parameter: string }[];
  assert.deepEqual(details.map((d) => d.parameter).sort(), ['colour', 'falseAlarm']);
  const resolved = await r.call('POST', `/api/alerts/${a}/resolve`, { by: 'ana', note: 'Replied to the post', falseAlarm: true });
  assert.equal(resolved.status, 200, resolved.text);
  const rv = resolved.body as { status: string; falseAlarm: boolean; resolutionNote: string };
  assert.deepEqual([rv.status, rv.falseAlarm, rv.resolutionNote], ['resolved', true, 'Replied to the post']);

  const b = await paged(r, 20, { kind: 'volume', id: 'sig-b' });
  const past = await r.call('POST', `/api/alerts/${b}/silence`, { until: new Date(NOW).toISOString() });
  assert.equal(past.status, 400);
  assert.match(errorOf(past.body).message, /not in the future/);
  const notTime = await r.call('POST', `/api/alerts/${b}/silence`, { until: 'tomorrow' });
  assert.equal(notTime.status, 400);
  const until = new Date(NOW + 3_600_000).toISOString();
  const silenced = await r.call('POST', `/api/alerts/${b}/silence`, { by: 'ben', until });
  assert.equal(silenced.status, 200, silenced.text);
  assert.equal((silenced.body as { silencedUntilIso: string }).silencedUntilIso, until);
  const forGood = await r.call('POST', `/api/alerts/${b}/silence`, { until: null });
  assert.equal(forGood.status, 200, forGood.text);
  assert.equal((forGood.body as { silencedUntil: number | null }).silencedUntil, null);

  const unknown = await r.call('POST', '/api/alerts/nope/ack');
  assert.equal(unknown.status, 404);
  const notJson = await fetch(`${r.url}/api/alerts/${b}/ack`, { method: 'POST', body: '{' });
  assert.equal(notJson.status, 400);
  assert.match(errorOf(await notJson.json()).message, /not JSON/);
});

test('without alerting enabled, alerts are readable but acting is 503 naming the setting', async (t) => {
  const r = await rig(t, { alerting: false });
  const a = await paged(r, 0);
  assert.equal((await r.call('GET', `/api/alerts/${a}`)).status, 200);
  const ack = await r.call('POST', `/api/alerts/${a}/ack`, {});
  assert.equal(ack.status, 503);
  assert.match(errorOf(ack.body).message, /alerting\.enabled/);
});

test('the link in a page shows the alert and a button (a GET changes nothing), the POST acknowledges as its user, in their language; tampered and expired links are refused', async (t) => {
  const r = await rig(t);
  const a = await paged(r, 0);
  const page = r.pages().find((p) => p.alertId === a);
  assert.ok(page, 'ana was paged');
  assert.equal(page.lang, 'fr');
  const path = new URL(page.ackUrl).pathname;
  assert.match(path, /^\/api\/ack\//);
  const tampered = await r.call('GET', `${path.slice(0, -3)}xyz`);
  assert.equal(tampered.status, 400);
  assert.match(tampered.type ?? '', /text\/html/);
  assert.match(tampered.text, /Invalid link/);

  // Opening the link (as a mail gateway's link scanner does) changes nothing: it asks to confirm.
  const shown = await r.call('GET', path);
  assert.equal(shown.status, 200, shown.text);
  assert.match(shown.type ?? '', /text\/html/);
  assert.match(shown.text, /<html lang="fr">/);
  assert.match(shown.text, /Prendre cette alerte en compte \?/);
  assert.match(shown.text, /<form method="post"><button type="submit"[^>]*>Prendre en compte<\/button><\/form>/);
  assert.equal((await r.store.getAlert(WS, a))?.status, 'new', 'a GET does not acknowledge');
  const ok = await r.call('POST', path);
  assert.equal(ok.status, 200, ok.text);
  assert.match(ok.text, /Alerte prise en compte/);
  const alert = await r.store.getAlert(WS, a);
  assert.equal(alert?.status, 'acknowledged');
  assert.equal(alert?.acknowledgedBy, 'ana');
  const twice = await r.call('POST', path);
  assert.equal(twice.status, 409);
  assert.match(twice.text, /Non pris en compte/);
  const seen = await r.call('GET', path);
  assert.equal(seen.status, 409);
  assert.match(seen.text, /est déjà prise en compte par ana/);
  assert.doesNotMatch(seen.text, /<form/);
  const tamperedPost = await r.call('POST', `${path.slice(0, -3)}xyz`);
  assert.equal(tamperedPost.status, 400);

  r.clock.set(NOW + 25 * 3_600_000);
  const expired = await r.call('GET', path);
  assert.equal(expired.status, 410);
  assert.match(expired.text, /Link expired/);
  assert.equal((await r.call('POST', path)).status, 410);
});

test('dead deliveries are listed with secrets masked and can be requeued once', async (t) => {
  const r = await rig(t, { deadFor: 'ana' });
  await paged(r, 0);
  const dead = await r.call('GET', '/api/dead-letters');
  assert.equal(dead.status, 200, dead.text);
  const list = (dead.body as { deliveries: { id: string; status: string; lastError: string; target: unknown }[] }).deliveries;
  assert.equal(list.length, 1, dead.text);
  const d = list[0]!;
  assert.equal(d.status, 'dead');
  assert.match(d.lastError, /410/);
  assert.ok(!dead.text.includes('whsec_'), 'the webhook secret is masked');
  const requeued = await r.call('POST', `/api/dead-letters/${encodeURIComponent(d.id)}/requeue`);
  assert.equal(requeued.status, 200, requeued.text);
  assert.equal((requeued.body as { status: string }).status, 'pending');
  assert.deepEqual((await r.call('GET', '/api/dead-letters')).body, { deliveries: [], nextCursor: null });
  const twice = await r.call('POST', `/api/dead-letters/${encodeURIComponent(d.id)}/requeue`);
  assert.equal(twice.status, 409);
  assert.equal((await r.call('POST', '/api/dead-letters/nope/requeue')).status, 404);
});

test('quality figures count acknowledged and false alarms over the period', async (t) => {
  const r = await rig(t);
  const a = await paged(r, 0);
  await paged(r, 1, { kind: 'volume', id: 'sig-v' });
  r.clock.set(NOW + 4 * 60_000);
  await r.call('POST', `/api/alerts/${a}/ack`, { by: 'ana' });
  await r.call('POST', `/api/alerts/${a}/resolve`, { by: 'ana', falseAlarm: true });
  const q = await r.call('GET', `/api/alerts/quality?from=${NOW - 1}&to=${new Date(NOW + 3_600_000).toISOString()}`);
  assert.equal(q.status, 200, q.text);
  const body = q.body as { alerts: number; acknowledgedShare: number; falseAlarmShare: number; medianTimeToAckMs: number };
  assert.equal(body.alerts, 2);
  assert.equal(body.acknowledgedShare, 0.5);
  assert.equal(body.falseAlarmShare, 0.5);
  assert.equal(body.medianTimeToAckMs, 4 * 60_000);
  const bad = await r.call('GET', `/api/alerts/quality?from=${NOW}&to=${NOW - 1}`);
  assert.equal(bad.status, 400);
});
