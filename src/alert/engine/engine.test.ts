/**
 * The escalation engine on a real SQLite file, real local HTTP receivers (webhook channel, signed
 * per Standard Webhooks) and an injected clock: paging on time, ack stopping at once, a restart and
 * a crashed worker not doubling a step, retries then dead letters, drills reaching nobody, and
 * policy edits leaving running escalations alone.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../store/open.ts';
import type { Store } from '../../store/store.ts';
import type { WorkspaceId } from '../../domain/ids.ts';
import type { Signal } from '../../domain/signal.ts';
import { ChannelRegistry } from '../delivery/registry.ts';
import { createWebhookChannel } from '../channels/webhook/webhook-channel.ts';
import { generateWebhookSecret, verifyWebhook } from '../channels/webhook/standard-webhooks.ts';
import { reply, startReceiver, type TestReceiver } from '../channels/webhook/test-receiver.ts';
import { validateUser, type User } from '../delivery/user.ts';
import { parseSchedule } from '../oncall/schedule.ts';
import { validateAlerting } from '../policy/validate.ts';
import { AlertOptionsSchema } from '../state/options.ts';
import type { AlertMessage } from '../message.ts';
import { ChannelRateLimiter } from '../delivery/rate-limit.ts';
import { AlertEngine, type AlertEngineOptions, type EngineEvent } from './engine.ts';
import type { EngineConfig } from './config.ts';
import { runLoop } from './loop.ts';

const WS = 'ws' as WorkspaceId;
const T0 = Date.UTC(2025, 5, 2, 8, 0, 0); // a Monday
const MIN = 60_000;
const SECRET = generateWebhookSecret();
const dir = mkdtempSync(join(tmpdir(), 'vigie-engine-'));
after(() => rmSync(dir, { recursive: true, force: true }));

let receiverOk: TestReceiver;
let receiverDown: TestReceiver;
const ready = (async () => {
  receiverOk = await startReceiver((_req, res) => reply(res, 200, 'ok'));
  receiverDown = await startReceiver((_req, res) => reply(res, 503, 'down'));
})();
after(async () => {
  await receiverOk.close();
  await receiverDown.close();
});

function user(id: string): User {
  const r = validateUser({
    id, name: id, lang: 'fr', timeZone: 'Europe/Paris',
    contacts: [{ id: 'hook', channel: 'webhook', target: { url: `${receiverOk.url}?to=${id}`, secret: SECRET } }],
    rules: { default: [{ notify: 'hook' }], important: [{ notify: 'hook' }] },
  });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.user;
}

function schedule(id: string, who: string) {
  return parseSchedule(
    { id, name: id, timeZone: 'Europe/Paris', layers: [{ id: 'l', participants: [who], start: '2025-01-06T09:00', rotation: { length: '1 week' } }] },
    ['ana', 'bob', 'carol'],
  );
}

function config(policySteps?: unknown[]): EngineConfig {
  const steps = policySteps ?? [
    { kind: 'notify', targets: [{ schedule: 'primary' }] },
    { kind: 'wait', minutes: 5 },
    { kind: 'notify', targets: [{ schedule: 'secondary' }, { channel: 'room' }] },
  ];
  const v = validateAlerting({
    users: ['ana', 'bob', 'carol'], schedules: ['primary', 'secondary'], channels: ['room', 'status'],
    teams: [{ id: 'ops', name: 'Ops', members: ['ana', 'bob'], defaultPolicy: 'p1' }],
    policies: [{ id: 'p1', name: 'Crisis', steps }],
    routing: { default: { team: 'ops' } },
  });
  if (!v.ok) throw new Error(JSON.stringify(v.problems));
  return {
    alerting: v.config,
    users: [user('ana'), user('bob'), user('carol')],
    schedules: [schedule('primary', 'ana'), schedule('secondary', 'bob')],
    channels: { room: { id: 'room', channel: 'webhook', target: { url: receiverDown.url, secret: SECRET } } },
    options: AlertOptionsSchema.parse({}),
    brandNames: { kerlann: 'Kerlann' },
  };
}

function signal(over: Partial<Signal> = {}): Signal {
  return {
    id: 'sig-1', workspaceId: WS, brandId: 'kerlann', kind: 'negative_volume', status: 'open', startedAt: T0, updatedAt: T0,
    endedAt: null, bucketMs: MIN, score: 0.9, severity: 'SEV2',
    factors: [{ name: 'anomaly', value: 8, points: 3, detail: 'negative mentions 8× the usual level' }],
    observed: 40, expected: 5, summary: 'Negative mentions 8× the usual level', evidence: null, drill: false, ...over,
  };
}

interface Rig {
  store: Store;
  engine: AlertEngine;
  clock: { now: number };
  events: EngineEvent[];
  cfg: { current: EngineConfig };
}

let n = 0;
async function rig(path = join(dir, `e${n++}.db`), shared?: Pick<Rig, 'clock' | 'cfg'>, extra: Partial<AlertEngineOptions> = {}): Promise<Rig> {
  await ready;
  const store = await openStore({ databaseUrl: null, sqlitePath: path });
  const clock = shared?.clock ?? { now: T0 };
  const cfg = shared?.cfg ?? { current: config() };
  const events: EngineEvent[] = [];
  const engine = new AlertEngine({
    store, workspaceId: WS, config: () => cfg.current, clock: () => clock.now,
    registry: new ChannelRegistry({ webhook: createWebhookChannel({ timeoutMs: 2000 }) }),
    baseUrl: 'https://vigie.example', ackSecret: 'an-ack-secret-of-32-characters!!',
    retry: { maxAttempts: 3, baseMs: 1000, maxMs: 10_000, jitter: 'equal' }, random: () => 0.5,
    onEvent: (e) => events.push(e), ...extra,
  });
  return { store, engine, clock, events, cfg };
}

/** Requests received for `who` (by the ?to= query) since the receiver started. */
const got = (who: string): AlertMessage[] =>
  receiverOk.requests.filter((r) => r.path.endsWith(`?to=${who}`)).map((r) => {
    const ok = verifyWebhook(SECRET, r.headers, r.body);
    assert.ok(ok.ok, 'the webhook signature verifies');
    return (JSON.parse(r.body) as { data: AlertMessage }).data;
  });

