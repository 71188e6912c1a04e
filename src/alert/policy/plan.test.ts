import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalJson, planSteps, scheduleActions, snapshotPolicy } from './plan.ts';
import type { Policy } from './schema.ts';

const standard = (): Policy => ({
  id: 'standard',
  name: 'Standard',
  steps: [
    { kind: 'notify', targets: [{ schedule: 'primary' }], urgency: 'important' },
    { kind: 'wait', minutes: 5 },
    { kind: 'notify', targets: [{ team: 'comms' }], urgency: 'normal' },
    { kind: 'wait', minutes: 10 },
    { kind: 'repeat', fromStep: 1, times: 2 },
  ],
});

test('snapshotPolicy: a frozen deep copy that later edits do not disturb, with a content hash', () => {
  const p = standard();
  const snap = snapshotPolicy(p);
  (p.steps[1] as { minutes: number }).minutes = 99;
  p.steps.push({ kind: 'declareIncident' });
  assert.equal(snap.policy.steps.length, 5);
  assert.deepEqual(snap.policy.steps[1], { kind: 'wait', minutes: 5 });
  assert.ok(Object.isFrozen(snap.policy) && Object.isFrozen(snap.policy.steps) && Object.isFrozen(snap.policy.steps[0]));
  assert.throws(() => {
    (snap.policy.steps as unknown as unknown[]).push(1);
  }, TypeError);
  assert.match(snap.hash, /^sha256:[0-9a-f]{64}$/);
  // Same content in another key order → same hash; other content → another hash.
  const reordered = { steps: standard().steps, name: 'Standard', id: 'standard' } as Policy;
  assert.equal(snapshotPolicy(reordered).hash, snap.hash);
  assert.notEqual(snapshotPolicy(p).hash, snap.hash);
  assert.equal(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] }), '{"a":[{"c":3,"d":2}],"b":1}');
});

test('planSteps unrolls repeats with cumulative delays (waits before a repeat carry over)', () => {
  const plan = planSteps(snapshotPolicy(standard()));
  assert.deepEqual(
    plan.map((s) => [s.stepIndex, s.pass, s.delayMs / 60_000, s.waitMs / 60_000, s.action.kind]),
    [
      [0, 0, 0, 0, 'notify'],
      [2, 0, 5, 5, 'notify'],
      [0, 1, 15, 10, 'notify'],
      [2, 1, 20, 5, 'notify'],
      [0, 2, 30, 10, 'notify'],
      [2, 2, 35, 5, 'notify'],
    ],
  );
  assert.deepEqual(plan[0]?.action, { kind: 'notify', targets: [{ schedule: 'primary' }], urgency: 'important' });
  assert.equal(plan[0]?.seq, 0);
  assert.equal(plan[5]?.seq, 5);
});

test('nested repeats restart the inner count on each outer pass', () => {
  const p: Policy = {
    id: 'nested',
    name: 'Nested',
    steps: [
      { kind: 'notify', targets: [{ user: 'alice' }], urgency: 'normal' }, // 1
      { kind: 'notify', targets: [{ user: 'bob' }], urgency: 'normal' }, // 2
      { kind: 'wait', minutes: 1 }, // 3
      { kind: 'repeat', fromStep: 2, times: 1 }, // 4: bob again once
      { kind: 'webhook', channel: 'status-page' }, // 5
      { kind: 'repeat', fromStep: 1, times: 1 }, // 6: the whole thing once more
      { kind: 'declareIncident' }, // 7
    ],
  };
  const plan = planSteps(p);
  assert.deepEqual(
    plan.map((s) => s.stepIndex + 1),
    [1, 2, 2, 5, 1, 2, 2, 5, 7],
  );
  assert.deepEqual(
    plan.map((s) => s.delayMs / 60_000),
    [0, 0, 1, 2, 2, 2, 3, 4, 4],
  );
});

test('planSteps refuses a forward repeat (validation reports it as a cycle first)', () => {
  const p: Policy = {
    id: 'loop',
    name: 'Loop',
    steps: [
      { kind: 'notify', targets: [{ user: 'a' }], urgency: 'normal' },
      { kind: 'repeat', fromStep: 2, times: 1 },
    ],
  };
  assert.throws(() => planSteps(p), /repeat must jump back/);
});

test('working hours apply to every later action; scheduleActions defers them to the next window', () => {
  const p: Policy = {
    id: 'office',
    name: 'Office',
    steps: [
      { kind: 'notify', targets: [{ channel: 'slack-ops' }], urgency: 'normal' },
      { kind: 'workingHours', hours: { timeZone: 'Europe/Paris', days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '18:00' } },
      { kind: 'wait', minutes: 30 },
      { kind: 'notify', targets: [{ user: 'alice' }], urgency: 'normal' },
      { kind: 'wait', minutes: 15 },
      { kind: 'notify', targets: [{ user: 'bob' }], urgency: 'important' },
    ],
  };
  const plan = planSteps(p);
  assert.equal(plan[0]?.hours, null);
  assert.equal(plan[1]?.hours?.timeZone, 'Europe/Paris');
  // Started Fri 28 Mar 2025 17:50 CET (16:50 UTC): the first page goes at once; +30 min is 18:20,
  // outside hours → Mon 31 Mar 09:00 CEST (07:00 UTC); then 15 min later.
  const start = Date.parse('2025-03-28T16:50:00Z');
  const at = scheduleActions(plan, start).map((s) => new Date(s.at).toISOString());
  assert.deepEqual(at, ['2025-03-28T16:50:00.000Z', '2025-03-31T07:00:00.000Z', '2025-03-31T07:15:00.000Z']);
  // Started inside hours, nothing is deferred.
  const monday = Date.parse('2025-03-31T08:00:00Z');
  assert.deepEqual(
    scheduleActions(plan, monday).map((s) => (s.at - monday) / 60_000),
    [0, 30, 45],
  );
});
