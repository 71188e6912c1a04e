import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applySignal } from './apply-signal.ts';
import { AUTO_RESOLVER, type TrackedAlert } from './record.ts';
import { nextDueAt, tick } from './tick.ts';
import { acknowledge, resolve, silence, type TransitionResult } from './transitions.ts';
import { MIN, opts, signal, T0 } from './test-fixtures.ts';

function ok(r: TransitionResult): TrackedAlert {
  if (!r.ok) throw new Error(r.error);
  return r.alert;
}
const openAlert = (o = opts()): TrackedAlert => applySignal([], signal(), T0, o).alert;
const calmAlert = (o = opts()): TrackedAlert =>
  applySignal([], signal({ status: 'closed', updatedAt: T0 + 5 * MIN, endedAt: T0 + 10 * MIN }), T0 + 10 * MIN, o).alert;

test('nothing due: tick returns the same alert and no changes', () => {
  const o = opts({ ackTimeoutMinutes: 20 });
  const a = ok(acknowledge(openAlert(o), 'ana', T0 + MIN, o));
  const r = tick(a, T0 + 20 * MIN, o);
  assert.equal(r.alert, a);
  assert.deepEqual(r.changes, []);
});

test('ack timeout: back to new and page again, exactly at ackExpiresAt', () => {
  const o = opts({ ackTimeoutMinutes: 20 });
  const a = ok(acknowledge(openAlert(o), 'ana', T0 + MIN, o));
  assert.equal(nextDueAt(a, o), T0 + 21 * MIN);
  assert.deepEqual(tick(a, T0 + 21 * MIN - 1, o).changes, []);
  const r = tick(a, T0 + 21 * MIN, o);
  assert.equal(r.alert.status, 'new');
  assert.equal(r.alert.acknowledgedBy, null);
  assert.equal(r.alert.ackExpiresAt, null);
  assert.equal(r.alert.firstAcknowledgedAt, T0 + MIN);
  assert.equal(r.changes.length, 1);
  const c = r.changes[0];
  assert.equal(c?.kind, 'ack_timeout');
  assert.equal(c?.kind === 'ack_timeout' && c.page, true);
  assert.match(c?.reason ?? '', /acknowledgement of alert \w+ by ana lapsed \(not resolved within 20 min\): back to new$/);
  assert.equal(nextDueAt(r.alert, o), null); // open signal, new: nothing scheduled
});

test('ack timeout during maintenance: back to new but not paged', () => {
  const o = opts({ ackTimeoutMinutes: 20, maintenance: [{ from: T0 + 15 * MIN, to: T0 + 60 * MIN }] });
  const a = ok(acknowledge(openAlert(o), 'ana', T0 + MIN, o));
  const c = tick(a, T0 + 21 * MIN, o).changes[0];
  assert.equal(c?.kind === 'ack_timeout' && c.page, false);
  assert.match(c?.reason ?? '', /not paged: brand kerlann is in maintenance/);
});

test('silence expiry restores the previous state; a lapsed ack during the silence pages', () => {
  const o = opts({ ackTimeoutMinutes: 20, autoResolve: { enabled: false } });
  const s = ok(silence(openAlert(o), 'ana', T0 + 30 * MIN, T0 + MIN));
  assert.equal(nextDueAt(s, o), T0 + 30 * MIN);
  const r = tick(s, T0 + 30 * MIN, o);
  assert.equal(r.alert.status, 'new');
  assert.deepEqual(r.changes.map((c) => c.kind), ['silence_ended']);

  const acked = ok(acknowledge(openAlert(o), 'ana', T0 + MIN, o));
  const short = ok(silence(acked, 'ana', T0 + 10 * MIN, T0 + 2 * MIN));
  const r2 = tick(short, T0 + 10 * MIN, o);
  assert.equal(r2.alert.status, 'acknowledged');
  assert.deepEqual(r2.changes, [{ kind: 'silence_ended', to: 'acknowledged', reason: r2.changes[0]?.reason }]);

  const long = ok(silence(acked, 'ana', T0 + 40 * MIN, T0 + 2 * MIN));
  assert.equal(nextDueAt(long, o), T0 + 40 * MIN); // the ack timeout waits for the end of the silence
  const r3 = tick(long, T0 + 40 * MIN, o);
  assert.equal(r3.alert.status, 'new');
  assert.deepEqual(r3.changes.map((c) => c.kind), ['silence_ended', 'ack_timeout']);
  assert.equal(r3.changes[1]?.kind === 'ack_timeout' && r3.changes[1].page, true);

  // For good: nothing scheduled.
  assert.equal(nextDueAt(ok(silence(openAlert(o), 'ana', null, T0 + MIN)), o), null);
});

