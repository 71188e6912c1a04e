import assert from 'node:assert/strict';
import { test } from 'node:test';
import { snowflake, snowflakeMs, X_EPOCH_MS } from './snowflake.ts';

test('a snowflake encodes its creation time and reads back', () => {
  const ms = Date.parse('2026-03-12T14:02:11.123Z');
  const id = snowflake(ms, 513, 7);
  assert.match(id, /^\d{19}$/);
  assert.equal(snowflakeMs(id), ms);
  assert.ok(BigInt(snowflake(ms + 1, 0, 0)) > BigInt(snowflake(ms, 1023, 4095)), 'later time, larger id');
});

test('a time before X epoch or not in whole milliseconds is refused', () => {
  assert.throws(() => snowflake(X_EPOCH_MS - 1, 0, 0), /at or after X's epoch/);
  assert.throws(() => snowflake(1.5 + X_EPOCH_MS, 0, 0), /integer/);
});
