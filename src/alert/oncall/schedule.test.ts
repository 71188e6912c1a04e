import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ScheduleError, parseHHMM, parseLength, parseLocalDateTime, parseSchedule, validateSchedule } from './schedule.ts';

const USERS = new Set(['alice', 'bob', 'carol', 'dave']);

function good(): Record<string, unknown> {
  return {
    id: 'support',
    name: 'Support',
    timeZone: 'Europe/Paris',
    layers: [
      { id: 'weekly', participants: ['alice', 'bob'], start: '2025-03-03T09:00', rotation: { length: '1 week', handoff: '09:00' } },
      {
        id: 'office',
        participants: ['carol'],
        start: '2025-03-03T00:00',
        rotation: { length: '1 day' },
        restrictions: [
          { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '18:00' },
          { days: ['sat'], from: '22:00', to: '06:00', overnight: true },
          { days: ['sun'], from: '12:00', to: '24:00' },
        ],
      },
    ],
    overrides: [
      { user: 'dave', from: '2025-03-10T18:00', to: '2025-03-11T09:00' },
      { user: 'dave', from: '2025-03-12T17:00Z', to: '2025-03-12T19:00+01:00' },
    ],
  };
}

/** "where: message" lines of a refused schedule. */
function problems(input: unknown): string[] {
  const r = validateSchedule(input, USERS);
  assert.equal(r.ok, false, 'expected the schedule to be refused');
  return r.ok ? [] : r.problems.map((p) => `${p.where}: ${p.message}`);
}

function hasProblem(list: string[], where: string, pattern: RegExp): void {
  assert.ok(list.some((l) => l.startsWith(`${where}: `) && pattern.test(l)), `no problem at ${where} matching ${pattern} in:\n${list.join('\n')}`);
}

test('a valid schedule passes and keeps its fields; overrides default to none', () => {
  const r = validateSchedule(good(), USERS);
  assert.ok(r.ok, r.ok ? '' : JSON.stringify(r.problems));
  assert.equal(r.schedule.layers[1]!.restrictions!.length, 3);
  const { overrides: _omit, ...noOverrides } = good();
  const r2 = validateSchedule(noOverrides, [...USERS]);
  assert.ok(r2.ok);
  assert.deepEqual(r2.schedule.overrides, []);
});

test('empty rotations, no layers and unknown users are refused with their path', () => {
  const s = good();
  const layers = s['layers'] as Record<string, unknown>[];
  layers[0]!['participants'] = [];
  layers[1]!['participants'] = ['carol', 'mallory'];
  (s['overrides'] as Record<string, unknown>[])[0]!['user'] = 'eve';
  const list = problems(s);
  hasProblem(list, 'layers[0].participants', /empty rotation/);
  hasProblem(list, 'layers[1].participants[1]', /unknown user "mallory"/);
  hasProblem(list, 'overrides[0].user', /unknown user "eve"/);
  hasProblem(problems({ ...good(), layers: [] }), 'layers', /at least one layer/);
});

test('impossible hours and dates are refused, naming the field and the expected form', () => {
  const s = good();
  const layers = s['layers'] as Record<string, unknown>[];
  layers[0]!['rotation'] = { length: '1 week', handoff: '25:00' };
  layers[0]!['start'] = '2025-02-30T09:00';
  layers[1]!['restrictions'] = [
    { days: ['mon'], from: '18:00', to: '09:00' },
    { days: ['tue'], from: '9:00', to: '17:60' },
    { days: ['wed'], from: '22:00', to: '23:00', overnight: true },
    { days: [], from: '09:00', to: '10:00' },
    { days: ['monday'], from: '09:00', to: '10:00' },
    { days: ['thu'], from: '09:00', to: '09:00' },
  ];
  const list = problems(s);
  hasProblem(list, 'layers[0].rotation.handoff', /"25:00" is not a time of day; write HH:MM/);
  hasProblem(list, 'layers[0].start', /"2025-02-30T09:00" is not a local date-time/);
  hasProblem(list, 'layers[1].restrictions[0].to', /09:00 is not after from \(18:00\); .*overnight: true/);
  hasProblem(list, 'layers[1].restrictions[1].from', /"9:00" is not a time of day/);
  hasProblem(list, 'layers[1].restrictions[1].to', /"17:60" is not a time of day/);
  hasProblem(list, 'layers[1].restrictions[2].overnight', /overnight is set but to \(23:00\) is after from/);
  hasProblem(list, 'layers[1].restrictions[3].days', /at least one day/);
  hasProblem(list, 'layers[1].restrictions[4].days[0]', /"monday" is not a day/);
  hasProblem(list, 'layers[1].restrictions[5].to', /not after from/);
});

