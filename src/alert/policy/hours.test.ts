import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isWithinHours, nextAllowedTime, WorkingHoursSchema, zonedTimeToUtc, type WorkingHours } from './hours.ts';

const paris: WorkingHours = { timeZone: 'Europe/Paris', days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '18:00' };
const utc = (s: string): number => Date.parse(s);

test('working hours schema refuses impossible hours, empty windows, unknown zones and empty days', () => {
  const bad = (h: unknown): string[] => {
    const r = WorkingHoursSchema.safeParse(h);
    assert.equal(r.success, false);
    return r.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];
  };
  assert.match(bad({ ...paris, from: '25:00' }).join('\n'), /^from: must be a time of day HH:MM/);
  assert.match(bad({ ...paris, to: '9:00' }).join('\n'), /^to: must be a time of day/);
  assert.match(bad({ ...paris, to: '09:00' }).join('\n'), /^to: from and to are equal/);
  assert.match(bad({ ...paris, timeZone: 'Europe/Pariss' }).join('\n'), /^timeZone: must be an IANA time zone/);
  assert.match(bad({ ...paris, days: [] }).join('\n'), /^days: must list at least one day/);
  assert.match(bad({ ...paris, days: ['mon', 'mon'] }).join('\n'), /^days: lists a day twice/);
  assert.match(bad({ ...paris, days: ['monday'] }).join('\n'), /^days.0: must be one of mon/);
  assert.equal(WorkingHoursSchema.safeParse(paris).success, true);
});

test('isWithinHours reads the local wall clock, winter and summer', () => {
  // Tue 14 Jan 2025, UTC+1: 09:00 local = 08:00 UTC.
  assert.equal(isWithinHours(paris, utc('2025-01-14T07:59:00Z')), false);
  assert.equal(isWithinHours(paris, utc('2025-01-14T08:00:00Z')), true);
  assert.equal(isWithinHours(paris, utc('2025-01-14T16:59:00Z')), true);
  assert.equal(isWithinHours(paris, utc('2025-01-14T17:00:00Z')), false);
  // Tue 15 Jul 2025, UTC+2: 09:00 local = 07:00 UTC.
  assert.equal(isWithinHours(paris, utc('2025-07-15T07:00:00Z')), true);
  assert.equal(isWithinHours(paris, utc('2025-07-15T06:59:00Z')), false);
  // Saturday.
  assert.equal(isWithinHours(paris, utc('2025-01-18T10:00:00Z')), false);
});

test('a window past midnight belongs to the day it starts on', () => {
  const night: WorkingHours = { timeZone: 'UTC', days: ['fri'], from: '22:00', to: '06:00' };
  assert.equal(isWithinHours(night, utc('2025-01-17T23:00:00Z')), true); // Fri 23:00
  assert.equal(isWithinHours(night, utc('2025-01-18T05:59:00Z')), true); // Sat 05:59
  assert.equal(isWithinHours(night, utc('2025-01-18T06:00:00Z')), false);
  assert.equal(isWithinHours(night, utc('2025-01-17T05:00:00Z')), false); // Fri 05:00 belongs to Thursday's window
  assert.equal(nextAllowedTime(night, utc('2025-01-18T07:00:00Z')), utc('2025-01-24T22:00:00Z'));
});

test('nextAllowedTime skips the weekend and is DST-correct (spring forward and fall back)', () => {
  // Inside: unchanged.
  assert.equal(nextAllowedTime(paris, utc('2025-01-14T10:00:00Z')), utc('2025-01-14T10:00:00Z'));
  // Fri 28 Mar 2025 19:00 CET → Mon 31 Mar 09:00 CEST (clocks went forward on Sun 30 Mar) = 07:00 UTC.
  assert.equal(nextAllowedTime(paris, utc('2025-03-28T18:00:00Z')), utc('2025-03-31T07:00:00Z'));
  // Fri 24 Oct 2025 20:00 CEST → Mon 27 Oct 09:00 CET (clocks went back on Sun 26 Oct) = 08:00 UTC.
  assert.equal(nextAllowedTime(paris, utc('2025-10-24T18:00:00Z')), utc('2025-10-27T08:00:00Z'));
  // Before opening the same day.
  assert.equal(nextAllowedTime(paris, utc('2025-01-14T05:00:00Z')), utc('2025-01-14T08:00:00Z'));
  // New York, across its own DST change (9 Mar 2025): Sat 8 Mar → Mon 10 Mar 09:00 EDT = 13:00 UTC.
  const ny: WorkingHours = { timeZone: 'America/New_York', days: ['mon'], from: '09:00', to: '17:00' };
  assert.equal(nextAllowedTime(ny, utc('2025-03-08T12:00:00Z')), utc('2025-03-10T13:00:00Z'));
});

test('zonedTimeToUtc: ambiguous times take the earlier instant, missing ones move forward by the gap', () => {
  assert.equal(zonedTimeToUtc(2025, 1, 14, 9, 0, 'Europe/Paris'), utc('2025-01-14T08:00:00Z'));
  assert.equal(zonedTimeToUtc(2025, 10, 26, 2, 30, 'Europe/Paris'), utc('2025-10-26T00:30:00Z'));
  assert.equal(zonedTimeToUtc(2025, 3, 30, 2, 30, 'Europe/Paris'), utc('2025-03-30T01:30:00Z'));
  // A window starting inside the gap opens when the gap ends.
  const sunday: WorkingHours = { timeZone: 'Europe/Paris', days: ['sun'], from: '02:30', to: '05:00' };
  assert.equal(nextAllowedTime(sunday, utc('2025-03-29T12:00:00Z')), utc('2025-03-30T01:00:00Z'));
});
