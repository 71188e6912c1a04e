/**
 * Coordination score of a storyline: signs that its amplification is organised or automated
 * rather than organic backlash. A pure function of a few counters the explainer keeps per story
 * (src/detect/explain/slot.ts), so it costs nothing per mention beyond adding them up.
 *
 * Per post, from its author's profile at posting time (see `addProfile`):
 * - young: the account was created less than `youngAccountDays` (30) days before the post;
 * - low followers: fewer than `lowFollowers` (50);
 * - high rate: more than `highPostsPerDay` (72) posts a day on average over the account's life;
 * - empty profile: the platform gave a profile, without a bio.
 * A field the platform did not give flags nothing: unknown never looks suspicious.
 *
 * The score (all terms in [0, 1]):
 *
 *     excess_f = clamp((flagged_f / posts − base_f) / (1 − base_f))    share above an organic crowd's
 *     P = 1 − Π_f (1 − weight_f × excess_f)                            suspicious accounts
 *         young: weight 0.8, base 5%   high rate: 0.6, 2%   low followers: 0.5, 35%   empty: 0.3, 30%
 *     T = clamp(log10(posts per minute)), halved for a repost chain   tempo: 0 at 1 a minute, 1 at 10
 *     R = clamp((posts / authors − 1.6) / 1.4)                        the same accounts again and again
 *     raw = 1 − (1 − P × (0.6 + 0.4 T)) × (1 − 0.4 R)
 *     score = raw × posts / (posts + 3)                               little evidence in a small story
 *
 * Tempo only amplifies suspicious accounts: real people sharing a headline through a share button
 * post near-identical texts fast too, and that is organic. Copying a text is a stronger sign than
 * pressing "repost" (the platform's own amplification), hence the halved tempo of chains. The
 * 1.6 in R absorbs the error of the distinct-author estimate (exact up to 32 authors, then about
 * 18%: an under-estimate by two standard errors reads as 1.56 posts per author).
 *
 * Levels: organic below 0.3, mixed from 0.3, suspected from 0.6. `reasons` say what counted, in
 * English, and say when profile data is unknown for more than a tenth of the posts (when it is
 * unknown for all, the score reads repetition only).
 */

export interface CoordinationOptions {
  youngAccountDays: number;
  lowFollowers: number;
  highPostsPerDay: number;
}

export const DEFAULT_COORDINATION_OPTIONS: Readonly<CoordinationOptions> = Object.freeze({
  youngAccountDays: 30,
  lowFollowers: 50,
  highPostsPerDay: 72,
});

/** Levels' lower bounds. */
export const MIXED_FROM = 0.3;
export const SUSPECTED_FROM = 0.6;

const DAY_MS = 24 * 3600_000;

/** Per-story tallies of its posts' author profiles (each field counts posts). */
export interface ProfileCounts {
  /** Posts whose author has a known profile (creation date, posts, following or lists given). */
  profiled: number;
  ageKnown: number;
  young: number;
  followersKnown: number;
  lowFollowers: number;
  /** Posts whose author's posts and age are both known. */
  rateKnown: number;
  highRate: number;
  /** Profiled posts whose author has no bio. */
  emptyBio: number;
}

export function emptyProfileCounts(): ProfileCounts {
  return { profiled: 0, ageKnown: 0, young: 0, followersKnown: 0, lowFollowers: 0, rateKnown: 0, highRate: 0, emptyBio: 0 };
}

/** What addProfile reads of an author (the profile fields are optional on Author). */
export interface ProfileAuthor {
  followers: number | null;
  bio?: string | null | undefined;
  accountCreatedAt?: number | null | undefined;
  posts?: number | null | undefined;
  following?: number | null | undefined;
  listed?: number | null | undefined;
}

const known = (n: number | null | undefined): n is number => typeof n === 'number' && Number.isFinite(n);

/** Adds one post by `author`, posted at `postedAt` (epoch ms), to the tallies. */
export function addProfile(c: ProfileCounts, author: ProfileAuthor, postedAt: number, o: CoordinationOptions = DEFAULT_COORDINATION_OPTIONS): void {
  const created = author.accountCreatedAt;
  const posts = author.posts;
  const profiled = known(created) || known(posts) || known(author.following) || known(author.listed);
  if (profiled) {
    c.profiled++;
    const bio = author.bio;
    if (bio == null || bio.trim().length === 0) c.emptyBio++;
  }
  // An account "created" more than a day after the post is bad data: its age is unknown.
  if (known(created) && Number.isFinite(postedAt) && created <= postedAt + DAY_MS) {
    const ageDays = Math.max(0, postedAt - created) / DAY_MS;
    c.ageKnown++;
    if (ageDays < o.youngAccountDays) c.young++;
    if (known(posts) && posts >= 0) {
      c.rateKnown++;
      if (posts / Math.max(1, ageDays) > o.highPostsPerDay) c.highRate++;
    }
  }
  if (known(author.followers)) {
    c.followersKnown++;
    if (author.followers < o.lowFollowers) c.lowFollowers++;
  }
}

