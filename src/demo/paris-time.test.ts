import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parisHour, parisOffsetMs, parisWeekday } from './paris-time.ts';

test('Paris is UTC+1 in winter and UTC+2 in summer, switching on the last Sundays of March and October', () => {
  assert.equal(parisOffsetMs(Date.UTC(2026, 2, 2, 12)), 3_600_000);
  assert.equal(parisOffsetMs(Date.UTC(2026, 6, 14, 12)), 7_200_000);
  // 2026-03-29 is the last Sunday of March: the switch is at 01:00 UTC.
  assert.equal(parisOffsetMs(Date.UTC(2026, 2, 29, 0, 59)), 3_600_000);
  assert.equal(parisOffsetMs(Date.UTC(2026, 2, 29, 1, 0)), 7_200_000);
  // 2026-10-25 is the last Sunday of October.
  assert.equal(parisOffsetMs(Date.UTC(2026, 9, 25, 0, 59)), 7_200_000);
  assert.equal(parisOffsetMs(Date.UTC(2026, 9, 25, 1, 0)), 3_600_000);
});

test('hour and weekday are read on the Paris wall clock', () => {
  assert.equal(parisHour(Date.UTC(2026, 2, 2, 23, 30)), 0);
  assert.equal(parisWeekday(Date.UTC(2026, 2, 2, 23, 30)), 2); // Tuesday in Paris, Monday in UTC
  assert.equal(parisHour(Date.UTC(2026, 6, 14, 10)), 12);
});
