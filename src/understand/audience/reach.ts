/**
 * Estimated reach of a mention: how many people may have seen it. A documented heuristic, the
 * same for every platform, meant to rank posts and to add up over a window (not an audited
 * audience figure):
 *
 *     audience = the author's followers, or PLATFORM_AUDIENCE[platform] when unknown
 *     seen     = max(audience, VIEWS_PER_INTERACTION × (likes + replies))
 *     shared   = (reposts + quotes) × TYPICAL_AUDIENCE
 *     reach    = max(views, seen + shared)             (views when the platform gives them)
 *
 * - Followers are the potential direct audience (a post is shown to some of them, but the series
 *   and detectors were built on this "potential reach" convention, like most listening tools).
 * - Likes and replies come from people who saw the post: with a like or reply for every
 *   VIEWS_PER_INTERACTION views (1 to 3% of impressions engage on X), a post liked far beyond its
 *   author's followers has travelled, through recommendations and search.
 * - Each repost or quote shows the post to the reposter's followers: TYPICAL_AUDIENCE, the median
 *   following of ordinary accounts (low hundreds on X and Bluesky).
 * - The platform's own view count is a floor: the estimate is never below it.
 *
 * Monotone: more followers, likes, replies, reposts, quotes or views never give less reach.
 * Counts that are missing, negative or not finite count as 0 (followers as unknown).
 */
import type { Mention } from '../../domain/mention.ts';
import type { Platform } from '../../domain/platform.ts';

/** The audience a repost or quote brings, on average (also the baseline's figure). */
export const TYPICAL_AUDIENCE = 150;

/** Views behind each like or reply: a cautious reading of a 1–3% engagement rate. */
export const VIEWS_PER_INTERACTION = 40;

/**
 * The audience assumed when the platform does not give the author's followers (Bluesky's
 * Jetstream, Reddit, imports): a typical account's following; for a Reddit post, the readers of a
 * small subreddit's new posts; for a news item, a small site's readers.
 */
export const PLATFORM_AUDIENCE: Readonly<Record<Platform, number>> = {
  x: TYPICAL_AUDIENCE,
  bluesky: TYPICAL_AUDIENCE,
  mastodon: 100,
  reddit: 300,
  rss: 1_000,
  webhook: TYPICAL_AUDIENCE,
  csv: TYPICAL_AUDIENCE,
};

const count = (n: number | null | undefined): number => (typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : 0);

/** What the estimate reads from a mention. */
export type ReachInput = Pick<Mention, 'platform' | 'author' | 'engagement'>;

/** Estimated number of people reached (see the formula above); a non-negative integer. */
export function estimateReach(mention: ReachInput): number {
  const f = mention.author.followers;
  const audience = typeof f === 'number' && Number.isFinite(f) && f >= 0 ? f : (PLATFORM_AUDIENCE[mention.platform] ?? TYPICAL_AUDIENCE);
  const e = mention.engagement;
  const seen = Math.max(audience, VIEWS_PER_INTERACTION * (count(e.likes) + count(e.replies)));
  const shared = (count(e.reposts) + count(e.quotes)) * TYPICAL_AUDIENCE;
  return Math.round(Math.max(count(e.views), seen + shared));
}
