/**
 * The alerting configuration routes over real HTTP, on the real alerting runtime (setupAlerting on a
 * real SQLite store, the alerting file in a temp dir) whose pages go to a local webhook receiver:
 * the YAML round trip with secrets masked, PUT refusals with their lines (the file untouched),
 * running escalations keeping their snapshot across a PUT, the read-only views, on-call, and 503
 * without alerting.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { reply, startReceiver } from '../../alert/channels/webhook/test-receiver.ts';
import { parseAlertingFile } from '../../alert/config-file.ts';
import type { AlertMessage } from '../../alert/message.ts';
import { setupAlerting, type AlertingRuntime } from '../../alert/setup.ts';
import { alertingFileYaml, TEST_WEBHOOK_SECRET, lumenSignal } from '../../alert/test-alerting-file.ts';
import { DEFAULT_ALERTING } from '../../config/schema.ts';
import { ManualClock } from '../../domain/clock.ts';
import type { Signal } from '../../domain/signal.ts';
import { createMetrics } from '../../observe/metrics.ts';
import { openStore } from '../../store/open.ts';
import { createApp } from '../app.ts';
import { startServer } from '../server.ts';
import { errorOf, NOW, WS } from '../test-harness.ts';
import { MAX_CONFIG_BYTES } from './alerting-config.ts';

const SECRET = 'an-ack-secret-of-32-characters!!';

interface Rig {
  path: string;
  good: string;
  runtime: AlertingRuntime;
  clock: ManualClock;
  /** Pages received: which alert, to whom (ana, ben, room). */
  pages(): { alertId: string; to: string }[];
  call(method: string, path: string, body?: string): Promise<{ status: number; body: unknown; text: string; type: string | null }>;
}

