import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { Alert } from '../alert/alert.ts';
import type { WorkspaceId } from '../domain/ids.ts';
import { StoreError, type Store } from './store.ts';

/**
 * Test support (not a test): the contract of the durable alerting state (alerts, escalations,
 * timers, deliveries), which contract.test.ts runs on every store. `store()` is the opened store,
 * `fresh()` a new workspace id, `reopen()` a second store on the same database (another SQLite
 * connection to the same file, another PostgreSQL pool), to check that claims never overlap.
 */
const T0 = Date.UTC(2025, 3, 1, 8, 0, 0);
const MIN = 60_000;
/** Far in the future: a claim at this time takes every due row (used to drain leftovers of earlier tests). */
const END = 4_000_000_000_000_000;
const isCode = (code: StoreError['code'], pattern?: RegExp) => (e: unknown): boolean =>
  e instanceof StoreError && e.code === code && (pattern === undefined || pattern.test(e.message));

export function makeAlert(ws: WorkspaceId, i: number, extra: Partial<Alert> = {}): Alert {
  return {
    id: `al-${i}`, workspaceId: ws, groupKey: `lune:negative_volume`, brandId: 'lune', kind: 'negative_volume', severity: 'SEV2', status: 'new',
    signalIds: [`sig-${i}`], title: `Négatif ×5 — ${i}`, createdAt: T0 + i * MIN, updatedAt: T0 + i * MIN, lastSignalAt: T0 + i * MIN, signalOpen: true,
    acknowledgedAt: null, acknowledgedBy: null, ackExpiresAt: null, resolvedAt: null, resolvedBy: null, resolutionNote: null, silencedUntil: null,
    falseAlarm: false, drill: false, routeId: 'r1', teamId: 'com', policyHash: 'p1',
    openSignalIds: [`sig-${i}`], silencedFrom: null, remindedAt: null, firstAcknowledgedAt: null, autoResolved: false, ...extra,
  };
}

