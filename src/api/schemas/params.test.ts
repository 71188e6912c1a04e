import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BucketParam, parseTime } from './params.ts';

test('times are ISO 8601 (UTC without an offset) or epoch milliseconds', () => {
  assert.equal(parseTime('2024-05-01'), Date.UTC(2024, 4, 1));
  assert.equal(parseTime('2024-05-01T12:30:00Z'), Date.UTC(2024, 4, 1, 12, 30));
  assert.equal(parseTime('2024-05-01T12:30'), Date.UTC(2024, 4, 1, 12, 30));
  assert.equal(parseTime('2024-05-01T14:30:00+02:00'), Date.UTC(2024, 4, 1, 12, 30));
  assert.equal(parseTime('1714566600000'), 1714566600000);
  for (const bad of ['yesterday', '2024-13-01', '2024-05-01T25:00Z', '', '1e12', '99999999999999999']) {
    assert.equal(parseTime(bad), null, bad);
  }
});

test('buckets are named widths or whole minutes in milliseconds', () => {
  assert.deepEqual(BucketParam.parse('1h'), { label: '1h', ms: 3_600_000 });
  assert.deepEqual(BucketParam.parse('300000'), { label: '5m', ms: 300_000 });
  assert.deepEqual(BucketParam.parse('120000'), { label: '120000ms', ms: 120_000 });
  for (const bad of ['2m', '0', '1000', '-60000', 'hour']) assert.equal(BucketParam.safeParse(bad).success, false, bad);
});