test('bad time zone, rotation length, duplicate layer ids, reversed overrides and unknown keys', () => {
  const s = good();
  s['timeZone'] = 'Europe/Pariss';
  const layers = s['layers'] as Record<string, unknown>[];
  layers[1]!['id'] = 'weekly';
  layers[0]!['rotation'] = { length: 'fortnight' };
  layers[0]!['colour'] = 'red';
  (s['overrides'] as Record<string, unknown>[])[1] = { user: 'dave', from: '2025-03-12T19:00Z', to: '2025-03-12T18:00Z' };
  const list = problems(s);
  hasProblem(list, 'timeZone', /"Europe\/Pariss" is not a known IANA time zone/);
  hasProblem(list, 'layers[1].id', /duplicate layer id "weekly" \(also layers\[0\]\)/);
  hasProblem(list, 'layers[0].rotation.length', /"fortnight" is not a rotation length/);
  hasProblem(list, 'layers[0]', /colour/);
  hasProblem(list, 'overrides[1].to', /not after from/);
  hasProblem(problems({ ...good(), layers: [{ ...(good()['layers'] as object[])[0]!, rotation: { length: '0 days' } }] }), 'layers[0].rotation.length', /not a rotation length/);
  // A local override compared in the schedule's zone: 10:00 local is 09:00Z in March in Paris.
  const t = good();
  (t['overrides'] as Record<string, unknown>[])[0] = { user: 'dave', from: '2025-03-12T10:00', to: '2025-03-12T09:00Z' };
  hasProblem(problems(t), 'overrides[0].to', /not after from/);
});

test('non-objects are refused, never a crash', () => {
  for (const input of [null, 42, 'x', [], { layers: 'no' }, { layers: [null, 3] }]) {
    const r = validateSchedule(input, USERS);
    assert.equal(r.ok, false);
    assert.ok(!r.ok && r.problems.length > 0);
  }
});

test('parseSchedule throws a ScheduleError listing every problem, one a line', () => {
  const s = good();
  (s['layers'] as Record<string, unknown>[])[0]!['participants'] = ['zed'];
  s['timeZone'] = 'Mars/Olympus';
  assert.throws(
    () => parseSchedule(s, USERS),
    (e: unknown) =>
      e instanceof ScheduleError &&
      e.problems.length === 2 &&
      /\n {2}timeZone: /.test(e.message) &&
      /\n {2}layers\[0\]\.participants\[0\]: unknown user "zed"/.test(e.message),
  );
});

test('field parsers', () => {
  assert.equal(parseHHMM('00:00'), 0);
  assert.equal(parseHHMM('23:59'), 23 * 60 + 59);
  assert.equal(parseHHMM('24:00'), null);
  assert.equal(parseHHMM('24:00', true), 1440);
  assert.equal(parseHHMM('24:01', true), null);
  assert.deepEqual(parseLength('12 hours'), { count: 12, unit: 'hour' });
  assert.deepEqual(parseLength('1 week'), { count: 1, unit: 'week' });
  assert.deepEqual(parseLength('3days'), { count: 3, unit: 'day' });
  assert.equal(parseLength('1.5 days'), null);
  assert.equal(parseLocalDateTime('2024-02-29T00:00'), Date.parse('2024-02-29T00:00Z'));
  assert.equal(parseLocalDateTime('2025-02-29T00:00'), null);
  assert.equal(parseLocalDateTime('2025-03-03 09:00'), null);
});