async function rig(t: TestContext, options: { alerting?: boolean } = {}): Promise<Rig> {
  const receiver = await startReceiver((_req, res) => reply(res, 200, 'ok'));
  const dir = mkdtempSync(join(tmpdir(), 'vigie-api-alerting-config-'));
  const store = await openStore({ sqlitePath: join(dir, 'vigie.db') });
  await store.upsertWorkspace({ id: WS, name: 'Lumen Coffee Co', createdAt: NOW });
  await store.createBrand(WS, { id: 'lumen', name: 'Lumen Coffee' }, NOW);
  const good = alertingFileYaml(`${receiver.url}/hook`);
  const path = join(dir, 'alerting.yaml');
  writeFileSync(path, good);
  const clock = new ManualClock(NOW);
  const settings = { ...DEFAULT_ALERTING, enabled: true, file: 'alerting.yaml', baseUrl: 'https://vigie.example', ackSecret: SECRET };
  const runtime = await setupAlerting({ store, workspaceId: WS, settings, cwd: dir, clock: () => clock.now() });
  const app = createApp({
    store, workspaceId: WS, metrics: createMetrics({ defaults: false }), clock,
    ...(options.alerting === false ? {} : { alerting: { engine: runtime.engine, ackSecret: SECRET, configuration: runtime } }),
  });
  const server = await startServer(app, { host: '127.0.0.1', port: 0 });
  t.after(async () => {
    await server.close();
    runtime.close();
    await receiver.close();
    await store.close().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    path, good, runtime, clock,
    pages: () => receiver.requests.map((r) => ({
      alertId: (JSON.parse(r.body) as { data: AlertMessage }).data.alertId,
      to: new URL(r.path, 'http://x').searchParams.get('to') ?? '?',
    })),
    async call(method, p, body) {
      const res = await fetch(server.url + p, { method, ...(body === undefined ? {} : { body, headers: { 'content-type': 'text/yaml' } }) });
      const text = await res.text();
      const type = res.headers.get('content-type');
      return { status: res.status, body: type?.includes('json') ? JSON.parse(text) : null, text, type };
    },
  };
}

const signal = (i: number, over: Partial<Signal> = {}): Signal => lumenSignal(WS, NOW, i, over);

/** Runs the engine at `at`: due steps, then deliveries. */
async function runAt(r: Rig, at: number): Promise<void> {
  r.clock.set(at);
  await r.runtime.engine.runDue(at);
  await r.runtime.engine.deliverDue(at);
}

const lineOf = (text: string, needle: string): number => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

test('the configuration is read as YAML with secrets masked, and sent back as it is it keeps them', async (t) => {
  const r = await rig(t);
  const got = await r.call('GET', '/api/alerting/config');
  assert.equal(got.status, 200, got.text);
  assert.match(got.type ?? '', /^text\/yaml/);
  assert.ok(!got.text.includes('whsec_'), 'no webhook secret is shown');
  assert.match(got.text, /secret: "\*\*\*"|secret: \*\*\*|secret: '\*\*\*'/);
  assert.match(got.text, /^# Secrets are masked/);

  const put = await r.call('PUT', '/api/alerting/config', got.text);
  assert.equal(put.status, 200, put.text);
  const body = put.body as { ok: boolean; summary: Record<string, number>; message: string };
  assert.deepEqual(body.summary, { users: 2, schedules: 1, channels: 1, teams: 1, policies: 1, routes: 0 });
  assert.match(body.message, /running escalations keep the policy they started with/);
  const stored = readFileSync(r.path, 'utf8');
  assert.ok(stored.includes(TEST_WEBHOOK_SECRET), 'the file on disk keeps the real secrets');
  assert.deepEqual(parseAlertingFile(stored, 'stored.yaml'), parseAlertingFile(r.good, 'good.yaml'));
  assert.equal(readFileSync(`${r.path}.previous`, 'utf8'), r.good);
});

test('a bad configuration is refused with 422 naming each problem by line, and nothing changes', async (t) => {
  const r = await rig(t);
  const mistakes: [string, string, string | null, RegExp][] = [
    [r.good.replace('name: Standard', 'name: Standard: Plus'), 'Standard: Plus', null, /YAML syntax error/],
    [r.good.replace('targets: [{ schedule: primary }]', 'targets: [{ user: zoe }]'), 'user: zoe', 'policies[0].steps[0].targets[0].user', /unknown user "zoe"/],
    [r.good.replace('      - kind: wait\n        minutes: 10\n', '      - kind: repeat\n        fromStep: 2\n        times: 2\n'), 'fromStep: 2', 'policies[0].steps[1].fromStep', /cycle/],
    [r.good.replace('participants: [ana, ben]', 'participants: []'), 'participants: []', 'schedules[0].layers[0].participants', /empty rotation/],
  ];
  const policiesBefore = (await r.call('GET', '/api/alerting/policies')).text;
  for (const [text, needle, path, message] of mistakes) {
    assert.notEqual(text, r.good);
    const res = await r.call('PUT', '/api/alerting/config', text);
    assert.equal(res.status, 422, res.text);
    const e = errorOf(res.body);
    assert.equal(e.code, 'unprocessable');
    const line = lineOf(text, needle);
    assert.match(e.message, new RegExp(`nothing was changed: alerting\\.yaml:${line}:\\d+: `));
    const details = e.details as { line: number; column: number; path: string | null; message: string }[];
    assert.equal(details[0]?.line, line, res.text);
    assert.equal(details[0]?.path, path);
    assert.ok((details[0]?.column ?? 0) >= 1);
    assert.match(details[0]?.message ?? '', message);
    assert.equal(readFileSync(r.path, 'utf8'), r.good, 'the configured file is untouched');
  }
  assert.equal((await r.call('GET', '/api/alerting/policies')).text, policiesBefore, 'the configuration in force is unchanged');

  const masked = (await r.call('GET', '/api/alerting/config')).text.replace('id: ana-hook', 'id: ana-pager').replaceAll('notify: ana-hook', 'notify: ana-pager');
  const renamed = await r.call('PUT', '/api/alerting/config', masked);
  assert.equal(renamed.status, 422, renamed.text);
  assert.match(errorOf(renamed.body).message, /users\[0\]\.contacts\[0\]\.target\.secret: is masked/);

  const empty = await r.call('PUT', '/api/alerting/config', '  \n');
  assert.equal(empty.status, 400);
  assert.match(errorOf(empty.body).message, /empty; send the whole alerting file as YAML/);
  const huge = await r.call('PUT', '/api/alerting/config', `${r.good}\n# ${'x'.repeat(MAX_CONFIG_BYTES)}\n`);
  assert.equal(huge.status, 400);
  assert.match(errorOf(huge.body).message, /larger than 1048576 bytes/);
  assert.equal(readFileSync(r.path, 'utf8'), r.good);
});

test('an escalation started before a PUT runs its old steps; an alert after the PUT follows the new policy', async (t) => {
  const r = await rig(t);
  const old = await r.runtime.engine.onSignal(signal(0));
  await runAt(r, NOW);
  assert.deepEqual(r.pages(), [{ alertId: old.alert.id, to: 'ana' }]);

  // New policy: the crisis room first, then Ben alone after 30 minutes.
  const next = r.good
    .replace('targets: [{ schedule: primary }]', 'targets: [{ channel: crisis-room }]')
    .replace('minutes: 10', 'minutes: 30')
    .replace('targets: [{ team: comms }, { channel: crisis-room }]', 'targets: [{ user: ben }]');
  r.clock.set(NOW + 60_000);
  const put = await r.call('PUT', '/api/alerting/config', next);
  assert.equal(put.status, 200, put.text);

  const fresh = await r.runtime.engine.onSignal(signal(1, { kind: 'volume', id: 'sig-v' }));
  await runAt(r, NOW + 60_000);
  const of = (id: string) => r.pages().filter((p) => p.alertId === id).map((p) => p.to).sort();
  assert.deepEqual(of(fresh.alert.id), ['room'], 'the new alert starts with the new policy');

  await runAt(r, NOW + 11 * 60_000);
  assert.deepEqual(of(old.alert.id), ['ana', 'ana', 'ben', 'room'], 'the old escalation pages team comms and the room after 10 minutes, as its snapshot says');
  assert.deepEqual(of(fresh.alert.id), ['room'], 'the new policy waits 30 minutes');

  await runAt(r, NOW + 32 * 60_000);
  assert.deepEqual(of(fresh.alert.id), ['ben', 'room']);
  assert.deepEqual(of(old.alert.id), ['ana', 'ana', 'ben', 'room'], 'the old escalation has no step left');
});

test('policies, schedules, teams and users are readable, secrets masked; on-call answers who and the shifts', async (t) => {
  const r = await rig(t);
  const policies = await r.call('GET', '/api/alerting/policies');
  assert.equal(policies.status, 200, policies.text);
  const list = (policies.body as { policies: { id: string; usedBy: unknown }[] }).policies;
  assert.deepEqual(list.map((p) => [p.id, p.usedBy]), [['standard', { teams: ['comms'], routes: ['default'] }]]);
  const one = await r.call('GET', '/api/alerting/policies/standard');
  assert.equal(one.status, 200, one.text);
  const plan = (one.body as { plan: { step: number; afterMinutes: number; action: { kind: string } }[] }).plan;
  assert.deepEqual(plan.map((s) => [s.step, s.afterMinutes, s.action.kind]), [[1, 0, 'notify'], [3, 10, 'notify']]);
  const missing = await r.call('GET', '/api/alerting/policies/urgent');
  assert.equal(missing.status, 404);
  assert.match(errorOf(missing.body).message, /no policy "urgent" .*known: standard/);

  const schedules = (await r.call('GET', '/api/alerting/schedules')).body as { schedules: { id: string; onCallNow: { user: string; name: string } }[] };
  assert.deepEqual(schedules.schedules.map((s) => [s.id, s.onCallNow.user, s.onCallNow.name]), [['primary', 'ana', 'Ana Martin']]);
  const teams = (await r.call('GET', '/api/alerting/teams')).body as { teams: { id: string; members: string[]; memberNames: Record<string, string> }[] };
  assert.deepEqual(teams.teams[0]?.memberNames, { ana: 'Ana Martin', ben: 'Ben Okafor' });
  const users = await r.call('GET', '/api/alerting/users');
  assert.equal(users.status, 200);
  assert.ok(!users.text.includes('whsec_'), 'no webhook secret is shown');
  const ana = (users.body as { users: { id: string; contacts: { target: { url: string; secret: string } }[] }[] }).users[0];
  assert.equal(ana?.contacts[0]?.target.secret, '***');
  assert.match(ana?.contacts[0]?.target.url ?? '', /\?to=ana$/);

  const on = await r.call('GET', '/api/alerting/schedules/primary/on-call?at=2024-05-06T08:00&days=1');
  assert.equal(on.status, 200, on.text);
  const view = on.body as {
    schedule: { timeZone: string }; atLocal: string; atIso: string; days: number; onCall: { user: string; layer: string };
    shifts: { user: string; startLocal: string; endLocal: string }[]; gaps: unknown[];
  };
  assert.equal(view.schedule.timeZone, 'Europe/Paris');
  assert.equal(view.atLocal, '2024-05-06T08:00+02:00', 'a time without offset is read in the schedule\'s zone');
  assert.equal(view.atIso, '2024-05-06T06:00:00.000Z');
  assert.deepEqual(view.onCall, { user: 'ana', name: 'Ana Martin', layer: 'weekly' });
  assert.deepEqual(view.shifts.map((s) => [s.user, s.startLocal, s.endLocal]), [
    ['ana', '2024-05-06T08:00+02:00', '2024-05-06T09:00+02:00'],
    ['ben', '2024-05-06T09:00+02:00', '2024-05-07T08:00+02:00'],
  ]);
  assert.deepEqual(view.gaps, []);
  const byDefault = (await r.call('GET', '/api/alerting/schedules/primary/on-call')).body as { at: number; days: number; shifts: unknown[] };
  assert.deepEqual([byDefault.at, byDefault.days], [NOW, 14]);
  assert.equal(byDefault.shifts.length, 3, 'ana until Monday, ben for a week, ana again');

  for (const q of ['days=0', 'days=32', 'at=soon', 'who=me']) {
    const bad = await r.call('GET', `/api/alerting/schedules/primary/on-call?${q}`);
    assert.equal(bad.status, 400, q);
    assert.match(errorOf(bad.body).message, new RegExp(q.split('=')[0] ?? ''), q);
  }
  assert.equal((await r.call('GET', '/api/alerting/schedules/secondary/on-call')).status, 404);
});

test('without alerting enabled, the alerting configuration routes answer 503 naming the setting', async (t) => {
  const r = await rig(t, { alerting: false });
  for (const [method, path] of [['GET', '/api/alerting/config'], ['PUT', '/api/alerting/config'], ['GET', '/api/alerting/policies'], ['GET', '/api/alerting/policies/standard'],
    ['GET', '/api/alerting/schedules'], ['GET', '/api/alerting/schedules/primary/on-call'], ['GET', '/api/alerting/teams'], ['GET', '/api/alerting/users']] as const) {
    const res = await r.call(method, path, method === 'PUT' ? r.good : undefined);
    assert.equal(res.status, 503, `${method} ${path}`);
    assert.match(errorOf(res.body).message, /alerting\.enabled/);
  }
  assert.equal(readFileSync(r.path, 'utf8'), r.good);
});
