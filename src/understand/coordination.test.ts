import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Rng } from '../demo/prng.ts';
import {
  addProfile,
  type CoordinationCounters,
  coordinationScore,
  emptyProfileCounts,
  mergeProfileCounts,
  type ProfileAuthor,
  type ProfileCounts,
} from './coordination.ts';

const DAY = 24 * 3600_000;
const T0 = Date.UTC(2026, 2, 2, 12, 0);

/** Counters of a story made of these posts (author, time), as the explainer would tally them. */
function story(kind: CoordinationCounters['kind'], posts: readonly (readonly [ProfileAuthor & { id: string }, number])[]): CoordinationCounters {
  const profiles = emptyProfileCounts();
  for (const [a, t] of posts) addProfile(profiles, a, t);
  const times = posts.map(([, t]) => t);
  return { kind, posts: posts.length, authors: new Set(posts.map(([a]) => a.id)).size, firstAt: Math.min(...times), lastAt: Math.max(...times), profiles };
}

const rng = new Rng(3);

/** 3-day-old accounts with 5 followers, no bio, 400 posts already: a fresh bot farm. */
const bot = (k: number): ProfileAuthor & { id: string } => ({ id: `b${k}`, followers: 5, bio: '', accountCreatedAt: T0 - 3 * DAY, posts: 400, following: 900, listed: 0 });
/** Accounts years old with ordinary followings and bios. */
const person = (k: number): ProfileAuthor & { id: string } => ({
  id: `p${k}`,
  followers: Math.round(rng.logNormal(250, 1.2)),
  bio: rng.chance(0.8) ? 'Maman, Brest, cuisine et vélo' : null,
  accountCreatedAt: T0 - rng.int(400, 5000) * DAY,
  posts: rng.int(50, 20_000),
  following: rng.int(20, 2000),
  listed: rng.int(0, 5),
});
/** A platform that gives nothing about its authors (Bluesky's Jetstream). */
const unknown = (k: number): ProfileAuthor & { id: string } => ({ id: `u${k}`, followers: null });

test('a burst of near-identical texts from 3-day-old, 5-follower accounts in 2 minutes is suspected', () => {
  const c = coordinationScore(story('near_duplicate', Array.from({ length: 50 }, (_, k) => [bot(k), T0 + k * 2400] as const)));
  assert.equal(c.level, 'suspected');
  assert.ok(c.score >= 0.8, String(c.score));
  assert.ok(c.reasons.includes('50 of 50 posts from accounts under 30 days old'), c.reasons.join('; '));
  assert.ok(c.reasons.includes('50 of 50 posts from accounts with fewer than 50 followers'));
  assert.ok(c.reasons.includes('50 of 50 posts from accounts posting more than 72 times a day'));
  assert.ok(c.reasons.some((r) => r.startsWith('50 posts in 2 min (')), c.reasons.join('; '));
});

test('an organic backlash (old accounts, ordinary followings), even fast, is organic', () => {
  const fast = coordinationScore(story('near_duplicate', Array.from({ length: 80 }, (_, k) => [person(k), T0 + k * 1500] as const)));
  assert.equal(fast.level, 'organic', fast.reasons.join('; '));
  assert.ok(fast.score < 0.15, String(fast.score));
  const chain = coordinationScore(story('repost_chain', Array.from({ length: 300 }, (_, k) => [person(k), T0 + k * 12_000] as const)));
  assert.equal(chain.level, 'organic');
  assert.deepEqual(chain.reasons, ['accounts look ordinary']);
});

test('unknown profiles stay low and say so', () => {
  const c = coordinationScore(story('near_duplicate', Array.from({ length: 60 }, (_, k) => [unknown(k), T0 + k * 1000] as const)));
  assert.equal(c.score, 0);
  assert.equal(c.level, 'organic');
  assert.match(c.reasons.join(' '), /profile data unknown/);
  // Half the burst from bots, half unknown: the unknown half does not look suspicious.
  const half = coordinationScore(story('near_duplicate', Array.from({ length: 60 }, (_, k) => [k % 2 ? unknown(k) : bot(k), T0 + k * 1000] as const)));
  const full = coordinationScore(story('near_duplicate', Array.from({ length: 60 }, (_, k) => [bot(k), T0 + k * 1000] as const)));
  assert.ok(half.score < full.score);
  assert.ok(half.reasons.includes('profile data unknown for 30 of 60 posts'), half.reasons.join('; '));
});