export function alertingContract(store: () => Store, fresh: () => WorkspaceId, reopen: () => Promise<Store>): void {
  /** Marks every due delivery sent and completes every due timer, so a test starts from an empty queue. */
  const drain = async (): Promise<void> => {
    for (;;) {
      const ds = await store().claimDueDeliveries(END, { owner: 'drain', leaseMs: 1, limit: 1000 });
      for (const d of ds) await store().markDeliverySent(d.id, 'drain', END);
      const ts = await store().claimDueTimers(null, END, { owner: 'drain', leaseMs: 1, limit: 1000 });
      for (const t of ts) await store().completeTimer(t.id, 'drain');
      if (ds.length === 0 && ts.length === 0) return;
    }
  };

  it('alerting: alerts round-trip, are replaced, listed newest first with filters and cursor, and isolated', async () => {
    const ws = fresh();
    const a = makeAlert(ws, 0, { title: 'nul \0 et \uD800', silencedUntil: null });
    await store().upsertAlert(ws, a);
    assert.deepEqual(await store().getAlert(ws, a.id), a);
    const acked: Alert = { ...a, status: 'acknowledged', acknowledgedAt: T0 + 5, acknowledgedBy: 'ana', updatedAt: T0 + 5, firstAcknowledgedAt: T0 + 5 };
    await store().upsertAlert(ws, acked);
    assert.deepEqual(await store().getAlert(ws, a.id), acked);
    // The state fields round-trip: an open list that is a part of the signals, the state a silence interrupted, the last reminder.
    const sw = fresh();
    const state: Alert = {
      ...makeAlert(sw, 50), status: 'silenced', signalIds: ['s1', 's2', 's3'], openSignalIds: ['s3', 's1'], silencedFrom: 'acknowledged',
      silencedUntil: T0 + 60 * MIN, acknowledgedAt: T0 + 2 * MIN, acknowledgedBy: 'bob', remindedAt: T0 + 9 * MIN, firstAcknowledgedAt: T0 + MIN,
    };
    await store().upsertAlert(sw, state);
    assert.deepEqual(await store().getAlert(sw, state.id), state);
    const auto: Alert = { ...state, status: 'resolved', openSignalIds: [], signalOpen: false, silencedFrom: null, autoResolved: true, resolvedAt: T0, resolvedBy: 'vigie:auto-resolve' };
    await store().upsertAlert(sw, auto);
    assert.deepEqual(await store().getAlert(sw, state.id), auto);
    await assert.rejects(store().upsertAlert(sw, { ...state, openSignalIds: ['s9'] }), isCode('invalid', /openSignalIds lists "s9", which is not in signalIds/));
    await assert.rejects(store().upsertAlert(sw, { ...state, signalOpen: false }), isCode('invalid', /signalOpen is false but openSignalIds has 2/));
    await assert.rejects(store().upsertAlert(sw, { ...state, silencedFrom: 'resolved' as never }), isCode('invalid', /silencedFrom/));
    const { remindedAt: _dropped, ...noReminder } = state;
    await assert.rejects(store().upsertAlert(sw, noReminder as Alert), isCode('invalid', /remindedAt/));
    const more = Array.from({ length: 11 }, (_, i) => makeAlert(ws, i + 1, i % 2 === 0 ? {} : { brandId: 'aube', groupKey: 'aube:volume', kind: 'volume' }));
    for (const m of more) await store().upsertAlert(ws, m);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await store().listAlerts(ws, { limit: 5, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((x) => x.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    assert.deepEqual(seen, [...more].reverse().map((x) => x.id).concat(a.id));
    assert.deepEqual((await store().listAlerts(ws, { limit: 50, brandId: 'aube' })).items.map((x) => x.id), ['al-10', 'al-8', 'al-6', 'al-4', 'al-2']);
    assert.deepEqual((await store().listAlerts(ws, { limit: 50, status: 'acknowledged' })).items, [acked]);
    assert.deepEqual((await store().listAlerts(ws, { limit: 50, since: T0 + 10 * MIN })).items.map((x) => x.id), ['al-11', 'al-10']);
    assert.deepEqual((await store().listAlerts(ws, { limit: 50, brandId: 'x\0' })).items, []);
    // The open alert of a key: the newest not resolved.
    assert.equal((await store().findOpenAlertByKey(ws, 'lune:negative_volume'))?.id, 'al-11');
    await store().upsertAlert(ws, { ...more[10]!, status: 'resolved', resolvedAt: T0, resolvedBy: 'ana' });
    assert.equal((await store().findOpenAlertByKey(ws, 'lune:negative_volume'))?.id, 'al-9');
    await store().upsertAlert(ws, { ...more[8]!, status: 'silenced', silencedUntil: null });
    assert.equal((await store().findOpenAlertByKey(ws, 'lune:negative_volume'))?.id, 'al-9', 'a silenced alert is still open');
    assert.equal(await store().findOpenAlertByKey(ws, 'nope'), null);
    // Isolation and bad input.
    const other = fresh();
    assert.equal(await store().getAlert(other, a.id), null);
    assert.deepEqual((await store().listAlerts(other, { limit: 10 })).items, []);
    assert.equal(await store().findOpenAlertByKey(other, 'lune:negative_volume'), null);
    await assert.rejects(store().upsertAlert(other, a), isCode('invalid', /belongs to workspace/));
    await assert.rejects(store().upsertAlert(ws, { ...a, status: 'open' as never }), isCode('invalid', /status/));
    await assert.rejects(store().upsertAlert(ws, { ...a, id: 'a\0b' }), isCode('invalid', /alert id must not contain NUL/));
    await assert.rejects(store().listAlerts(ws, { limit: 0 }), isCode('invalid', /limit must be an integer from 1 to 500/));
    await assert.rejects(store().listAlerts(ws, { limit: 5, status: 'open' as never }), isCode('invalid', /status must be one of/));
    await assert.rejects(store().listAlerts(ws, { limit: 5, cursor: 'bad cursor' }), isCode('invalid', /malformed cursor/));
    assert.equal(await store().getAlert(ws, 'a\0b'), null);
  });

  it('alerting: an escalation keeps its snapshot while running, advances by compare-and-set, stops once, and restarts after a stop', async () => {
    const ws = fresh();
    const snapshot = { steps: [{ notify: ['ana'] }, { wait: 5 }, { notify: ['bob'], important: true }], note: 'é \uD800' };
    const e = await store().startEscalation(ws, { alertId: 'al-1', policyHash: 'h1', policySnapshot: snapshot, startedAt: T0 });
    assert.deepEqual(e, { workspaceId: ws, alertId: 'al-1', policyHash: 'h1', policySnapshot: snapshot, step: 0, startedAt: T0, stoppedAt: null, stopReason: null });
    const again = await store().startEscalation(ws, { alertId: 'al-1', policyHash: 'h2', policySnapshot: { steps: [] }, startedAt: T0 + MIN });
    assert.deepEqual(again, e, 'editing the policy never disturbs a running escalation');
    assert.equal(await store().advanceEscalation(ws, 'al-1', 0, 1), true);
    assert.equal(await store().advanceEscalation(ws, 'al-1', 0, 1), false, 'a second worker moving the same step loses');
    assert.equal((await store().getEscalation(ws, 'al-1'))?.step, 1);
    assert.equal(await store().stopEscalation(ws, 'al-1', 'acknowledged', T0 + 2 * MIN), true);
    assert.equal(await store().stopEscalation(ws, 'al-1', 'resolved', T0 + 3 * MIN), false, 'idempotent: the first stop is kept');
    assert.deepEqual(await store().getEscalation(ws, 'al-1'), { ...e, step: 1, stoppedAt: T0 + 2 * MIN, stopReason: 'acknowledged' });
    const { policySnapshot: _snap, ...progress } = e;
    assert.deepEqual(await store().getEscalationProgress(ws, 'al-1'), { ...progress, step: 1, stoppedAt: T0 + 2 * MIN, stopReason: 'acknowledged' });
    assert.equal(await store().getEscalationProgress(ws, 'nope'), null);
    assert.equal(await store().getEscalationProgress(fresh(), 'al-1'), null);
    assert.equal(await store().advanceEscalation(ws, 'al-1', 1, 2), false, 'a stopped escalation does not move');
    const restarted = await store().startEscalation(ws, { alertId: 'al-1', policyHash: 'h2', policySnapshot: { steps: [] }, step: 0, startedAt: T0 + 9 * MIN });
    assert.deepEqual(restarted, { workspaceId: ws, alertId: 'al-1', policyHash: 'h2', policySnapshot: { steps: [] }, step: 0, startedAt: T0 + 9 * MIN, stoppedAt: null, stopReason: null });
    assert.equal(await store().getEscalation(fresh(), 'al-1'), null);
    assert.equal(await store().stopEscalation(fresh(), 'al-1', 'resolved', T0), false);
    assert.equal(await store().stopEscalation(ws, 'nope', 'resolved', T0), false);
    await assert.rejects(store().startEscalation(ws, { alertId: '', policyHash: 'h', policySnapshot: null, startedAt: T0 }), isCode('invalid', /alertId/));
    await assert.rejects(store().startEscalation(ws, { alertId: 'x', policyHash: 'h', policySnapshot: 1n, startedAt: T0 }), isCode('invalid', /policySnapshot must be JSON/));
    await assert.rejects(store().startEscalation(ws, { alertId: 'x', policyHash: 'h', policySnapshot: null, step: -1, startedAt: T0 }), isCode('invalid', /step/));
    await assert.rejects(store().stopEscalation(ws, 'al-1', 'done', Number.NaN), isCode('invalid', /at must be epoch/));
  });

  it('alerting: commitStep records a step in one call — pages, compare-and-set, next timer — and pages nothing once stopped', async () => {
    await drain();
    const ws = fresh();
    const page = (id: string) => ({ id: `${ws}:${id}`, alertId: 'al-1', channel: 'webhook' as const, target: { url: 'https://x.example/h' }, message: { title: id }, createdAt: T0 });
    await store().startEscalation(ws, { alertId: 'al-1', policyHash: 'h', policySnapshot: { steps: [] }, startedAt: T0 });
    const t = await store().scheduleTimer(ws, { kind: 'escalation-step', ref: 'al-1', dueAt: T0, payload: { seq: 0 } });
    const [claimed] = await store().claimDueTimers(ws, T0, { owner: 'w1', leaseMs: 60_000, limit: 10 });
    assert.equal(claimed?.id, t.id);
    // Step 0 ran: its page, the move 0 → 1, a new timer for step 1.
    const next = { kind: 'escalation-step' as const, ref: 'al-1', dueAt: T0 + 5 * MIN, payload: { seq: 1 } };
    assert.equal(await store().commitStep(ws, { alertId: 'al-1', timerId: t.id, owner: 'w1', from: 0, to: 1, deliveries: [page('p0')], next: { kind: 'schedule', timer: next } }), true);
    assert.equal((await store().getEscalation(ws, 'al-1'))?.step, 1);
    assert.equal((await store().getDelivery(ws, `${ws}:p0`))?.status, 'pending');
    assert.deepEqual((await store().listTimers(ws, 'al-1')).map((x) => [x.dueAt, x.payload]), [[T0 + 5 * MIN, { seq: 1 }]], 'the claimed timer is completed, the next one scheduled');
    // A second worker replaying the same step loses the compare-and-set and pages nothing.
    const t1 = (await store().listTimers(ws, 'al-1'))[0]!;
    await store().claimDueTimers(ws, T0 + 5 * MIN, { owner: 'w2', leaseMs: 60_000, limit: 10 });
    assert.equal(await store().commitStep(ws, { alertId: 'al-1', timerId: t1.id, owner: 'w2', from: 0, to: 1, deliveries: [page('dup')], next: { kind: 'complete' } }), false);
    assert.equal(await store().getDelivery(ws, `${ws}:dup`), null);
    assert.deepEqual(await store().listTimers(ws, 'al-1'), [], 'the loser completes its timer');
    // The timer itself moves on to the next step (release), and the same page again is a no-op.
    const t2 = await store().scheduleTimer(ws, { kind: 'escalation-step', ref: 'al-1', dueAt: T0 + 6 * MIN });
    await store().claimDueTimers(ws, T0 + 6 * MIN, { owner: 'w1', leaseMs: 60_000, limit: 10 });
    assert.equal(await store().commitStep(ws, { alertId: 'al-1', timerId: t2.id, owner: 'w1', from: 1, to: 2, deliveries: [page('p0')], next: { kind: 'release', dueAt: T0 + 9 * MIN } }), true);
    assert.deepEqual((await store().listTimers(ws, 'al-1')).map((x) => [x.id, x.dueAt, x.claimedBy]), [[t2.id, T0 + 9 * MIN, null]]);
    // Stopped (an ack): nothing is paged, the step does not move, the timer goes.
    await store().claimDueTimers(ws, T0 + 9 * MIN, { owner: 'w1', leaseMs: 60_000, limit: 10 });
    assert.equal(await store().stopEscalation(ws, 'al-1', 'acknowledged by ana', T0 + 8 * MIN), true);
    assert.equal(await store().commitStep(ws, { alertId: 'al-1', timerId: t2.id, owner: 'w1', from: 2, to: 3, deliveries: [page('p2')], next: { kind: 'complete' } }), false);
    assert.equal(await store().getDelivery(ws, `${ws}:p2`), null);
    assert.equal((await store().getEscalation(ws, 'al-1'))?.step, 2);
    assert.deepEqual(await store().listTimers(ws, 'al-1'), []);
    // Bad input is refused before anything is written.
    await store().startEscalation(ws, { alertId: 'al-2', policyHash: 'h', policySnapshot: null, startedAt: T0 });
    const bad = { alertId: 'al-2', timerId: 'x', owner: 'w1', from: 0, to: 1, deliveries: [page('ok'), { ...page('bad'), message: 1n }], next: { kind: 'complete' as const } };
    await assert.rejects(store().commitStep(ws, bad), isCode('invalid', /delivery message must be JSON/));
    await assert.rejects(store().commitStep(ws, { ...bad, deliveries: [], from: 2, to: 1 }), isCode('invalid', /to \(1\) must not be before from \(2\)/));
    await assert.rejects(store().commitStep(ws, { ...bad, deliveries: [], next: { kind: 'later' } as never }), isCode('invalid', /next.kind must be release, schedule or complete/));
    assert.equal(await store().getDelivery(ws, `${ws}:ok`), null, 'nothing of a refused commit is stored');
    assert.equal((await store().getEscalation(ws, 'al-2'))?.step, 0);
  });

  it('alerting: timers are idempotent, claimed once per lease, completed only by their claimant, released and cancelled', async () => {
    await drain();
    const ws = fresh();
    const t1 = await store().scheduleTimer(ws, { kind: 'escalation-step', ref: 'al-1', dueAt: T0, payload: { step: 1 } });
    assert.deepEqual({ ...t1, id: '' }, { id: '', workspaceId: ws, kind: 'escalation-step', ref: 'al-1', dueAt: T0, claimedBy: null, claimedUntil: null, payload: { step: 1 } });
    assert.deepEqual(await store().scheduleTimer(ws, { kind: 'escalation-step', ref: 'al-1', dueAt: T0, payload: { step: 99 } }), t1, 'scheduling again is a no-op');
    const t2 = await store().scheduleTimer(ws, { kind: 'ack-timeout', ref: 'al-1', dueAt: T0 + MIN });
    const t3 = await store().scheduleTimer(ws, { kind: 'reminder', ref: 'al-2', dueAt: T0 + 10 * MIN });
    assert.equal(t2.payload, null);
    const opts = { owner: 'w1', leaseMs: 30_000, limit: 10 };
    assert.deepEqual(await store().claimDueTimers(ws, T0 - 1, opts), [], 'nothing is due yet');
    const c1 = await store().claimDueTimers(ws, T0 + MIN, opts);
    assert.deepEqual(c1.map((t) => t.id), [t1.id, t2.id], 'due first');
    assert.deepEqual([c1[0]?.claimedBy, c1[0]?.claimedUntil], ['w1', T0 + MIN + 30_000]);
    assert.deepEqual(await store().claimDueTimers(ws, T0 + MIN + 1000, { ...opts, owner: 'w2' }), [], 'held by a live lease');
    assert.deepEqual(await store().claimDueTimers(fresh(), T0 + 99 * MIN, opts), [], "another workspace's claim does not see them");
    assert.equal(await store().completeTimer(t1.id, 'w2'), false, 'only the claimant completes');
    assert.equal(await store().completeTimer(t1.id, 'w1'), true);
    assert.equal(await store().completeTimer(t1.id, 'w1'), false, 'already done');
    // The lease of t2 passes (w1 crashed): w2 claims it; w1 can no longer complete it.
    const c2 = await store().claimDueTimers(ws, T0 + MIN + 30_000, { ...opts, owner: 'w2' });
    assert.deepEqual(c2.map((t) => [t.id, t.claimedBy]), [[t2.id, 'w2']]);
    assert.equal(await store().completeTimer(t2.id, 'w1'), false);
    assert.equal(await store().releaseTimer(t2.id, 'w1'), false);
    assert.equal(await store().releaseTimer(t2.id, 'w2', T0 + 5 * MIN), true, 'given back for later');
    assert.deepEqual(await store().claimDueTimers(ws, T0 + 4 * MIN, opts), []);
    assert.deepEqual((await store().claimDueTimers(ws, T0 + 5 * MIN, { ...opts, limit: 1 })).map((t) => t.id), [t2.id]);
    assert.deepEqual((await store().listTimers(ws, 'al-1')).map((t) => [t.kind, t.claimedBy]), [['ack-timeout', 'w1']]);
    assert.equal(await store().cancelTimers(ws, 'al-1', ['reminder']), 0);
    assert.equal(await store().cancelTimers(ws, 'al-1', ['ack-timeout', 'escalation-step']), 1);
    assert.equal(await store().completeTimer(t2.id, 'w1'), false, 'a cancelled timer is gone');
    assert.equal(await store().cancelTimers(fresh(), 'al-2'), 0);
    assert.deepEqual((await store().listTimers(ws, 'al-2')).map((t) => t.id), [t3.id]);
    assert.equal(await store().cancelTimers(ws, 'al-2'), 1);
    // One timer deleted by id whoever holds it (here claimed by w1), and only in its workspace.
    const t4 = await store().scheduleTimer(ws, { kind: 'reminder', ref: 'al-3', dueAt: T0 });
    const t5 = await store().scheduleTimer(ws, { kind: 'auto-resolve', ref: 'al-3', dueAt: T0 + MIN });
    assert.deepEqual((await store().claimDueTimers(ws, T0, opts)).map((t) => t.id), [t4.id]);
    assert.equal(await store().deleteTimer(fresh(), t4.id), false, 'another workspace cannot delete it');
    assert.equal(await store().deleteTimer(ws, t4.id), true, 'deleted although w1 holds it');
    assert.equal(await store().deleteTimer(ws, t4.id), false, 'already gone');
    assert.equal(await store().completeTimer(t4.id, 'w1'), false, 'its claimant finds it gone');
    assert.equal(await store().deleteTimer(ws, 'a\0b'), false);
    assert.deepEqual((await store().listTimers(ws, 'al-3')).map((t) => t.id), [t5.id], 'the other timer of the ref stays');
    assert.equal(await store().deleteTimer(ws, t5.id), true);
    await assert.rejects(store().scheduleTimer(ws, { kind: 'later' as never, ref: 'a', dueAt: T0 }), isCode('invalid', /timer kind must be one of escalation-step/));
    await assert.rejects(store().scheduleTimer(ws, { kind: 'reminder', ref: 'a', dueAt: -5 }), isCode('invalid', /timer dueAt/));
    await assert.rejects(store().scheduleTimer(ws, { kind: 'reminder', ref: 'a', dueAt: T0, payload: () => 1 }), isCode('invalid', /timer payload must be a JSON value/));
    await assert.rejects(store().claimDueTimers(ws, T0, { owner: '', leaseMs: 1, limit: 1 }), isCode('invalid', /owner/));
    await assert.rejects(store().claimDueTimers(ws, T0, { owner: 'w', leaseMs: 0, limit: 1 }), isCode('invalid', /leaseMs/));
    await assert.rejects(store().claimDueTimers(ws, T0, { owner: 'w', leaseMs: 1, limit: 1001 }), isCode('invalid', /limit/));
  });

  it('alerting: deliveries are idempotent, retried, dead-lettered, listed and requeued', async () => {
    await drain();
    const ws = fresh();
    const message = { alertId: 'al-1', title: 'Négatif ×5', lang: 'fr' };
    const d = await store().enqueueDelivery(ws, { id: `${ws}:al-1:0:ana:email`, alertId: 'al-1', channel: 'email', target: { to: 'ana@x.fr' }, message, createdAt: T0 });
    assert.deepEqual(d, {
      id: `${ws}:al-1:0:ana:email`, workspaceId: ws, alertId: 'al-1', channel: 'email', target: { to: 'ana@x.fr' }, message, attempts: 0, nextAttemptAt: T0,
      status: 'pending', lastError: null, createdAt: T0, sentAt: null, deadAt: null, skippedAt: null, skipReason: null, claimedBy: null, claimedUntil: null,
    });
    assert.deepEqual(await store().enqueueDelivery(ws, { id: d.id, alertId: 'other', channel: 'sms', target: 1, message: 2, createdAt: T0 + 1 }), d, 'idempotent on its id');
    await assert.rejects(store().enqueueDelivery(fresh(), { id: d.id, alertId: 'x', channel: 'sms', target: 1, message: 2, createdAt: T0 }), isCode('conflict', /another workspace/));
    const later = await store().enqueueDelivery(ws, { id: `${ws}:slack`, alertId: 'al-1', channel: 'slack', target: 'u', message, createdAt: T0, nextAttemptAt: T0 + MIN });
    const opts = { owner: 'w1', leaseMs: 10_000, limit: 10 };
    const c1 = await store().claimDueDeliveries(T0, opts);
    assert.deepEqual(c1.map((x) => [x.id, x.attempts, x.claimedBy]), [[d.id, 1, 'w1']]);
    assert.deepEqual(await store().claimDueDeliveries(T0 + 1000, { ...opts, owner: 'w2' }), [], 'held by a live lease');
    assert.equal(await store().markDeliveryFailed(d.id, 'w2', 'not mine', T0, T0), false, 'only the holder records a failure');
    assert.equal(await store().markDeliveryFailed(d.id, 'w1', 'SMTP 451 try later \0', T0 + 2000, T0 + 1000), true);
    const retry = await store().getDelivery(ws, d.id);
    assert.deepEqual([retry?.status, retry?.lastError, retry?.nextAttemptAt, retry?.claimedBy], ['pending', 'SMTP 451 try later \uFFFD', T0 + 2000, null]);
    // Crash mid-attempt: the lease passes and another worker takes it (attempt 3).
    assert.deepEqual((await store().claimDueDeliveries(T0 + 2000, opts)).map((x) => x.attempts), [2]);
    const c3 = await store().claimDueDeliveries(T0 + 12_000, { ...opts, owner: 'w2' });
    assert.deepEqual(c3.map((x) => [x.id, x.attempts, x.claimedBy]), [[d.id, 3, 'w2']]);
    assert.equal(await store().markDeliveryFailed(d.id, 'w1', 'late', null, T0 + 12_000), false, 'a lapsed holder cannot kill it');
    assert.equal(await store().markDeliveryFailed(d.id, 'w2', 'SMTP 550 no such user', null, T0 + 13_000), true);
    assert.deepEqual(await store().claimDueDeliveries(END - 1, opts).then((xs) => xs.filter((x) => x.workspaceId === ws).map((x) => x.id)), [later.id],
      'a dead delivery is never claimed');
    assert.equal(await store().markDeliverySent(later.id, 'w1', T0 + MIN), true);
    assert.equal(await store().markDeliverySent(later.id, 'w1', T0 + MIN), false, 'already sent');
    const sent = await store().getDelivery(ws, later.id);
    assert.deepEqual([sent?.status, sent?.sentAt, sent?.claimedBy], ['sent', T0 + MIN, null]);
    const dead = await store().listDeadDeliveries(ws, { limit: 10 });
    assert.deepEqual(dead.items.map((x) => [x.id, x.status, x.attempts, x.lastError, x.deadAt]), [[d.id, 'dead', 3, 'SMTP 550 no such user', T0 + 13_000]]);
    assert.deepEqual((await store().listDeadDeliveries(fresh(), { limit: 10 })).items, []);
    assert.equal(await store().requeueDelivery(fresh(), d.id, T0), false);
    assert.equal(await store().requeueDelivery(ws, later.id, T0), false, 'only a dead delivery is requeued');
    assert.equal(await store().requeueDelivery(ws, d.id, T0 + 20_000), true);
    assert.deepEqual((await store().listDeadDeliveries(ws, { limit: 10 })).items, []);
    const back = await store().claimDueDeliveries(T0 + 20_000, opts);
    assert.deepEqual(back.map((x) => [x.id, x.attempts, x.lastError]), [[d.id, 1, 'SMTP 550 no such user']]);
    assert.equal(await store().markDeliverySent(d.id, 'w1', T0 + 21_000), true);
    // Dead-letter paging.
    for (let i = 0; i < 7; i++) {
      const x = await store().enqueueDelivery(ws, { id: `${ws}:dl-${i}`, alertId: 'al-2', channel: 'webhook', target: {}, message: {}, createdAt: T0 });
      await store().claimDueDeliveries(T0, opts);
      assert.equal(await store().markDeliveryFailed(x.id, 'w1', `HTTP 4${i}0`, null, T0 + (i % 3) * 1000), true);
    }
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await store().listDeadDeliveries(ws, { limit: 3, ...(cursor ? { cursor } : {}) });
      ids.push(...page.items.map((x) => x.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    assert.deepEqual(ids, [5, 2, 4, 1, 6, 3, 0].map((i) => `${ws}:dl-${i}`), 'most recently dead first, ties by id descending');
    await assert.rejects(store().enqueueDelivery(ws, { id: 'x', alertId: 'a', channel: 'pigeon' as never, target: 1, message: 1, createdAt: T0 }), isCode('invalid', /delivery channel must be one of/));
    await assert.rejects(store().enqueueDelivery(ws, { id: 'x', alertId: 'a', channel: 'sms', target: 1, message: 'm'.repeat(300_000), createdAt: T0 }), isCode('invalid', /delivery message is \d+ characters of JSON/));
    await assert.rejects(store().listDeadDeliveries(ws, { limit: 501 }), isCode('invalid', /limit/));
  });

  it('alerting: deliveries are skipped (drill, maintenance) and postponed without counting an attempt, by their holder only', async () => {
    await drain();
    const ws = fresh();
    const opts = { owner: 'w1', leaseMs: 10_000, limit: 10 };
    const skip = await store().enqueueDelivery(ws, { id: `${ws}:skip`, alertId: 'al-1', channel: 'sms', target: '+33600000000', message: {}, createdAt: T0 });
    const later = await store().enqueueDelivery(ws, { id: `${ws}:later`, alertId: 'al-1', channel: 'slack', target: 'C1', message: {}, createdAt: T0 });
    assert.deepEqual((await store().claimDueDeliveries(T0, opts)).map((d) => [d.id, d.attempts]), [[later.id, 1], [skip.id, 1]]);
    assert.equal(await store().markDeliverySkipped(skip.id, 'w2', 'drill', T0 + 1), false, 'only the holder skips it');
    assert.equal(await store().markDeliverySkipped(skip.id, 'w1', 'DRILL: real channels are not paged \0', T0 + 1), true);
    assert.equal(await store().markDeliverySkipped(skip.id, 'w1', 'again', T0 + 2), false, 'no longer pending');
    const skipped = await store().getDelivery(ws, skip.id);
    assert.deepEqual([skipped?.status, skipped?.skippedAt, skipped?.skipReason, skipped?.sentAt, skipped?.claimedBy, skipped?.lastError],
      ['skipped', T0 + 1, 'DRILL: real channels are not paged \uFFFD', null, null, null]);
    assert.equal(await store().markDeliverySent(skip.id, 'w1', T0 + 3), false, 'a skipped delivery is not sent later');
    assert.equal(await store().requeueDelivery(ws, skip.id, T0 + 3), false, 'nor requeued');
    assert.deepEqual((await store().listDeadDeliveries(ws, { limit: 10 })).items, [], 'nor dead-lettered');
    // A rate limit: the holder postpones it; the claim's attempt is taken back.
    assert.equal(await store().postponeDelivery(later.id, 'w2', T0 + MIN), false, 'only the holder postpones it');
    assert.equal(await store().postponeDelivery(later.id, 'w1', T0 + MIN), true);
    const postponed = await store().getDelivery(ws, later.id);
    assert.deepEqual([postponed?.status, postponed?.attempts, postponed?.nextAttemptAt, postponed?.claimedBy], ['pending', 0, T0 + MIN, null]);
    assert.equal(await store().postponeDelivery(later.id, 'w1', T0 + MIN), false, 'no longer held');
    assert.deepEqual(await store().claimDueDeliveries(T0 + MIN - 1, opts), [], 'not before its new time');
    const again = await store().claimDueDeliveries(T0 + MIN, { ...opts, owner: 'w2' });
    assert.deepEqual(again.map((d) => [d.id, d.attempts]), [[later.id, 1]], 'the postponed claim did not count');
    assert.equal(await store().markDeliveryFailed(later.id, 'w2', 'HTTP 500', T0 + 2 * MIN, T0 + MIN), true);
    assert.equal((await store().claimDueDeliveries(T0 + 2 * MIN, opts))[0]?.attempts, 2, 'a failure does count');
    assert.equal(await store().postponeDelivery(later.id, 'w1', T0 + 3 * MIN), true);
    assert.deepEqual(await store().getDelivery(ws, later.id).then((d) => [d?.attempts, d?.lastError]), [1, 'HTTP 500'], 'the last error is kept');
    await assert.rejects(store().markDeliverySkipped(later.id, 'w1', '', T0), isCode('invalid', /reason must be a non-empty string/));
    await assert.rejects(store().markDeliverySkipped(later.id, '', 'drill', T0), isCode('invalid', /owner/));
    await assert.rejects(store().markDeliverySkipped(later.id, 'w1', 'drill', -1), isCode('invalid', /at must be epoch/));
    await assert.rejects(store().postponeDelivery(later.id, 'w1', Number.NaN), isCode('invalid', /nextAttemptAt must be epoch/));
    assert.equal(await store().postponeDelivery('a\0b', 'w1', T0), false);
  });

  it('alerting: concurrent claimers, on this store and on a second connection to the same database, never get the same row', async () => {
    await drain();
    const ws = fresh();
    const second = await reopen();
    try {
      for (let i = 0; i < 40; i++) {
        await store().scheduleTimer(ws, { kind: 'escalation-step', ref: `al-${i}`, dueAt: T0 + i });
        await store().enqueueDelivery(ws, { id: `${ws}:c-${i}`, alertId: `al-${i}`, channel: 'inapp', target: null, message: null, createdAt: T0 + i });
      }
      const stores = [store(), second, store(), second, store(), second];
      const timers = await Promise.all(stores.map((s, k) => s.claimDueTimers(null, T0 + 100, { owner: `w${k}`, leaseMs: 60_000, limit: 9 })));
      const deliveries = await Promise.all(stores.map((s, k) => s.claimDueDeliveries(T0 + 100, { owner: `w${k}`, leaseMs: 60_000, limit: 9 })));
      for (const claimed of [timers.flat().map((t) => t.ref), deliveries.flat().map((d) => d.id)]) {
        assert.equal(claimed.length, 40, 'every due row is claimed once');
        assert.equal(new Set(claimed).size, 40, 'no row is claimed twice');
      }
      // Each claimer's rows carry its own name.
      timers.forEach((ts, k) => ts.forEach((t) => assert.equal(t.claimedBy, `w${k}`)));
      // The second connection sees the first's claims: nothing is left to claim before the leases pass, and everything after.
      assert.deepEqual(await second.claimDueTimers(ws, T0 + 1000, { owner: 'x', leaseMs: 1000, limit: 100 }), []);
      assert.deepEqual(await second.claimDueDeliveries(T0 + 1000, { owner: 'x', leaseMs: 1000, limit: 100 }), []);
      assert.equal((await second.claimDueTimers(ws, T0 + 60_100, { owner: 'x', leaseMs: 1000, limit: 100 })).length, 40);
      const t = timers.flat()[0]!;
      assert.equal(await second.completeTimer(t.id, 'x'), true);
      assert.equal((await store().listTimers(ws, t.ref)).length, 0, 'the first connection sees the second completed it');
    } finally {
      await second.close();
      await drain();
    }
  });
}
