/**
 * What one round of polling reads: a search per brand query (redditSearchQueries) and per
 * configured `searchQueries`, newest posts first; and the newest comments of each configured
 * subreddit. Each feed has a stable key, under which the checkpoint keeps its cursor.
 */
import type { Brand } from '../../domain/brand.ts';
import type { RedditSourceConfig } from './config.ts';
import { redditSearchQueries } from './search-queries.ts';

export interface RedditFeed {
  /** `search:<q>` or `comments:<subreddit, lower case>`. */
  key: string;
  /** For messages: `search "<q>"` or `r/<sub>/comments`. */
  label: string;
  path: string;
  params: Record<string, string>;
}

export type FeedConfig = Pick<RedditSourceConfig, 'searchBrands' | 'searchQueries' | 'subreddits' | 'includeNsfw'>;

export function searchFeed(q: string, includeNsfw: boolean): RedditFeed {
  const params: Record<string, string> = { q, sort: 'new', type: 'link', raw_json: '1' };
  if (includeNsfw) params.include_over_18 = 'on';
  return { key: `search:${q}`, label: `search ${JSON.stringify(q.length > 80 ? `${q.slice(0, 77)}...` : q)}`, path: '/search', params };
}

export function commentsFeed(subreddit: string): RedditFeed {
  return { key: `comments:${subreddit.toLowerCase()}`, label: `r/${subreddit}/comments`, path: `/r/${subreddit}/comments`, params: { raw_json: '1' } };
}

/** The feeds for the brands as they are now (duplicates removed). */
export function redditFeeds(config: FeedConfig, brands: readonly Pick<Brand, 'name' | 'aliases' | 'keywords'>[]): RedditFeed[] {
  const feeds = new Map<string, RedditFeed>();
  const queries = [...(config.searchBrands ? redditSearchQueries(brands) : []), ...config.searchQueries];
  for (const q of queries) {
    const f = searchFeed(q, config.includeNsfw);
    if (!feeds.has(f.key)) feeds.set(f.key, f);
  }
  for (const sub of config.subreddits) {
    const f = commentsFeed(sub);
    if (!feeds.has(f.key)) feeds.set(f.key, f);
  }
  return [...feeds.values()];
}
