import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applySignal } from './apply-signal.ts';
import type { TrackedAlert } from './record.ts';
import { acknowledge, resolve, silence, unsilence, type TransitionResult } from './transitions.ts';
import { MIN, opts, signal, T0 } from './test-fixtures.ts';

const o = opts({ ackTimeoutMinutes: 20 });
const fresh = (): TrackedAlert => applySignal([], signal(), T0, o).alert;

function ok(r: TransitionResult): TrackedAlert {
  if (!r.ok) throw new Error(r.error);
  return r.alert;
}
function refused(r: TransitionResult, code: string, message: RegExp): void {
  assert.equal(r.ok, false, 'expected a refusal');
  if (r.ok) return;
  assert.equal(r.code, code);
  assert.match(r.error, message);
}

test('acknowledge: new → acknowledged, with who, when, the ack timeout and the first ack kept', () => {
  const a = ok(acknowledge(fresh(), 'ana', T0 + 3 * MIN, o));
  assert.equal(a.status, 'acknowledged');
  assert.equal(a.acknowledgedBy, 'ana');
  assert.equal(a.acknowledgedAt, T0 + 3 * MIN);
  assert.equal(a.ackExpiresAt, T0 + 23 * MIN);
  assert.equal(a.firstAcknowledgedAt, T0 + 3 * MIN);
  assert.equal(a.updatedAt, T0 + 3 * MIN);
  const noTimeout = ok(acknowledge(fresh(), 'ana', T0 + 3 * MIN, opts()));
  assert.equal(noTimeout.ackExpiresAt, null);
  // A later acknowledgement (after a lapse) keeps the first one for the quality figures.
  const again = ok(acknowledge({ ...a, status: 'new', acknowledgedAt: null, acknowledgedBy: null }, 'bob', T0 + 30 * MIN, o));
  assert.equal(again.firstAcknowledgedAt, T0 + 3 * MIN);
  assert.equal(again.acknowledgedBy, 'bob');
});

test('acknowledge refusals name who, the state and how to proceed', () => {
  const a = ok(acknowledge(fresh(), 'ana', T0 + MIN, o));
  refused(acknowledge(a, 'bob', T0 + 2 * MIN, o), 'invalid_state', /^bob cannot acknowledge alert al_\w+: it is acknowledged by ana at 2025-06-02T08:01:00.000Z: nothing to do$/);
  const s = ok(silence(fresh(), 'ana', null, T0 + MIN));
  refused(acknowledge(s, 'bob', T0 + 2 * MIN, o), 'invalid_state', /it is silenced for good: unsilence it first/);
  const r = ok(resolve(fresh(), 'ana', T0 + MIN, {}, o));
  refused(acknowledge(r, 'bob', T0 + 2 * MIN, o), 'invalid_state', /it is resolved by ana at 2025-06-02T08:01:00.000Z/);
  refused(acknowledge(fresh(), '  ', T0, o), 'invalid_input', /who is doing it is missing/);
  refused(acknowledge(fresh(), 'ana', 1.5, o), 'invalid_input', /epoch milliseconds/);
});

test('resolve from new, acknowledged or silenced; note and false alarm recorded', () => {
  for (const start of [fresh(), ok(acknowledge(fresh(), 'ana', T0 + MIN, o)), ok(silence(fresh(), 'ana', T0 + 9 * MIN, T0 + MIN))]) {
    const r = ok(resolve(start, 'bob', T0 + 5 * MIN, { note: '  Statement posted  ', falseAlarm: true }, o));
    assert.equal(r.status, 'resolved');
    assert.equal(r.resolvedBy, 'bob');
    assert.equal(r.resolvedAt, T0 + 5 * MIN);
    assert.equal(r.resolutionNote, 'Statement posted');
    assert.equal(r.falseAlarm, true);
    assert.equal(r.autoResolved, false);
    assert.equal(r.ackExpiresAt, null);
    assert.equal(r.silencedUntil, null);
  }
  const plain = ok(resolve(fresh(), 'bob', T0 + MIN, {}, o));
  assert.equal(plain.resolutionNote, null);
  assert.equal(plain.falseAlarm, false);
});

test('resolve refusals: already resolved, note required, note too long', () => {
  const r = ok(resolve(fresh(), 'ana', T0 + MIN, {}, o));
  refused(resolve(r, 'bob', T0 + 2 * MIN, {}, o), 'invalid_state', /bob cannot resolve alert \w+: it is already resolved by ana/);
  const strict = opts({ requireResolutionNote: true });
  refused(resolve(fresh(), 'bob', T0 + MIN, {}, strict), 'note_required', /requires a resolution note/);
  refused(resolve(fresh(), 'bob', T0 + MIN, { note: '   ' }, strict), 'note_required', /without a note/);
  assert.equal(ok(resolve(fresh(), 'bob', T0 + MIN, { note: 'done' }, strict)).resolutionNote, 'done');
  refused(resolve(fresh(), 'bob', T0 + MIN, { note: 'x'.repeat(4001) }, o), 'invalid_input', /4001 characters long, the limit is 4000/);
});

test('silence until a time or for good, extend it, unsilence back to the previous state', () => {
  const s = ok(silence(fresh(), 'ana', T0 + 60 * MIN, T0 + MIN));
  assert.equal(s.status, 'silenced');
  assert.equal(s.silencedUntil, T0 + 60 * MIN);
  assert.equal(s.silencedFrom, 'new');
  const forGood = ok(silence(s, 'ana', null, T0 + 2 * MIN));
  assert.equal(forGood.silencedUntil, null);
  assert.equal(forGood.silencedFrom, 'new');
  const back = ok(unsilence(forGood, 'bob', T0 + 3 * MIN));
  assert.equal(back.status, 'new');
  assert.equal(back.silencedUntil, null);
  assert.equal(back.silencedFrom, null);

  const acked = ok(acknowledge(fresh(), 'ana', T0 + MIN, o));
  const sa = ok(silence(acked, 'ana', null, T0 + 2 * MIN));
  assert.equal(sa.silencedFrom, 'acknowledged');
  const restored = ok(unsilence(sa, 'ana', T0 + 5 * MIN));
  assert.equal(restored.status, 'acknowledged');
  assert.equal(restored.acknowledgedBy, 'ana');
  // The acknowledgement lapsed (T0 + 21 min) while silenced: back to new.
  const lapsed = ok(unsilence(sa, 'ana', T0 + 30 * MIN));
  assert.equal(lapsed.status, 'new');
  assert.equal(lapsed.acknowledgedBy, null);
  assert.equal(lapsed.firstAcknowledgedAt, T0 + MIN);
});

test('silence and unsilence refusals', () => {
  refused(silence(fresh(), 'ana', T0, T0 + MIN), 'invalid_input', /until 2025-06-02T08:00:00.000Z: the end must be a time after now \(2025-06-02T08:01:00.000Z\)/);
  const r = ok(resolve(fresh(), 'ana', T0 + MIN, {}, o));
  refused(silence(r, 'bob', null, T0 + 2 * MIN), 'invalid_state', /bob cannot silence alert \w+: it is resolved/);
  refused(unsilence(fresh(), 'bob', T0 + 2 * MIN), 'invalid_state', /bob cannot unsilence alert \w+: it is new \(not acknowledged\), not silenced/);
  refused(silence(fresh(), '', null, T0), 'invalid_input', /who is doing it is missing/);
});
