import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StatusTracker } from '../live/status-tracker.ts';
import { ChannelStates } from './channel-states.ts';

test('the source state is its connections combined: the least healthy, failed only when all failed', () => {
  const tracker = new StatusTracker('masto', 'mastodon', { now: () => 1_000, sleep: async () => undefined });
  const states = new ChannelStates(tracker);
  const a = states.add();
  const b = states.add();
  a.set('connected');
  b.set('connected');
  assert.equal(tracker.snapshot().state, 'connected');
  a.set('backing-off', 9_000);
  b.set('rate-limited', 60_000);
  assert.deepEqual([tracker.snapshot().state, tracker.snapshot().nextAttemptAt], ['rate-limited', 60_000]);
  b.set('failed');
  assert.deepEqual([tracker.snapshot().state, tracker.snapshot().nextAttemptAt], ['backing-off', 9_000], 'a failed instance does not hide the others');
  a.set('failed');
  assert.equal(tracker.snapshot().state, 'failed');
});
