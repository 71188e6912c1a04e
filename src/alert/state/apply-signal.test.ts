import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applySignal } from './apply-signal.ts';
import { TrackedAlertSchema } from './record.ts';
import { acknowledge, resolve, silence } from './transitions.ts';
import { MIN, opts, signal, T0 } from './test-fixtures.ts';

const o = opts({ windowMinutes: 30 });

function ok<T>(r: { ok: true; alert: T } | { ok: false; error: string }): T {
  if (!r.ok) throw new Error(r.error);
  return r.alert;
}

test('a first signal opens a valid new alert and pages', () => {
  const r = applySignal([], signal(), T0, o);
  assert.equal(r.created, true);
  assert.equal(r.page, 'new');
  assert.equal(r.duplicate, false);
  assert.doesNotThrow(() => TrackedAlertSchema.parse(r.alert));
  assert.equal(r.alert.groupKey, 'kerlann:negative_volume');
  assert.equal(r.alert.status, 'new');
  assert.deepEqual(r.alert.signalIds, ['sig-1']);
  assert.deepEqual(r.alert.openSignalIds, ['sig-1']);
  assert.equal(r.alert.signalOpen, true);
  assert.equal(r.alert.title, 'Negative mentions 8× the usual level');
  assert.match(r.reason, /new SEV3 alert al_[0-9a-f]{24} for signal sig-1/);
  // Deterministic: same inputs, same id.
  assert.equal(applySignal([], signal(), T0, o).alert.id, r.alert.id);
  assert.notEqual(applySignal([], signal({ id: 'sig-2' }), T0, o).alert.id, r.alert.id);
});

test('a re-emitted signal is a duplicate; an update raises the severity and pages escalated', () => {
  const a = applySignal([], signal(), T0, o).alert;
  const dup = applySignal([a], signal(), T0 + MIN, o);
  assert.equal(dup.duplicate, true);
  assert.equal(dup.page, 'none');
  assert.equal(dup.alert, a);

  const sameSev = applySignal([a], signal({ updatedAt: T0 + 5 * MIN }), T0 + 5 * MIN, o);
  assert.equal(sameSev.page, 'none');
  assert.equal(sameSev.duplicate, false);
  assert.equal(sameSev.alert.lastSignalAt, T0 + 5 * MIN);

  const worse = applySignal([sameSev.alert], signal({ updatedAt: T0 + 6 * MIN, severity: 'SEV1', summary: 'Worse' }), T0 + 6 * MIN, o);
  assert.equal(worse.page, 'escalated');
  assert.equal(worse.alert.severity, 'SEV1');
  assert.equal(worse.alert.title, 'Worse');
  assert.deepEqual(worse.alert.signalIds, ['sig-1']);
  assert.match(worse.reason, /severity rose from SEV3 to SEV1/);

  // Severity never falls.
  const calmer = applySignal([worse.alert], signal({ updatedAt: T0 + 7 * MIN, severity: 'SEV4' }), T0 + 7 * MIN, o);
  assert.equal(calmer.alert.severity, 'SEV1');
  assert.equal(calmer.page, 'none');
});

test('closing the signal clears signalOpen only when no other signal of the alert is open', () => {
  const a = applySignal([], signal(), T0, o).alert;
  const b = applySignal([a], signal({ id: 'sig-2', startedAt: T0 + 2 * MIN, updatedAt: T0 + 2 * MIN }), T0 + 2 * MIN, o).alert;
  assert.deepEqual(b.signalIds, ['sig-1', 'sig-2']);
  const c = applySignal([b], signal({ status: 'closed', updatedAt: T0 + 3 * MIN, endedAt: T0 + 9 * MIN }), T0 + 9 * MIN, o).alert;
  assert.equal(c.signalOpen, true);
  assert.deepEqual(c.openSignalIds, ['sig-2']);
  assert.equal(c.lastSignalAt, T0 + 9 * MIN);
  const d = applySignal([c], signal({ id: 'sig-2', status: 'closed', startedAt: T0 + 2 * MIN, updatedAt: T0 + 4 * MIN, endedAt: T0 + 10 * MIN }), T0 + 10 * MIN, o).alert;
  assert.equal(d.signalOpen, false);
  assert.deepEqual(d.openSignalIds, []);
});

test('grouping window: a signal within the window joins, one after it opens a new alert', () => {
  const a = applySignal([], signal({ status: 'closed', endedAt: T0 + 10 * MIN, updatedAt: T0 + 5 * MIN }), T0 + 10 * MIN, o).alert;
  const inWindow = applySignal([a], signal({ id: 'sig-2', startedAt: T0 + 40 * MIN, updatedAt: T0 + 40 * MIN }), T0 + 40 * MIN, o);
  assert.equal(inWindow.created, false);
  assert.equal(inWindow.alert.id, a.id);
  assert.equal(inWindow.page, 'none');
  assert.match(inWindow.reason, /joined alert/);

  const late = applySignal([a], signal({ id: 'sig-3', startedAt: T0 + 40 * MIN + 1, updatedAt: T0 + 41 * MIN }), T0 + 41 * MIN, o);
  assert.equal(late.created, true);
  assert.equal(late.page, 'new');
  assert.match(late.reason, /had a signal within 30 min/);
});

