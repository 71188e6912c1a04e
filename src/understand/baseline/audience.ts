import type { Brand } from '../../domain/brand.ts';
import type { Mention, Stakeholder } from '../../domain/mention.ts';

/** Followers from which an author counts as an influencer (also used by the series aggregator). */
export const DEFAULT_INFLUENCER_FOLLOWERS = 10_000;

/**
 * The audience a repost or quote brings, on average: most reposters are ordinary accounts, whose
 * median following is in the low hundreds on X and Bluesky.
 */
export const TYPICAL_AUDIENCE = 150;

/**
 * Estimated reach (documented heuristic): the author's followers, plus TYPICAL_AUDIENCE for every
 * repost and quote (each shows the post to the reposter's followers), and never less than the
 * platform's own view count when it gives one.
 */
export function estimateReach(mention: Mention): number {
  const followers = mention.author.followers ?? 0;
  const shares = mention.engagement.reposts + mention.engagement.quotes;
  const estimate = followers + shares * TYPICAL_AUDIENCE;
  const views = mention.engagement.views;
  return views !== null && views > estimate ? views : estimate;
}

interface BrandHandles {
  own: ReadonlySet<string>;
  employees: ReadonlySet<string>;
}
const handleCache = new WeakMap<Brand, BrandHandles>();

function handlesOf(brand: Brand): BrandHandles {
  let h = handleCache.get(brand);
  if (h === undefined) {
    const norm = (s: string): string => s.replace(/^@/, '').toLowerCase();
    h = {
      own: new Set([...brand.handles, ...brand.ownedAccounts].map(norm)),
      employees: new Set(brand.employeeHandles.map(norm)),
    };
    handleCache.set(brand, h);
  }
  return h;
}

/**
 * Who is speaking, as far as a baseline can tell: `brand` when the author is one of the brands'
 * handles or owned accounts, `employee` for the employees' handles, `influencer` from
 * `influencerFollowers` followers, else `unknown` (customers, journalists, media… are told apart
 * by the understanding models, not here).
 */
export function classifyStakeholder(mention: Mention, brands: readonly Brand[], influencerFollowers: number): Stakeholder {
  const handle = mention.author.handle?.toLowerCase();
  if (handle !== undefined && handle.length > 0) {
    for (const brand of brands) {
      const h = handlesOf(brand);
      if (h.own.has(handle)) return 'brand';
      if (h.employees.has(handle)) return 'employee';
    }
  }
  if ((mention.author.followers ?? 0) >= influencerFollowers) return 'influencer';
  return 'unknown';
}
