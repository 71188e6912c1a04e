import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatNaive, instantOf, isTimeZone, naiveOf, wallClock } from './tz.ts';

const Z = (s: string): number => Date.parse(s);

test('isTimeZone accepts IANA zones and refuses the rest', () => {
  assert.equal(isTimeZone('Europe/Paris'), true);
  assert.equal(isTimeZone('America/New_York'), true);
  assert.equal(isTimeZone('UTC'), true);
  assert.equal(isTimeZone('Europe/Pariss'), false);
  assert.equal(isTimeZone(''), false);
  assert.equal(isTimeZone('+25:00'), false);
});

test('wallClock reads local time on both sides of a change', () => {
  assert.equal(formatNaive(wallClock(Z('2025-03-30T00:59:00Z'), 'Europe/Paris')), '2025-03-30T01:59');
  assert.equal(formatNaive(wallClock(Z('2025-03-30T01:00:00Z'), 'Europe/Paris')), '2025-03-30T03:00');
  assert.equal(formatNaive(wallClock(Z('2025-11-02T05:30:00Z'), 'America/New_York')), '2025-11-02T01:30');
  assert.equal(formatNaive(wallClock(Z('2025-11-02T06:30:00Z'), 'America/New_York')), '2025-11-02T01:30');
});

test('instantOf: ordinary times', () => {
  assert.equal(instantOf(naiveOf(2025, 1, 15, 9, 0), 'Europe/Paris'), Z('2025-01-15T08:00:00Z'));
  assert.equal(instantOf(naiveOf(2025, 7, 15, 9, 0), 'Europe/Paris'), Z('2025-07-15T07:00:00Z'));
  assert.equal(instantOf(naiveOf(2025, 7, 15, 9, 0), 'America/New_York'), Z('2025-07-15T13:00:00Z'));
});

test('instantOf: a skipped local time moves forward by the gap (Paris, New York)', () => {
  // Paris 2025-03-30: 02:00 CET → 03:00 CEST. 02:30 does not exist: it means 03:30 CEST.
  assert.equal(instantOf(naiveOf(2025, 3, 30, 2, 30), 'Europe/Paris'), Z('2025-03-30T01:30:00Z'));
  assert.equal(instantOf(naiveOf(2025, 3, 30, 2, 0), 'Europe/Paris'), Z('2025-03-30T01:00:00Z'));
  assert.equal(instantOf(naiveOf(2025, 3, 30, 3, 0), 'Europe/Paris'), Z('2025-03-30T01:00:00Z'));
  // New York 2025-03-09: 02:00 EST → 03:00 EDT.
  assert.equal(instantOf(naiveOf(2025, 3, 9, 2, 30), 'America/New_York'), Z('2025-03-09T07:30:00Z'));
});

test('instantOf: a repeated local time means its first occurrence (Paris, New York)', () => {
  // Paris 2025-10-26: 03:00 CEST → 02:00 CET; 02:30 happens at 00:30Z and 01:30Z.
  assert.equal(instantOf(naiveOf(2025, 10, 26, 2, 30), 'Europe/Paris'), Z('2025-10-26T00:30:00Z'));
  assert.equal(instantOf(naiveOf(2025, 10, 26, 3, 0), 'Europe/Paris'), Z('2025-10-26T02:00:00Z'));
  // New York 2025-11-02: 02:00 EDT → 01:00 EST; 01:30 happens at 05:30Z and 06:30Z.
  assert.equal(instantOf(naiveOf(2025, 11, 2, 1, 30), 'America/New_York'), Z('2025-11-02T05:30:00Z'));
});

test('wallClock and instantOf round-trip every 30 minutes over a year in two zones', () => {
  for (const tz of ['Europe/Paris', 'America/New_York']) {
    for (let t = Z('2025-01-01T00:00:00Z'); t < Z('2026-01-01T00:00:00Z'); t += 1_800_000) {
      const back = instantOf(wallClock(t, tz), tz);
      // Equal, except in a repeated hour, where the first occurrence is returned (one hour earlier).
      assert.ok(back === t || back === t - 3_600_000, `${tz} ${new Date(t).toISOString()}`);
    }
  }
});