test('a signal joins the most recent unresolved alert of its key only, never another key, workspace or a drill', () => {
  const older = { ...applySignal([], signal({ id: 'x' }), T0, o).alert, id: 'older', lastSignalAt: T0 };
  const newer = { ...older, id: 'newer', lastSignalAt: T0 + 10 * MIN };
  const otherKind = { ...older, id: 'other-kind', groupKey: 'kerlann:volume', lastSignalAt: T0 + 20 * MIN };
  const otherWs = { ...older, id: 'other-ws', workspaceId: 'ws2', lastSignalAt: T0 + 20 * MIN };
  const r = applySignal([older, newer, otherKind, otherWs], signal({ id: 'y', startedAt: T0 + 15 * MIN, updatedAt: T0 + 15 * MIN }), T0 + 15 * MIN, o);
  assert.equal(r.alert.id, 'newer');

  const drill = applySignal([older, newer], signal({ id: 'd', drill: true, startedAt: T0 + 15 * MIN }), T0 + 15 * MIN, o);
  assert.equal(drill.created, true);
  assert.equal(drill.alert.drill, true);
  assert.equal(drill.alert.groupKey, 'drill:kerlann:negative_volume');
  assert.equal(drill.page, 'new');
  assert.match(drill.reason, /DRILL/);
});

test('resolved alerts are never reopened: a new signal opens a new alert; a re-emitted one is a duplicate unless worse', () => {
  const a = applySignal([], signal(), T0, o).alert;
  const r = ok(resolve(a, 'ana', T0 + 2 * MIN, {}, o));
  const fresh = applySignal([r], signal({ id: 'sig-2', startedAt: T0 + 3 * MIN }), T0 + 3 * MIN, o);
  assert.equal(fresh.created, true);
  assert.notEqual(fresh.alert.id, a.id);

  const again = applySignal([r], signal({ updatedAt: T0 + 4 * MIN }), T0 + 4 * MIN, o);
  assert.equal(again.duplicate, true);
  assert.equal(again.created, false);
  assert.equal(again.page, 'none');
  assert.equal(again.alert.status, 'resolved');
  assert.match(again.reason, /is resolved and is not reopened/);

  const worse = applySignal([r], signal({ updatedAt: T0 + 5 * MIN, severity: 'SEV1' }), T0 + 5 * MIN, o);
  assert.equal(worse.created, true);
  assert.equal(worse.page, 'new');
  assert.equal(worse.alert.severity, 'SEV1');
  assert.notEqual(worse.alert.id, a.id);
});

test('silenced alerts and maintenance windows record signals without paging', () => {
  const a = applySignal([], signal(), T0, o).alert;
  const s = ok(silence(a, 'ana', null, T0 + MIN));
  const worse = applySignal([s], signal({ severity: 'SEV1', updatedAt: T0 + 2 * MIN }), T0 + 2 * MIN, o);
  assert.equal(worse.page, 'none');
  assert.equal(worse.alert.severity, 'SEV1');
  assert.equal(worse.alert.status, 'silenced');
  assert.match(worse.reason, /not paged: the alert is silenced for good/);

  const m = opts({ windowMinutes: 30, maintenance: [{ from: T0, to: T0 + 60 * MIN, brands: ['kerlann'] }] });
  const inMaint = applySignal([], signal(), T0 + MIN, m);
  assert.equal(inMaint.created, true);
  assert.equal(inMaint.page, 'none');
  assert.match(inMaint.reason, /not paged: brand kerlann is in maintenance until 2025-06-02T09:00:00.000Z/);
  const otherBrand = applySignal([], signal({ brandId: 'other' }), T0 + MIN, m);
  assert.equal(otherBrand.page, 'new');
  const after = applySignal([inMaint.alert], signal({ severity: 'SEV1', updatedAt: T0 + 61 * MIN }), T0 + 61 * MIN, m);
  assert.equal(after.page, 'escalated');
});

test('an acknowledged alert pages again only when the severity rises', () => {
  const a = ok(acknowledge(applySignal([], signal(), T0, o).alert, 'ana', T0 + MIN, o));
  const same = applySignal([a], signal({ id: 'sig-2', startedAt: T0 + 2 * MIN }), T0 + 2 * MIN, o);
  assert.equal(same.page, 'none');
  assert.equal(same.alert.status, 'acknowledged');
  const worse = applySignal([same.alert], signal({ id: 'sig-3', startedAt: T0 + 3 * MIN, severity: 'SEV2' }), T0 + 3 * MIN, o);
  assert.equal(worse.page, 'escalated');
  assert.equal(worse.alert.status, 'acknowledged');
});

test('grouping by severity or category keeps those apart', () => {
  const bySev = opts({ groupBy: ['brand', 'severity'] });
  const a = applySignal([], signal(), T0, bySev).alert;
  assert.equal(applySignal([a], signal({ id: 'b', severity: 'SEV2' }), T0 + MIN, bySev).created, true);
  assert.equal(applySignal([a], signal({ id: 'c', kind: 'volume' }), T0 + MIN, bySev).created, false);
  const byCat = opts({ groupBy: ['brand', 'category'] });
  const c = applySignal([], signal(), T0, byCat, 'data_breach').alert;
  assert.equal(applySignal([c], signal({ id: 'd' }), T0 + MIN, byCat, 'product_safety').created, true);
  assert.equal(applySignal([c], signal({ id: 'e', kind: 'volume' }), T0 + MIN, byCat, 'data_breach').alert.id, c.id);
});

test('bad time is refused', () => {
  assert.throws(() => applySignal([], signal(), Number.NaN, o), /now must be epoch milliseconds/);
});