test('the same few accounts posting again and again raise the score, whatever their profile', () => {
  const c = coordinationScore(story('near_duplicate', Array.from({ length: 40 }, (_, k) => [unknown(k % 4), T0 + k * 60_000] as const)));
  assert.equal(c.level, 'mixed');
  assert.ok(c.reasons.includes('40 posts by about 4 accounts (10.0 each)'), c.reasons.join('; '));
});

test('young accounts posting slowly are mixed; fast copying makes them suspected', () => {
  const youngish = (k: number): ProfileAuthor & { id: string } => ({ ...person(k), accountCreatedAt: T0 - 10 * DAY, posts: 30 });
  const slow = coordinationScore(story('near_duplicate', Array.from({ length: 30 }, (_, k) => [youngish(k), T0 + k * 10 * 60_000] as const)));
  const fast = coordinationScore(story('near_duplicate', Array.from({ length: 30 }, (_, k) => [youngish(k), T0 + k * 3_000] as const)));
  assert.equal(slow.level, 'mixed', `${slow.score}`);
  assert.equal(fast.level, 'suspected', `${fast.score}`);
  // Pressing "repost" is the platform's own amplification: the same accounts score lower in a chain.
  const chain = coordinationScore(story('repost_chain', Array.from({ length: 30 }, (_, k) => [youngish(k), T0 + k * 3_000] as const)));
  assert.ok(chain.score < fast.score);
});

test('a small story has little evidence; scores stay in [0, 1] and grow with suspicious shares', () => {
  const two = coordinationScore(story('near_duplicate', [[bot(1), T0], [bot(2), T0 + 1000]]));
  assert.ok(two.score < 0.6, `two posts are not enough to suspect (${two.score})`);
  for (let k = 0; k < 500; k++) {
    const posts = rng.int(1, 200);
    const p: ProfileCounts = emptyProfileCounts();
    p.profiled = rng.int(0, posts);
    p.ageKnown = rng.int(0, posts);
    p.young = rng.int(0, p.ageKnown);
    p.followersKnown = rng.int(0, posts);
    p.lowFollowers = rng.int(0, p.followersKnown);
    p.rateKnown = rng.int(0, p.ageKnown);
    p.highRate = rng.int(0, p.rateKnown);
    p.emptyBio = rng.int(0, p.profiled);
    const c: CoordinationCounters = { kind: rng.chance(0.5) ? 'near_duplicate' : 'repost_chain', posts, authors: rng.int(1, posts), firstAt: T0, lastAt: T0 + rng.int(0, 3600_000), profiles: p };
    const s = coordinationScore(c);
    assert.ok(s.score >= 0 && s.score <= 1);
    const more = { ...c, profiles: { ...p, young: Math.min(posts, p.young + 5) } };
    assert.ok(coordinationScore(more).score >= s.score, 'more young accounts never lower the score');
  }
  assert.deepEqual(coordinationScore({ kind: 'near_duplicate', posts: 0, authors: 0, firstAt: T0, lastAt: T0, profiles: emptyProfileCounts() }), {
    score: 0,
    level: 'organic',
    reasons: ['no posts'],
  });
});

test('addProfile: age at posting time, rate over the account’s life, bad dates are unknown', () => {
  const c = emptyProfileCounts();
  addProfile(c, { followers: 49, accountCreatedAt: T0 - 29 * DAY, posts: 29 * 73, bio: '  ' }, T0);
  assert.deepEqual(c, { profiled: 1, ageKnown: 1, young: 1, followersKnown: 1, lowFollowers: 1, rateKnown: 1, highRate: 1, emptyBio: 1 });
  const d = emptyProfileCounts();
  addProfile(d, { followers: 50, accountCreatedAt: T0 - 31 * DAY, posts: 31 * 72, bio: 'Bio' }, T0);
  assert.deepEqual(d, { profiled: 1, ageKnown: 1, young: 0, followersKnown: 1, lowFollowers: 0, rateKnown: 1, highRate: 0, emptyBio: 0 });
  const e = emptyProfileCounts();
  addProfile(e, { followers: null, accountCreatedAt: T0 + 3 * DAY, posts: 10 }, T0);
  assert.deepEqual(e, { profiled: 1, ageKnown: 0, young: 0, followersKnown: 0, lowFollowers: 0, rateKnown: 0, highRate: 0, emptyBio: 1 });
  addProfile(e, { followers: Number.NaN, accountCreatedAt: Number.NaN }, T0);
  assert.equal(e.followersKnown, 0);
  mergeProfileCounts(e, c);
  assert.equal(e.young, 1);
  assert.equal(e.profiled, 2);
});
