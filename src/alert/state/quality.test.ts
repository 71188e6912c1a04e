import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applySignal } from './apply-signal.ts';
import { alertQuality } from './quality.ts';
import type { TrackedAlert } from './record.ts';
import { tick } from './tick.ts';
import { acknowledge, resolve, type TransitionResult } from './transitions.ts';
import { MIN, opts, signal, T0 } from './test-fixtures.ts';

const o = opts({ autoResolve: { afterCalmMinutes: 10 } });
function ok(r: TransitionResult): TrackedAlert {
  if (!r.ok) throw new Error(r.error);
  return r.alert;
}
const make = (id: string, at: number, over: Parameters<typeof signal>[0] = {}): TrackedAlert =>
  applySignal([], signal({ id, startedAt: at, updatedAt: at, ...over }), at, o).alert;

test('quality figures over a period, built through the real transitions', () => {
  const alerts: TrackedAlert[] = [];
  // Five alerts acknowledged after 1, 2, 3, 4 and 10 minutes; two of them resolved as false alarms.
  [1, 2, 3, 4, 10].forEach((m, i) => {
    const a = ok(acknowledge(make(`s${i}`, T0 + i * 60 * MIN), 'ana', T0 + i * 60 * MIN + m * MIN, o));
    alerts.push(i < 2 ? ok(resolve(a, 'ana', T0 + i * 60 * MIN + 20 * MIN, { falseAlarm: true }, o)) : a);
  });
  // One auto-resolved, never acknowledged.
  const calm = make('calm', T0 + 6 * 60 * MIN, { status: 'closed', endedAt: T0 + 6 * 60 * MIN });
  alerts.push(tick(calm, T0 + 6 * 60 * MIN + 10 * MIN, o).alert);
  // Outside the period, and a drill inside it: not counted.
  alerts.push(ok(acknowledge(make('before', T0 - 1), 'ana', T0 + 100 * MIN, o)));
  alerts.push(make('drill', T0 + MIN, { drill: true }));

  const q = alertQuality(alerts, { from: T0, to: T0 + 24 * 60 * MIN });
  assert.equal(q.alerts, 6);
  assert.equal(q.acknowledgedShare, 5 / 6);
  assert.equal(q.falseAlarmShare, 2 / 6);
  assert.equal(q.autoResolvedShare, 1 / 6);
  assert.equal(q.medianTimeToAckMs, 3 * MIN);
  assert.equal(q.p90TimeToAckMs, 10 * MIN);
});

test('even count median, empty period, bad period', () => {
  const a = ok(acknowledge(make('a', T0), 'ana', T0 + 2 * MIN, o));
  const b = ok(acknowledge(make('b', T0), 'ana', T0 + 4 * MIN, o));
  const q = alertQuality([a, b], { from: T0, to: T0 + 1 });
  assert.equal(q.medianTimeToAckMs, 3 * MIN);
  assert.equal(q.p90TimeToAckMs, 4 * MIN);
  assert.deepEqual(alertQuality([a, b], { from: T0 + 1, to: T0 + 2 }), {
    alerts: 0,
    acknowledgedShare: null,
    falseAlarmShare: null,
    medianTimeToAckMs: null,
    p90TimeToAckMs: null,
    autoResolvedShare: null,
  });
  assert.throws(() => alertQuality([a], { from: T0, to: T0 }), /the period must have from < to/);
});
