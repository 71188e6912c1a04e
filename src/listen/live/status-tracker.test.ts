import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LiveClock } from './live-source.ts';
import { StatusTracker } from './status-tracker.ts';

function clockAt(t: { now: number }): LiveClock {
  return { now: () => t.now, sleep: async (ms) => void (t.now += ms) };
}

test('the tracker keeps state, connection time, lag, counts and the 20 newest errors', () => {
  const t = { now: 1_000 };
  const s = new StatusTracker('x-main', 'x', clockAt(t));
  assert.equal(s.snapshot().state, 'idle');
  s.state('connecting');
  t.now = 2_000;
  s.state('connected');
  s.received();
  t.now = 2_500;
  s.state('connected');
  assert.equal(s.snapshot().connectedSince, 2_000, 'staying connected keeps the start');
  s.mention(1_900);
  s.deleted();
  s.rejected();
  s.reconnected();
  s.gapFilled();
  const snap = s.snapshot();
  assert.deepEqual([snap.lastMessageAt, snap.lastMentionAt, snap.lagMs], [2_000, 2_500, 600]);
  assert.deepEqual(snap.counts, { mentions: 1, deletes: 1, rejects: 1, reconnects: 1, gapFills: 1 });
  s.state('backing-off', 9_000);
  assert.deepEqual([s.snapshot().state, s.snapshot().nextAttemptAt, s.snapshot().connectedSince], ['backing-off', 9_000, null]);
  s.state('connecting');
  assert.equal(s.snapshot().nextAttemptAt, null);
  for (let i = 0; i < 25; i++) s.error('http-5xx', `failure ${i}`);
  const e = s.snapshot();
  assert.equal(e.errors, 25);
  assert.equal(e.recentErrors.length, 20);
  assert.equal(e.recentErrors[0]?.message, 'failure 24', 'newest first');
  s.rateLimit({ limit: 450, remaining: 0, resetAt: 10_000 });
  const copy = s.snapshot();
  copy.rateLimit!.remaining = 99;
  copy.counts.mentions = 99;
  assert.equal(s.snapshot().rateLimit?.remaining, 0, 'a snapshot is a copy');
  assert.equal(s.snapshot().counts.mentions, 1);
});
