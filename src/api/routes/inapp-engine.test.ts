/**
 * End to end: a signal into the AlertEngine on a real SQLite store, a user whose rules say
 * `notify: app` (an in-app contact), and that user's open Vigie window reading the real SSE stream.
 * With no window open the outbox retries with back-off; once a window is open the page arrives.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { InAppPage } from '../../alert/channels/inapp/inapp-page.ts';
import { validateUser } from '../../alert/delivery/user.ts';
import { AlertEngine, type EngineEvent } from '../../alert/engine/engine.ts';
import type { EngineConfig } from '../../alert/engine/config.ts';
import { validateAlerting } from '../../alert/policy/validate.ts';
import { AlertOptionsSchema } from '../../alert/state/options.ts';
import type { Signal } from '../../domain/signal.ts';
import { startInAppApi, WS } from './inapp-test-rig.ts';
import { eventually } from './sse-test-client.ts';

const T0 = Date.UTC(2025, 5, 2, 8, 0, 0);
const MIN = 60_000;

function config(): EngineConfig {
  const ana = validateUser({
    id: 'ana', name: 'Ana', lang: 'fr', timeZone: 'Europe/Paris',
    contacts: [{ id: 'app', channel: 'inapp' }],
    rules: { default: [{ notify: 'app' }], important: [{ notify: 'app' }] },
  });
  if (!ana.ok) throw new Error(JSON.stringify(ana.problems));
  const v = validateAlerting({
    users: ['ana'], schedules: [], channels: [],
    teams: [{ id: 'ops', name: 'Ops', members: ['ana'], defaultPolicy: 'p1' }],
    policies: [{ id: 'p1', name: 'Crisis', steps: [{ kind: 'notify', targets: [{ user: 'ana' }] }] }],
    routing: { default: { team: 'ops' } },
  });
  if (!v.ok) throw new Error(JSON.stringify(v.problems));
  return { alerting: v.config, users: [ana.user], schedules: [], channels: {}, options: AlertOptionsSchema.parse({}), brandNames: { kerlann: 'Kerlann' } };
}

function signal(): Signal {
  return {
    id: 'sig-1', workspaceId: WS, brandId: 'kerlann', kind: 'negative_volume', status: 'open', startedAt: T0, updatedAt: T0,
    endedAt: null, bucketMs: MIN, score: 0.9, severity: 'SEV2',
    factors: [{ name: 'anomaly', value: 8, points: 3, detail: 'negative mentions 8× the usual level' }],
    observed: 40, expected: 5, summary: 'Negative mentions 8× the usual level', evidence: null, drill: false,
  };
}

test('a user\'s rule `notify: app` reaches their open window after runDue + deliverDue; with none open it is retried', async (t) => {
  const rig = await startInAppApi(t, {}, ['ana']);
  const clock = { now: T0 };
  const events: EngineEvent[] = [];
  const cfg = config();
  const engine = new AlertEngine({
    store: rig.store, workspaceId: WS, config: () => cfg, clock: () => clock.now, registry: rig.registry,
    baseUrl: 'https://vigie.example', ackSecret: 'an-ack-secret-of-32-characters!!',
    retry: { maxAttempts: 3, baseMs: 1000, maxMs: 10_000, jitter: 'equal' }, random: () => 0.5,
    onEvent: (e) => events.push(e),
  });

  const applied = await engine.onSignal(signal());
  assert.equal(applied.page, 'new');
  await engine.runDue(T0);
  const first = await engine.deliverDue(T0);
  assert.deepEqual(first, { claimed: 1, sent: 0, skipped: 0, retried: 1, dead: 0 }, 'no window open: retried later');
  assert.ok(events.some((e) => e.type === 'retry' && /user "ana" has no open Vigie window/.test(e.detail)), JSON.stringify(events));

  const window = await rig.open('ana');
  await eventually(() => rig.hub.streams('ana') === 1, 'the window is subscribed');
  clock.now = T0 + 10_000;
  const second = await engine.deliverDue(clock.now);
  assert.deepEqual(second, { claimed: 1, sent: 1, skipped: 0, retried: 0, dead: 0 });
  const page = JSON.parse((await window.next((f) => f.event === 'page')).data ?? 'null') as InAppPage;
  assert.equal(page.alertId, applied.alert.id);
  assert.equal(page.brand.name, 'Kerlann');
  assert.equal(page.lang, 'fr', 'in the user\'s language');
  assert.match(page.heading, /^SEV2 · Élevée — Kerlann\u00a0: /);
  assert.match(page.ackUrl, /^https:\/\/vigie\.example\/ack\//);
  assert.deepEqual(page.why, ['negative mentions 8× the usual level']);
  const stored = await rig.store.getDelivery(WS, page.deliveryId);
  assert.equal(stored?.status, 'sent');
});
