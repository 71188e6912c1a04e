import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Rng } from '../../demo/prng.ts';
import type { Engagement } from '../../domain/mention.ts';
import type { Platform } from '../../domain/platform.ts';
import { estimateReach, PLATFORM_AUDIENCE, type ReachInput, TYPICAL_AUDIENCE, VIEWS_PER_INTERACTION } from './reach.ts';

function post(followers: number | null, e: Partial<Engagement> = {}, platform: Platform = 'x'): ReachInput {
  return {
    platform,
    author: { id: 'x:1', handle: 'a', name: null, followers, verified: false, kind: 'person' },
    engagement: { likes: 0, reposts: 0, replies: 0, quotes: 0, views: null, ...e },
  };
}

test('an ordinary post reaches its author’s followers', () => {
  assert.equal(estimateReach(post(342)), 342);
  assert.equal(estimateReach(post(0)), 0);
});

test('each repost or quote adds a typical audience', () => {
  assert.equal(estimateReach(post(1_000, { reposts: 10, quotes: 2 })), 1_000 + 12 * TYPICAL_AUDIENCE);
});

test('likes and replies beyond the followers show the post travelled', () => {
  // 5 likes from a 300-follower account: within its audience.
  assert.equal(estimateReach(post(300, { likes: 5 })), 300);
  // 2,000 likes on a 50-follower account: it went viral through recommendations.
  assert.equal(estimateReach(post(50, { likes: 1_900, replies: 100 })), 2_000 * VIEWS_PER_INTERACTION);
});

test('never below the platform’s own view count', () => {
  assert.equal(estimateReach(post(100, { views: 48_000 })), 48_000);
  assert.equal(estimateReach(post(100_000, { views: 3_000 })), 100_000, 'views below the estimate do not lower it');
});

test('unknown followers: the platform’s default audience', () => {
  assert.equal(estimateReach(post(null, {}, 'bluesky')), PLATFORM_AUDIENCE.bluesky);
  assert.equal(estimateReach(post(null, {}, 'reddit')), PLATFORM_AUDIENCE.reddit);
  assert.equal(estimateReach(post(null, { reposts: 2 }, 'mastodon')), PLATFORM_AUDIENCE.mastodon + 2 * TYPICAL_AUDIENCE);
});

test('bad counts count as nothing, never as NaN', () => {
  const r = estimateReach(post(Number.NaN, { likes: -3, reposts: Number.POSITIVE_INFINITY, views: Number.NaN }));
  assert.equal(r, PLATFORM_AUDIENCE.x);
});

test('monotone: more of anything never gives less reach', () => {
  const rng = new Rng(5);
  const keys = ['likes', 'reposts', 'replies', 'quotes', 'views'] as const;
  for (let k = 0; k < 5_000; k++) {
    const followers = rng.chance(0.2) ? null : rng.int(0, 100_000);
    const e: Engagement = { likes: rng.int(0, 5_000), reposts: rng.int(0, 500), replies: rng.int(0, 500), quotes: rng.int(0, 100), views: rng.chance(0.5) ? null : rng.int(0, 1e6) };
    const base = estimateReach(post(followers, e));
    assert.ok(Number.isInteger(base) && base >= 0);
    const key = rng.pick(keys);
    const more = { ...e, [key]: (e[key] ?? 0) + rng.int(1, 1_000) };
    assert.ok(estimateReach(post(followers, more)) >= base, `more ${key}`);
    assert.ok(estimateReach(post((followers ?? 0) + rng.int(1, 1_000), e)) >= estimateReach(post(followers ?? 0, e)), 'more followers');
  }
});
