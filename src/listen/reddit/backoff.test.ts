import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RedditBackoff, redditBackoffDelay } from './backoff.ts';

test('server failures back off from 5 s doubling to 320 s; rate limits from 60 s to 960 s; a success starts again', () => {
  assert.deepEqual([1, 2, 3, 4, 5, 6, 7, 8, 1000].map((n) => redditBackoffDelay('server', n) / 1000), [5, 10, 20, 40, 80, 160, 320, 320, 320]);
  assert.deepEqual([1, 2, 3, 4, 5, 6].map((n) => redditBackoffDelay('rate-limit', n) / 1000), [60, 120, 240, 480, 960, 960]);
  const b = new RedditBackoff();
  assert.deepEqual([b.next('server'), b.next('server'), b.next('rate-limit'), b.next('server')], [5000, 10000, 60000, 20000]);
  assert.equal(b.failures, 4);
  b.reset();
  assert.deepEqual([b.failures, b.next('server')], [0, 5000]);
});