test('auto-resolve after calm minutes once every signal closed; disabled or open signals keep it', () => {
  const o = opts({ autoResolve: { enabled: true, afterCalmMinutes: 30 } });
  const a = calmAlert(o);
  assert.equal(nextDueAt(a, o), T0 + 40 * MIN);
  assert.deepEqual(tick(a, T0 + 40 * MIN - 1, o).changes, []);
  const r = tick(a, T0 + 40 * MIN, o);
  assert.equal(r.alert.status, 'resolved');
  assert.equal(r.alert.resolvedBy, AUTO_RESOLVER);
  assert.equal(r.alert.autoResolved, true);
  assert.deepEqual(r.changes.map((c) => c.kind), ['auto_resolved']);
  assert.equal(nextDueAt(r.alert, o), null);
  assert.deepEqual(tick(r.alert, T0 + 90 * MIN, o).changes, []);

  const off = opts({ autoResolve: { enabled: false } });
  assert.equal(nextDueAt(calmAlert(off), off), null);
  assert.deepEqual(tick(calmAlert(off), T0 + 999 * MIN, off).changes, []);
  assert.equal(nextDueAt(openAlert(o), o), null);
  assert.deepEqual(tick(openAlert(o), T0 + 999 * MIN, o).changes, []);

  // A silenced-for-good alert whose signal calmed down resolves too.
  const sil = ok(silence(a, 'ana', null, T0 + 11 * MIN));
  assert.equal(tick(sil, T0 + 40 * MIN, o).alert.status, 'resolved');
  // Auto-resolve wins over an ack timeout due at the same time (nothing to page for a calm alert).
  const oo = opts({ ackTimeoutMinutes: 29 });
  const acked = ok(acknowledge(calmAlert(oo), 'ana', T0 + 11 * MIN, oo));
  assert.deepEqual(tick(acked, T0 + 40 * MIN, oo).changes.map((c) => c.kind), ['auto_resolved']);
});

test('reminders every N minutes while acknowledged; late ticks send one; none when new or resolved', () => {
  const o = opts({ reminderMinutes: 15 });
  const a = ok(acknowledge(openAlert(o), 'ana', T0 + MIN, o));
  assert.equal(nextDueAt(a, o), T0 + 16 * MIN);
  const r1 = tick(a, T0 + 16 * MIN, o);
  assert.equal(r1.changes.length, 1);
  const c = r1.changes[0];
  assert.equal(c?.kind, 'reminder');
  assert.equal(c?.kind === 'reminder' && c.to, 'ana');
  assert.equal(c?.kind === 'reminder' && c.page, true);
  assert.match(c?.reason ?? '', /still unresolved 15 min after ana acknowledged it/);
  assert.equal(r1.alert.remindedAt, T0 + 16 * MIN);
  assert.equal(nextDueAt(r1.alert, o), T0 + 31 * MIN);
  assert.deepEqual(tick(r1.alert, T0 + 30 * MIN, o).changes, []);
  // An hour late: one reminder, the next one 15 min later.
  const late = tick(r1.alert, T0 + 90 * MIN, o);
  assert.equal(late.changes.length, 1);
  assert.equal(nextDueAt(late.alert, o), T0 + 105 * MIN);

  assert.equal(nextDueAt(openAlert(o), o), null);
  assert.equal(nextDueAt(ok(resolve(a, 'ana', T0 + 2 * MIN, {}, o)), o), null);
  // In maintenance: the reminder is recorded but not paged.
  const m = opts({ reminderMinutes: 15, maintenance: [{ from: T0, to: T0 + 60 * MIN }] });
  const held = tick(a, T0 + 16 * MIN, m).changes[0];
  assert.equal(held?.kind === 'reminder' && held.page, false);
});

test('nextDueAt is the earliest of what is scheduled', () => {
  const o = opts({ ackTimeoutMinutes: 60, reminderMinutes: 15, autoResolve: { afterCalmMinutes: 5 } });
  const a = ok(acknowledge(calmAlert(o), 'ana', T0 + 11 * MIN, o));
  assert.equal(nextDueAt(a, o), T0 + 15 * MIN); // calm since T0+10 + 5 min, before the reminder at T0+26
});

test('tick refuses a bad time', () => {
  assert.throws(() => tick(openAlert(), Number.POSITIVE_INFINITY, opts()), /now must be epoch milliseconds/);
});