async function tickTo(r: Rig, t: number): Promise<void> {
  r.clock.now = t;
  // As runLoop does: work a pass makes due at once (a re-page) runs in the next round.
  for (let round = 0; round < 5; round++) {
    const run = await r.engine.runDue(t);
    const sent = await r.engine.deliverDue(t);
    if (run.timers === 0 && sent.claimed === 0) break;
  }
}

test('a signal pages the on-call user, and with no ack the next step pages the next one on time', async () => {
  const r = await rig();
  receiverOk.requests.length = 0;
  const applied = await r.engine.onSignal(signal());
  assert.equal(applied.page, 'new');
  const id = applied.alert.id;
  assert.equal(applied.alert.teamId, 'ops');
  assert.deepEqual((await r.store.listTimers(WS, id)).map((t) => t.kind), ['escalation-step'], 'nothing else is due: no alert timer');
  assert.deepEqual(await r.store.getAlert(WS, id), applied.alert, 'the store keeps the whole record, state fields included');
  assert.match(applied.alert.policyHash ?? '', /^sha256:/);
  await tickTo(r, T0);
  const ana = got('ana');
  assert.equal(ana.length, 1);
  assert.equal(ana[0]?.alertId, id);
  assert.match(ana[0]?.ackUrl ?? '', /^https:\/\/vigie\.example\/ack\//);
  assert.deepEqual(ana[0]?.why, ['negative mentions 8× the usual level']);
  assert.equal(got('bob').length, 0);
  await tickTo(r, T0 + 5 * MIN - 1);
  assert.equal(got('bob').length, 0, 'not before the wait is over');
  await tickTo(r, T0 + 5 * MIN);
  assert.equal(got('bob').length, 1, 'the next step pages on time');
  assert.equal(got('ana').length, 1, 'the first step ran once');
  assert.equal((await r.store.getEscalation(WS, id))?.step, 2);
  await r.store.close();
});

test('an acknowledgement stops the escalation at once', async () => {
  const r = await rig();
  receiverOk.requests.length = 0;
  const { alert } = await r.engine.onSignal(signal());
  await tickTo(r, T0);
  r.clock.now = T0 + 2 * MIN;
  const ack = await r.engine.acknowledge(alert.id, 'ana');
  assert.ok(ack.ok);
  const esc = await r.store.getEscalation(WS, alert.id);
  assert.equal(esc?.stoppedAt, T0 + 2 * MIN);
  assert.match(esc?.stopReason ?? '', /acknowledged by ana/);
  const timers = await r.store.listTimers(WS, alert.id);
  assert.equal(timers.filter((t) => t.kind === 'escalation-step').length, 0, 'the step timer is gone');
  await tickTo(r, T0 + 10 * MIN);
  assert.equal(got('bob').length, 0, 'bob is never paged');
  const again = await r.engine.acknowledge(alert.id, 'bob');
  assert.equal(again.ok, false);
  const missing = await r.engine.acknowledge('al_nope', 'bob');
  assert.ok(!missing.ok && missing.code === 'not_found');
  await r.store.close();
});

test('a restart continues the escalation without doubling a step, even after a worker crashed holding it', async () => {
  const path = join(dir, 'restart.db');
  const a = await rig(path);
  receiverOk.requests.length = 0;
  const { alert } = await a.engine.onSignal(signal());
  await tickTo(a, T0);
  // Worker A claims step 2 and dies before running it (its lease is 60 s).
  const claimed = await a.store.claimDueTimers(WS, T0 + 5 * MIN, { owner: 'dead-worker', leaseMs: 60_000, limit: 10 });
  assert.equal(claimed.length, 1);
  await a.store.close();

  const b = await rig(path, a);
  const c = await rig(path, a);
  await tickTo(b, T0 + 5 * MIN + 1000);
  assert.equal(got('bob').length, 0, 'the crashed claim still holds');
  // Two live engines on the same file race for the step once the lease has expired.
  b.clock.now = T0 + 6 * MIN + 1;
  await Promise.all([b.engine.runDue(b.clock.now), c.engine.runDue(b.clock.now)]);
  await Promise.all([b.engine.deliverDue(b.clock.now), c.engine.deliverDue(b.clock.now)]);
  await tickTo(b, T0 + 30 * MIN);
  await tickTo(c, T0 + 31 * MIN);
  assert.equal(got('ana').length, 1, 'step 1 once');
  assert.equal(got('bob').length, 1, 'step 2 once');
  assert.equal((await b.store.getEscalation(WS, alert.id))?.step, 2);
  await b.store.close();
  await c.store.close();
});

test('a failing channel is retried then dead-lettered while another channel still delivers', async () => {
  const r = await rig();
  receiverOk.requests.length = 0;
  receiverDown.requests.length = 0;
  await r.engine.onSignal(signal());
  await tickTo(r, T0);
  await tickTo(r, T0 + 5 * MIN);
  assert.equal(got('bob').length, 1, 'bob is paged although the room webhook fails');
  assert.equal(receiverDown.requests.length, 1);
  // Equal jitter with random 0.5: waits of 750 ms then 1500 ms; the third attempt is the last.
  await tickTo(r, T0 + 5 * MIN + 749);
  assert.equal(receiverDown.requests.length, 1, 'not retried before its back-off');
  await tickTo(r, T0 + 5 * MIN + 750);
  assert.equal(receiverDown.requests.length, 2);
  await tickTo(r, T0 + 5 * MIN + 2250);
  assert.equal(receiverDown.requests.length, 3);
  const dead = await r.store.listDeadDeliveries(WS, { limit: 10 });
  assert.equal(dead.items.length, 1);
  assert.equal(dead.items[0]?.channel, 'webhook');
  assert.match(dead.items[0]?.lastError ?? '', /gave up after 3 attempts/);
  const ids = new Set(receiverDown.requests.map((q) => q.headers['webhook-id']));
  assert.equal(ids.size, 1, 'every retry carries the same idempotency key');
  await tickTo(r, T0 + 60 * MIN);
  assert.equal(receiverDown.requests.length, 3, 'a dead delivery is not retried');
  assert.ok(r.events.some((e) => e.type === 'dead'));
  await r.store.close();
});

test('drill alerts reach no real channel', async () => {
  const r = await rig();
  receiverOk.requests.length = 0;
  receiverDown.requests.length = 0;
  const { alert } = await r.engine.onSignal(signal({ id: 'sig-drill', drill: true }));
  assert.equal(alert.drill, true);
  await tickTo(r, T0);
  await tickTo(r, T0 + 5 * MIN);
  assert.equal(receiverOk.requests.length + receiverDown.requests.length, 0);
  const skipped = r.events.filter((e) => e.type === 'skipped');
  assert.equal(skipped.length, 3, 'ana, bob and the room would have been paged');
  assert.ok(skipped.every((e) => /drill/.test(e.detail)));
  for (const e of skipped) {
    const id = /^delivery (\S+):/.exec(e.detail)?.[1] ?? '';
    const d = await r.store.getDelivery(WS, id);
    assert.deepEqual([d?.status, d?.sentAt, d?.skippedAt], ['skipped', null, T0 + (d?.createdAt === T0 ? 0 : 5 * MIN)], 'recorded as skipped, not sent');
    assert.match(d?.skipReason ?? '', /drill/i);
  }
  await r.store.close();
});

test('editing the policy does not disturb a running escalation', async () => {
  const r = await rig();
  receiverOk.requests.length = 0;
  await r.engine.onSignal(signal());
  await tickTo(r, T0);
  r.cfg.current = config([{ kind: 'notify', targets: [{ user: 'carol' }] }]);
  await tickTo(r, T0 + 5 * MIN);
  assert.equal(got('bob').length, 1, 'the snapshot still pages bob');
  assert.equal(got('carol').length, 0);
  // A new alert uses the edited policy.
  await r.engine.onSignal(signal({ id: 'sig-2', brandId: 'other' }));
  await tickTo(r, T0 + 6 * MIN);
  assert.equal(got('carol').length, 1);
  await r.store.close();
});

test('the alert timers: an acknowledgement that lapses pages again, auto-resolve stops everything', async () => {
  const r = await rig();
  r.cfg.current = { ...config(), options: AlertOptionsSchema.parse({ ackTimeoutMinutes: 10, autoResolve: { enabled: true, afterCalmMinutes: 30 } }) };
  receiverOk.requests.length = 0;
  const { alert } = await r.engine.onSignal(signal());
  await tickTo(r, T0);
  r.clock.now = T0 + MIN;
  assert.ok((await r.engine.acknowledge(alert.id, 'ana')).ok);
  const timers = await r.store.listTimers(WS, alert.id);
  assert.deepEqual(timers.map((t) => [t.kind, t.dueAt]), [['ack-timeout', T0 + 11 * MIN]]);
  await tickTo(r, T0 + 11 * MIN);
  assert.equal((await r.store.getAlert(WS, alert.id))?.status, 'new');
  assert.equal(got('ana').length, 2, 'the lapsed ack pages the on-call user again');
  // The signal closes; 30 calm minutes later the alert resolves by itself and the escalation stops.
  r.clock.now = T0 + 12 * MIN;
  await r.engine.onSignal(signal({ status: 'closed', updatedAt: T0 + 12 * MIN, endedAt: T0 + 12 * MIN }));
  await tickTo(r, T0 + 42 * MIN);
  const done = await r.store.getAlert(WS, alert.id);
  assert.equal(done?.status, 'resolved');
  assert.notEqual((await r.store.getEscalation(WS, alert.id))?.stoppedAt, null);
  assert.deepEqual(await r.store.listTimers(WS, alert.id), []);
  await r.store.close();
});

test('runLoop drives the engine with real timers and stops on abort', async () => {
  let passes = 0;
  const ac = new AbortController();
  const fake = {
    runDue: async () => ({ timers: 0, failed: 0 }),
    deliverDue: async () => {
      if (++passes === 3) ac.abort();
      return { claimed: 0, sent: 0, skipped: 0, retried: 0, dead: 0 };
    },
  };
  await runLoop(fake, { intervalMs: 5, signal: ac.signal });
  assert.equal(passes, 3);
  await assert.rejects(runLoop(fake, { intervalMs: 0, signal: ac.signal }), /intervalMs/);
});

test("a user's rule waits hold later pages durably; an ack before they are due cancels them", async () => {
  const r = await rig();
  const base = config([{ kind: 'notify', targets: [{ user: 'carol' }], urgency: 'important' }]);
  const carol = validateUser({
    id: 'carol', name: 'Carol', lang: 'en', timeZone: 'Europe/Paris',
    contacts: [{ id: 'hook', channel: 'webhook', target: { url: `${receiverOk.url}?to=carol`, secret: SECRET } }],
    rules: { default: [{ notify: 'hook' }], important: [{ notify: 'hook' }, { wait: 3 }, { notify: 'hook' }] },
  });
  assert.ok(carol.ok);
  r.cfg.current = { ...base, users: [...base.users.filter((u) => u.id !== 'carol'), carol.user] };
  receiverOk.requests.length = 0;
  const first = await r.engine.onSignal(signal());
  await tickTo(r, T0);
  assert.equal(got('carol').length, 1);
  assert.equal(got('carol')[0]?.urgency, 'important');
  await tickTo(r, T0 + 3 * MIN);
  const twice = got('carol');
  assert.equal(twice.length, 2, 'the second rule step pages after its wait');
  assert.notEqual(twice[0]?.deliveryId, twice[1]?.deliveryId);

  const second = await r.engine.onSignal(signal({ id: 'sig-b', brandId: 'b2' }));
  assert.notEqual(second.alert.id, first.alert.id);
  await tickTo(r, T0 + 4 * MIN);
  assert.equal(got('carol').length, 3);
  r.clock.now = T0 + 5 * MIN;
  assert.ok((await r.engine.acknowledge(second.alert.id, 'carol')).ok);
  await tickTo(r, T0 + 10 * MIN);
  assert.equal(got('carol').length, 3, 'the held page of the acknowledged alert never goes out');
  await r.store.close();
});

test('a failing step (the incident hook throws) is retried later and runs to completion once', async () => {
  const path = join(dir, 'incident.db');
  const r = await rig(path);
  await r.store.close();
  const store = await openStore({ databaseUrl: null, sqlitePath: path });
  const keys: string[] = [];
  let fail = true;
  const events: EngineEvent[] = [];
  const cfg = config([{ kind: 'declareIncident' }, { kind: 'notify', targets: [{ user: 'ana' }] }]);
  const engine = new AlertEngine({
    store, workspaceId: WS, config: () => cfg, clock: () => T0, registry: new ChannelRegistry({ webhook: createWebhookChannel() }),
    baseUrl: 'https://vigie.example', ackSecret: 'an-ack-secret-of-32-characters!!', failedTimerDelayMs: 10_000,
    onIncident: (_alert, key) => {
      if (fail) {
        fail = false;
        throw new Error('incident service unavailable');
      }
      keys.push(key);
    },
    onEvent: (e) => events.push(e),
  });
  receiverOk.requests.length = 0;
  await engine.onSignal(signal());
  assert.deepEqual(await engine.runDue(T0), { timers: 1, failed: 1 });
  assert.ok(events.some((e) => e.type === 'error' && /incident service unavailable/.test(e.detail)));
  assert.deepEqual(await engine.runDue(T0 + 9_999), { timers: 0, failed: 0 });
  assert.deepEqual(await engine.runDue(T0 + 10_000), { timers: 1, failed: 0 });
  await engine.deliverDue(T0 + 10_000);
  assert.equal(keys.length, 1);
  assert.equal(got('ana').length, 1, 'the notify step after it ran in the same pass (no wait between them)');
  await store.close();
});

test("the alert's state survives a restart: a two-signal alert auto-resolves only once both have closed", async () => {
  const path = join(dir, 'state.db');
  const a = await rig(path);
  const { alert } = await a.engine.onSignal(signal({ id: 's1' }));
  a.clock.now = T0 + MIN;
  const joined = await a.engine.onSignal(signal({ id: 's2', startedAt: T0 + MIN, updatedAt: T0 + MIN }));
  assert.equal(joined.alert.id, alert.id);
  a.clock.now = T0 + 2 * MIN;
  await a.engine.onSignal(signal({ id: 's1', status: 'closed', updatedAt: T0 + 2 * MIN, endedAt: T0 + 2 * MIN }));
  await a.store.close();

  const b = await rig(path, a);
  await tickTo(b, T0 + 40 * MIN);
  assert.equal((await b.store.getAlert(WS, alert.id))?.status, 'new', 's2 is still open: no auto-resolve');
  b.clock.now = T0 + 41 * MIN;
  await b.engine.onSignal(signal({ id: 's2', status: 'closed', startedAt: T0 + MIN, updatedAt: T0 + 41 * MIN, endedAt: T0 + 41 * MIN }));
  await tickTo(b, T0 + 71 * MIN);
  assert.equal((await b.store.getAlert(WS, alert.id))?.status, 'resolved');
  await b.store.close();
});

test('a delivery over its rate limit is postponed to when the limit allows it, without counting an attempt', async () => {
  const rateLimits = new ChannelRateLimiter({ webhook: { perTarget: { limit: 1, windowMs: MIN } } });
  const r = await rig(undefined, undefined, { rateLimits });
  receiverOk.requests.length = 0;
  await r.engine.onSignal(signal({ id: 'sig-r1', brandId: 'b1' }));
  await r.engine.onSignal(signal({ id: 'sig-r2', brandId: 'b2' }));
  await r.engine.runDue(T0);
  const first = await r.engine.deliverDue(T0);
  assert.deepEqual([first.claimed, first.sent, first.retried], [2, 1, 1], 'ana is paged once, the second page waits');
  assert.equal(got('ana').length, 1);
  const postponed = r.events.find((e) => e.type === 'retry' && /rate limit/.test(e.detail));
  const id = /^delivery (\S+) /.exec(postponed?.detail ?? '')?.[1] ?? '';
  const d = await r.store.getDelivery(WS, id);
  assert.deepEqual([d?.status, d?.attempts, d?.nextAttemptAt], ['pending', 0, T0 + MIN], 'no attempt counted; due when a token is back');
  await tickTo(r, T0 + MIN - 1);
  assert.equal(got('ana').length, 1, 'not before the limit allows it');
  await tickTo(r, T0 + MIN);
  assert.equal(got('ana').length, 2);
  assert.deepEqual(await r.store.getDelivery(WS, id).then((x) => [x?.status, x?.attempts]), ['sent', 1]);
  await r.store.close();
});

test('runDue handles alerts concurrently (bounded), never two timers of one alert at once, each step once', async () => {
  const r = await rig();
  receiverOk.requests.length = 0;
  // The store as the engine sees it, watching which alert each call is about.
  const inFlight = new Map<string, number>();
  let running = 0;
  let maxRunning = 0;
  let overlaps = 0;
  const alertOf = (name: string, args: unknown[]): string | null => {
    if (['getEscalation', 'getAlert', 'advanceEscalation', 'stopEscalation', 'cancelTimers', 'listTimers'].includes(name)) return args[1] as string;
    if (name === 'enqueueDelivery') return (args[1] as { alertId: string }).alertId;
    if (name === 'scheduleTimer') return (args[1] as { ref: string }).ref;
    return null;
  };
  const watched = new Proxy(r.store, {
    get(target, name, receiver) {
      const v = Reflect.get(target, name, receiver) as unknown;
      if (typeof v !== 'function' || typeof name !== 'string') return v;
      return async (...args: unknown[]) => {
        const id = alertOf(name, args);
        if (id === null) return (v as (...a: unknown[]) => unknown).apply(target, args);
        if ((inFlight.get(id) ?? 0) > 0) overlaps++;
        inFlight.set(id, (inFlight.get(id) ?? 0) + 1);
        maxRunning = Math.max(maxRunning, ++running);
        try {
          return await (v as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        } finally {
          running--;
          inFlight.set(id, (inFlight.get(id) ?? 1) - 1);
        }
      };
    },
  });
  const events: EngineEvent[] = [];
  const engine = new AlertEngine({
    store: watched, workspaceId: WS, config: () => r.cfg.current, clock: () => r.clock.now,
    registry: new ChannelRegistry({ webhook: createWebhookChannel({ timeoutMs: 2000 }) }),
    baseUrl: 'https://vigie.example', ackSecret: 'an-ack-secret-of-32-characters!!', concurrency: 4,
    onEvent: (e) => events.push(e),
  });
  const ids: string[] = [];
  for (let i = 0; i < 12; i++) ids.push((await engine.onSignal(signal({ id: `sig-${i}`, brandId: `brand-${i}` }))).alert.id);
  assert.equal(new Set(ids).size, 12);
  assert.deepEqual(await engine.runDue(T0), { timers: 12, failed: 0 });
  assert.ok(maxRunning > 1, `alerts ran concurrently (at most ${maxRunning} store calls at once)`);
  assert.ok(maxRunning <= 4, `at most 4 alerts at once (saw ${maxRunning} store calls at once)`);
  assert.equal(overlaps, 0, 'one alert never had two store calls at once');
  const steps = events.filter((e) => e.type === 'step');
  assert.deepEqual(steps.map((e) => e.alertId).sort(), [...ids].sort(), 'each alert ran its first step exactly once');
  assert.deepEqual(await engine.runDue(T0), { timers: 0, failed: 0 }, 'nothing left due');
  while ((await engine.deliverDue(T0)).claimed > 0);
  assert.deepEqual(got('ana').map((m) => m.alertId).sort(), [...ids].sort(), 'ana got one page per alert');
  assert.throws(() => new AlertEngine({ ...{ store: r.store, workspaceId: WS, config: () => r.cfg.current, clock: () => 0, registry: new ChannelRegistry({}), baseUrl: 'https://v.example', ackSecret: 'an-ack-secret-of-32-characters!!' }, concurrency: 0 }), /concurrency must be a whole number/);
  await r.store.close();
});

test('a webhook step calls its shared webhook channel, signed with the channel\'s secret; a channel gone from the configuration is reported, not called', async () => {
  const r = await rig();
  const base = config([{ kind: 'notify', targets: [{ user: 'ana' }] }, { kind: 'webhook', channel: 'status' }]);
  r.cfg.current = { ...base, channels: { ...base.channels, status: { id: 'status', channel: 'webhook', target: { url: `${receiverOk.url}?to=status-page`, secret: SECRET } } } };
  receiverOk.requests.length = 0;
  const { alert } = await r.engine.onSignal(signal({ id: 'sig-wh', brandId: 'wh' }));
  await tickTo(r, T0);
  const calls = got('status-page');
  assert.equal(calls.length, 1, 'the status page was called once');
  assert.equal(calls[0]?.alertId, alert.id);
  assert.ok(r.events.some((e) => e.type === 'step' && /webhook status/.test(e.detail)));
  // The channel removed from the configuration: the step says so instead of calling anything.
  r.cfg.current = base;
  const second = await r.engine.onSignal(signal({ id: 'sig-wh2', brandId: 'wh2' }));
  await tickTo(r, T0);
  assert.equal(got('status-page').length, 1);
  assert.ok(r.events.some((e) => e.type === 'nobody' && e.alertId === second.alert.id && /webhook channel "status" does not exist/.test(e.detail)), JSON.stringify(r.events.filter((e) => e.type === 'nobody')));
  await r.store.close();
});

test('a severity rise on an acknowledged alert pages whoever holds it at once, as important, once per severity; the escalation stays stopped', async () => {
  const r = await rig();
  receiverOk.requests.length = 0;
  const sev3 = signal({ id: 'sig-up', brandId: 'rise', severity: 'SEV3' });
  const { alert } = await r.engine.onSignal(sev3);
  await tickTo(r, T0);
  assert.equal(got('ana').length, 1, 'ana (primary on call) was paged');
  r.clock.now = T0 + 2 * MIN;
  assert.ok((await r.engine.acknowledge(alert.id, 'ana')).ok);
  // The same signal grows to SEV1 while ana holds the alert.
  r.clock.now = T0 + 4 * MIN;
  const up = await r.engine.onSignal({ ...sev3, severity: 'SEV1', updatedAt: T0 + 4 * MIN, summary: 'Now SEV1' });
  assert.equal(up.page, 'escalated');
  await tickTo(r, T0 + 4 * MIN);
  const pages = got('ana');
  assert.equal(pages.length, 2, 'ana hears of the rise');
  assert.deepEqual([pages[1]?.severity, pages[1]?.urgency], ['SEV1', 'important']);
  // Re-emitted at the same severity: no new page; the escalation never restarted.
  r.clock.now = T0 + 6 * MIN;
  await r.engine.onSignal({ ...sev3, severity: 'SEV1', updatedAt: T0 + 6 * MIN, observed: 80, summary: 'Still SEV1' });
  await tickTo(r, T0 + 20 * MIN);
  assert.equal(got('ana').length, 2);
  assert.equal(got('bob').length, 0, 'the escalation stayed stopped: bob is not paged');
  assert.equal((await r.store.getAlert(WS, alert.id))?.status, 'acknowledged');
  await r.store.close();
});
