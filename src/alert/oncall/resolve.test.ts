import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSchedule } from './schedule.ts';
import type { Schedule } from './schedule.ts';
import { coverageGaps, shifts, upcomingShifts, whoIsOnCall } from './resolve.ts';
import type { Shift } from './resolve.ts';

const Z = (s: string): number => Date.parse(s);
const H = 3_600_000;
const USERS = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank'];

function schedule(timeZone: string, layers: unknown[], overrides: unknown[] = []): Schedule {
  return parseSchedule({ id: 's', name: 'S', timeZone, layers, overrides }, USERS);
}

/** Shifts as "user@layer start→end" lines in UTC, easy to compare. */
function show(list: Shift[]): string[] {
  return list.map((s) => `${s.user}@${s.layer ?? 'override'} ${new Date(s.start).toISOString().slice(0, 16)}→${new Date(s.end).toISOString().slice(0, 16)}`);
}

test('daily rotation: 09:00 hand-off stays 09:00 local across spring forward (Paris)', () => {
  const s = schedule('Europe/Paris', [
    { id: 'daily', participants: ['alice', 'bob', 'carol'], start: '2025-03-28T09:00', rotation: { length: '1 day', handoff: '09:00' } },
  ]);
  assert.deepEqual(show(shifts(s, Z('2025-03-28T08:00Z'), Z('2025-04-01T07:00Z'))), [
    'alice@daily 2025-03-28T08:00→2025-03-29T08:00', // 09:00 CET
    'bob@daily 2025-03-29T08:00→2025-03-30T07:00', // 23 hours: the night of the change
    'carol@daily 2025-03-30T07:00→2025-03-31T07:00', // 09:00 CEST
    'alice@daily 2025-03-31T07:00→2025-04-01T07:00',
  ]);
});

test('weekly rotation: the week spanning fall back lasts 7 days + 1 hour (New York)', () => {
  const s = schedule('America/New_York', [
    { id: 'weekly', participants: ['alice', 'bob'], start: '2025-10-27T09:00', rotation: { length: '1 week', handoff: '09:00' } },
  ]);
  assert.deepEqual(show(shifts(s, Z('2025-10-27T13:00Z'), Z('2025-11-17T14:00Z'))), [
    'alice@weekly 2025-10-27T13:00→2025-11-03T14:00',
    'bob@weekly 2025-11-03T14:00→2025-11-10T14:00',
    'alice@weekly 2025-11-10T14:00→2025-11-17T14:00',
  ]);
});

test('weekly rotation across spring forward (New York) and fall back (Paris) keeps 09:00 local', () => {
  const ny = schedule('America/New_York', [
    { id: 'w', participants: ['alice', 'bob'], start: '2025-03-03T09:00', rotation: { length: '1 week', handoff: '09:00' } },
  ]);
  assert.deepEqual(show(shifts(ny, Z('2025-03-03T14:00Z'), Z('2025-03-17T13:00Z'))), [
    'alice@w 2025-03-03T14:00→2025-03-10T13:00', // 09:00 EST → 09:00 EDT
    'bob@w 2025-03-10T13:00→2025-03-17T13:00',
  ]);
  const paris = schedule('Europe/Paris', [
    { id: 'w', participants: ['alice', 'bob'], start: '2025-10-20T09:00', rotation: { length: '1 week', handoff: '09:00' } },
  ]);
  assert.deepEqual(show(shifts(paris, Z('2025-10-20T07:00Z'), Z('2025-11-03T08:00Z'))), [
    'alice@w 2025-10-20T07:00→2025-10-27T08:00',
    'bob@w 2025-10-27T08:00→2025-11-03T08:00',
  ]);
});

test('multi-day rotation and a start in the middle of a period', () => {
  // Start Monday 00:00, hand-off 09:00 every 2 days: alice has 00:00–09:00, then bob two days, then carol.
  const s = schedule('UTC', [
    { id: 'l', participants: ['alice', 'bob', 'carol'], start: '2025-03-03T00:00', rotation: { length: '2 days', handoff: '09:00' } },
  ]);
  assert.deepEqual(show(shifts(s, Z('2025-03-02T00:00Z'), Z('2025-03-09T09:00Z'))), [
    'alice@l 2025-03-03T00:00→2025-03-03T09:00',
    'bob@l 2025-03-03T09:00→2025-03-05T09:00',
    'carol@l 2025-03-05T09:00→2025-03-07T09:00',
    'alice@l 2025-03-07T09:00→2025-03-09T09:00',
  ]);
  assert.equal(whoIsOnCall(s, Z('2025-03-02T23:59Z')), null, 'nobody before the layer starts');
  // Handoff omitted: the start time is the hand-off time.
  const t = schedule('UTC', [{ id: 'l', participants: ['alice', 'bob'], start: '2025-03-03T07:30', rotation: { length: '1 day' } }]);
  assert.deepEqual(whoIsOnCall(t, Z('2025-03-04T07:29Z')), { user: 'alice', layer: 'l' });
  assert.deepEqual(whoIsOnCall(t, Z('2025-03-04T07:30Z')), { user: 'bob', layer: 'l' });
});