/** Adds the tallies `from` into `into`. */
export function mergeProfileCounts(into: ProfileCounts, from: ProfileCounts): void {
  into.profiled += from.profiled;
  into.ageKnown += from.ageKnown;
  into.young += from.young;
  into.followersKnown += from.followersKnown;
  into.lowFollowers += from.lowFollowers;
  into.rateKnown += from.rateKnown;
  into.highRate += from.highRate;
  into.emptyBio += from.emptyBio;
}

/** What the score reads of a storyline. */
export interface CoordinationCounters {
  kind: 'near_duplicate' | 'repost_chain';
  posts: number;
  /** Distinct authors (estimated above 32). */
  authors: number;
  firstAt: number;
  lastAt: number;
  profiles: ProfileCounts;
}

export type CoordinationLevel = 'organic' | 'mixed' | 'suspected';

export interface Coordination {
  /** In [0, 1], rounded to 0.01. */
  score: number;
  level: CoordinationLevel;
  reasons: string[];
}

const clamp = (x: number): number => (x > 1 ? 1 : x > 0 ? x : 0);

export function levelOf(score: number): CoordinationLevel {
  return score >= SUSPECTED_FROM ? 'suspected' : score >= MIXED_FROM ? 'mixed' : 'organic';
}

function duration(ms: number): string {
  if (ms < 60_000) return `${Math.max(1, Math.round(ms / 1000))} s`;
  if (ms < 3600_000) return `${Math.round(ms / 60_000)} min`;
  return `${(ms / 3600_000).toFixed(1)} h`;
}

/** The coordination score of a storyline from its counters (see the formula above). */
export function coordinationScore(c: CoordinationCounters, o: CoordinationOptions = DEFAULT_COORDINATION_OPTIONS): Coordination {
  const posts = Math.max(0, Math.floor(c.posts));
  if (posts === 0) return { score: 0, level: 'organic', reasons: ['no posts'] };
  const p = c.profiles;
  const reasons: string[] = [];
  const features: [flagged: number, weight: number, base: number, says: string][] = [
    [p.young, 0.8, 0.05, `from accounts under ${o.youngAccountDays} days old`],
    [p.highRate, 0.6, 0.02, `from accounts posting more than ${o.highPostsPerDay} times a day`],
    [p.lowFollowers, 0.5, 0.35, `from accounts with fewer than ${o.lowFollowers} followers`],
    [p.emptyBio, 0.3, 0.3, 'from profiles without a bio'],
  ];
  let organic = 1;
  for (const [flagged, weight, base, says] of features) {
    const excess = clamp((Math.min(flagged, posts) / posts - base) / (1 - base));
    if (excess > 0) {
      organic *= 1 - weight * excess;
      reasons.push(`${flagged} of ${posts} posts ${says}`);
    }
  }
  const P = 1 - organic;

  const spanMs = Math.max(0, c.lastAt - c.firstAt);
  const perMinute = (posts - 1) / Math.max(1, spanMs / 60_000);
  const T = clamp(Math.log10(perMinute)) * (c.kind === 'repost_chain' ? 0.5 : 1);
  if (P > 0 && T > 0) reasons.push(`${posts} posts in ${duration(spanMs)} (${perMinute.toFixed(perMinute < 10 ? 1 : 0)} a minute)`);

  const authors = Math.max(1, Math.min(posts, Math.round(c.authors)));
  const R = clamp((posts / authors - 1.6) / 1.4);
  if (R > 0) reasons.push(`${posts} posts by about ${authors} accounts (${(posts / authors).toFixed(1)} each)`);

  const profiled = Math.min(p.profiled, posts);
  if (profiled === 0 && p.ageKnown === 0 && p.followersKnown === 0) reasons.push('profile data unknown: only repetition by the same accounts can raise the score');
  else if (posts - profiled > posts / 10) reasons.push(`profile data unknown for ${posts - profiled} of ${posts} posts`);

  const raw = 1 - (1 - P * (0.6 + 0.4 * T)) * (1 - 0.4 * R);
  const score = Math.round(clamp(raw * (posts / (posts + 3))) * 100) / 100;
  if (reasons.length === 0) reasons.push('accounts look ordinary');
  return { score, level: levelOf(score), reasons };
}
