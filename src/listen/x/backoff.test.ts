import assert from 'node:assert/strict';
import { test } from 'node:test';
import { backoffDelay, XBackoff } from './backoff.ts';

const seconds = (ms: number[]): number[] => ms.map((m) => m / 1000);

test('network errors back off linearly by 250 ms up to 16 s', () => {
  const b = new XBackoff();
  const got = Array.from({ length: 66 }, () => b.next('network'));
  assert.deepEqual(got.slice(0, 5), [250, 500, 750, 1_000, 1_250]);
  assert.equal(got[63], 16_000, 'the 64th attempt reaches 16 s');
  assert.equal(got[62], 15_750);
  assert.deepEqual(got.slice(64), [16_000, 16_000], 'and stays there');
});

test('HTTP errors back off exponentially from 5 s up to 320 s', () => {
  const b = new XBackoff();
  assert.deepEqual(seconds(Array.from({ length: 9 }, () => b.next('http'))), [5, 10, 20, 40, 80, 160, 320, 320, 320]);
});

test('429 backs off exponentially from 60 s (Vigie stops doubling at 32 min)', () => {
  const b = new XBackoff();
  assert.deepEqual(seconds(Array.from({ length: 8 }, () => b.next('rate-limit'))), [60, 120, 240, 480, 960, 1_920, 1_920, 1_920]);
  assert.equal(backoffDelay('rate-limit', 1_000_000), 1_920_000, 'no overflow on a huge attempt count');
  assert.equal(backoffDelay('http', 1_000_000), 320_000);
});

test('each kind keeps its own count, and reset starts every schedule again', () => {
  const b = new XBackoff();
  assert.deepEqual([b.next('http'), b.next('http'), b.next('network'), b.next('http'), b.next('rate-limit')], [5_000, 10_000, 250, 20_000, 60_000]);
  b.reset();
  assert.deepEqual([b.next('network'), b.next('http'), b.next('rate-limit')], [250, 5_000, 60_000]);
});