test('12-hour rotation stays 08:00/20:00 local; the night of spring forward is 11 hours (Paris)', () => {
  const s = schedule('Europe/Paris', [
    { id: 'h', participants: ['alice', 'bob'], start: '2025-03-29T08:00', rotation: { length: '12 hours', handoff: '08:00' } },
  ]);
  assert.deepEqual(show(shifts(s, Z('2025-03-29T07:00Z'), Z('2025-03-30T18:00Z'))), [
    'alice@h 2025-03-29T07:00→2025-03-29T19:00',
    'bob@h 2025-03-29T19:00→2025-03-30T06:00',
    'alice@h 2025-03-30T06:00→2025-03-30T18:00',
  ]);
});

test('a 02:30 hand-off on spring-forward day happens at 03:30 local (Paris, New York)', () => {
  for (const [tz, before, change, after] of [
    ['Europe/Paris', '2025-03-29T01:30Z', '2025-03-30T01:30Z', '2025-03-31T00:30Z'],
    ['America/New_York', '2025-03-08T07:30Z', '2025-03-09T07:30Z', '2025-03-10T06:30Z'],
  ] as const) {
    const s = schedule(tz, [
      { id: 'n', participants: ['alice', 'bob', 'carol'], start: '2025-03-01T02:30', rotation: { length: '1 day', handoff: '02:30' } },
    ]);
    const list = shifts(s, Z(before), Z(after) + 1);
    assert.deepEqual(list.map((x) => x.start), [Z(before), Z(change), Z(after)], tz);
    assert.equal(list[0]!.end - list[0]!.start, 24 * H, `${tz}: 02:30 standard → 03:30 summer is 24 hours`);
    assert.equal(list[1]!.end - list[1]!.start, 23 * H, `${tz}: 03:30 → 02:30 summer is 23 hours`);
  }
});

test('a hand-off in the repeated hour of fall back happens at its first occurrence (Paris, New York)', () => {
  const paris = schedule('Europe/Paris', [
    { id: 'n', participants: ['alice', 'bob'], start: '2025-10-20T02:30', rotation: { length: '1 day', handoff: '02:30' } },
  ]);
  assert.deepEqual(
    shifts(paris, Z('2025-10-25T00:30Z'), Z('2025-10-27T01:31Z')).map((x) => x.start),
    [Z('2025-10-25T00:30Z'), Z('2025-10-26T00:30Z'), Z('2025-10-27T01:30Z')],
  );
  const ny = schedule('America/New_York', [
    { id: 'n', participants: ['alice', 'bob'], start: '2025-10-20T01:30', rotation: { length: '1 day', handoff: '01:30' } },
  ]);
  const list = shifts(ny, Z('2025-11-01T05:30Z'), Z('2025-11-03T06:31Z'));
  assert.deepEqual(list.map((x) => x.start), [Z('2025-11-01T05:30Z'), Z('2025-11-02T05:30Z'), Z('2025-11-03T06:30Z')]);
  assert.equal(list[1]!.end - list[1]!.start, 25 * H);
});

test('restrictions: an office-hours layer over a 24/7 layer, weekdays 09:00–18:00 local', () => {
  const s = schedule('Europe/Paris', [
    { id: 'base', participants: ['alice', 'bob'], start: '2025-03-24T09:00', rotation: { length: '1 week', handoff: '09:00' } },
    {
      id: 'office',
      participants: ['dave'],
      start: '2025-03-24T00:00',
      rotation: { length: '1 day', handoff: '00:00' },
      restrictions: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '18:00' }],
    },
  ]);
  assert.deepEqual(whoIsOnCall(s, Z('2025-03-28T08:59Z')), { user: 'dave', layer: 'office' }); // Fri 09:59 CET
  assert.deepEqual(whoIsOnCall(s, Z('2025-03-28T17:00Z')), { user: 'alice', layer: 'base' }); // Fri 18:00 CET
  assert.deepEqual(whoIsOnCall(s, Z('2025-03-29T10:00Z')), { user: 'alice', layer: 'base' }); // Saturday
  // After spring forward, the window is still 09:00–18:00 local (07:00Z–16:00Z).
  assert.deepEqual(whoIsOnCall(s, Z('2025-03-31T06:59Z')), { user: 'alice', layer: 'base' }); // 08:59 CEST, before the weekly hand-off
  assert.deepEqual(whoIsOnCall(s, Z('2025-03-31T07:00Z')), { user: 'dave', layer: 'office' });
  assert.deepEqual(whoIsOnCall(s, Z('2025-03-31T16:00Z')), { user: 'bob', layer: 'base' });
});

test('restrictions: an overnight window and a rotation that keeps turning outside the windows', () => {
  const s = schedule('UTC', [
    {
      id: 'nights',
      participants: ['alice', 'bob', 'carol'],
      start: '2025-03-03T00:00', // Monday
      rotation: { length: '1 day', handoff: '00:00' },
      restrictions: [{ days: ['fri'], from: '22:00', to: '06:00', overnight: true }],
    },
  ]);
  // Friday 2025-03-07 is day 4 → bob (alice mon, bob tue, carol wed, alice thu, bob fri, carol sat).
  assert.deepEqual(show(shifts(s, Z('2025-03-03T00:00Z'), Z('2025-03-10T00:00Z'))), [
    'bob@nights 2025-03-07T22:00→2025-03-08T00:00',
    'carol@nights 2025-03-08T00:00→2025-03-08T06:00',
  ]);
  assert.equal(whoIsOnCall(s, Z('2025-03-08T06:00Z')), null);
  assert.equal(whoIsOnCall(s, Z('2025-03-06T23:00Z')), null, 'Thursday night is not in the window');
});

test('layers: the higher layer wins where it has someone, the lower one elsewhere', () => {
  const s = schedule('UTC', [
    { id: 'low', participants: ['alice'], start: '2025-03-01T00:00', rotation: { length: '1 week', handoff: '00:00' } },
    { id: 'high', participants: ['bob'], start: '2025-03-05T12:00', rotation: { length: '1 day', handoff: '00:00' }, restrictions: [{ days: ['wed'], from: '12:00', to: '24:00' }] },
  ]);
  assert.deepEqual(show(shifts(s, Z('2025-03-05T00:00Z'), Z('2025-03-07T00:00Z'))), [
    'alice@low 2025-03-05T00:00→2025-03-05T12:00',
    'bob@high 2025-03-05T12:00→2025-03-06T00:00',
    'alice@low 2025-03-06T00:00→2025-03-07T00:00',
  ]);
});

test('overrides win over every layer; a later override wins over an earlier one', () => {
  const s = schedule(
    'Europe/Paris',
    [
      { id: 'base', participants: ['alice'], start: '2025-03-01T00:00', rotation: { length: '1 week', handoff: '09:00' } },
      { id: 'top', participants: ['bob'], start: '2025-03-01T00:00', rotation: { length: '1 week', handoff: '09:00' }, restrictions: [{ days: ['mon'], from: '09:00', to: '18:00' }] },
    ],
    [
      { user: 'erin', from: '2025-03-10T10:00', to: '2025-03-10T14:00' }, // local (CET): 09:00Z–13:00Z
      { user: 'frank', from: '2025-03-10T11:00Z', to: '2025-03-10T12:00Z' }, // instant
    ],
  );
  assert.deepEqual(show(shifts(s, Z('2025-03-10T07:00Z'), Z('2025-03-10T18:00Z'))), [
    'alice@base 2025-03-10T07:00→2025-03-10T08:00',
    'bob@top 2025-03-10T08:00→2025-03-10T09:00',
    'erin@override 2025-03-10T09:00→2025-03-10T11:00',
    'frank@override 2025-03-10T11:00→2025-03-10T12:00',
    'erin@override 2025-03-10T12:00→2025-03-10T13:00',
    'bob@top 2025-03-10T13:00→2025-03-10T17:00',
    'alice@base 2025-03-10T17:00→2025-03-10T18:00',
  ]);
  assert.deepEqual(whoIsOnCall(s, Z('2025-03-10T11:30Z')), { user: 'frank', layer: null });
});

test('next 14 days: contiguous shifts up to the same local time 14 days later, across a change', () => {
  const s = schedule('Europe/Paris', [
    { id: 'daily', participants: ['alice', 'bob', 'carol'], start: '2025-03-01T09:00', rotation: { length: '1 day', handoff: '09:00' } },
  ]);
  const now = Z('2025-03-20T11:00Z'); // 12:00 CET
  const list = upcomingShifts(s, now);
  assert.equal(list[0]!.start, now);
  assert.equal(list[list.length - 1]!.end, Z('2025-04-03T10:00Z'), '12:00 CEST, 14 local days later');
  assert.equal(list.length, 15, 'the running shift, 13 full days and the start of the 15th');
  for (let i = 1; i < list.length; i++) {
    assert.equal(list[i]!.start, list[i - 1]!.end);
    assert.notEqual(list[i]!.user, list[i - 1]!.user);
  }
  assert.deepEqual(coverageGaps(s, now, list[list.length - 1]!.end), []);
});

test('coverageGaps shows when nobody is on call', () => {
  const s = schedule('UTC', [
    { id: 'day', participants: ['alice'], start: '2025-03-03T00:00', rotation: { length: '1 day' }, restrictions: [{ days: ['mon'], from: '09:00', to: '18:00' }] },
  ]);
  assert.deepEqual(coverageGaps(s, Z('2025-03-03T00:00Z'), Z('2025-03-04T00:00Z')), [
    { start: Z('2025-03-03T00:00Z'), end: Z('2025-03-03T09:00Z') },
    { start: Z('2025-03-03T18:00Z'), end: Z('2025-03-04T00:00Z') },
  ]);
  assert.deepEqual(shifts(s, 10, 10), []);
  assert.throws(() => shifts(s, Number.NaN, 10), /finite/);
});
