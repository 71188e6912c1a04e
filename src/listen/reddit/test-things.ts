/**
 * Invented Reddit things for the tests and the fuzz run, in the API's wire shape (a subset of the
 * fields Reddit sends, with raw_json=1). The story: Corvane Cycles, a made-up bicycle maker, and
 * reports of cracked carbon forks from batch CF-0917. Every id, name and time is made up.
 */
import type { JsonObject } from '../import/json-access.ts';

/** 2026-05-04T08:00:00Z, in seconds: the tests' "now" is a little after. */
export const T0 = 1_777_881_600;

export interface PostSpec {
  id: string;
  created: number;
  title?: string;
  selftext?: string;
  author?: string;
  subreddit?: string;
  score?: number;
  comments?: number;
  url?: string;
  extra?: JsonObject;
}

export function post(p: PostSpec): JsonObject {
  const sub = p.subreddit ?? 'CorvaneOwners';
  const self = p.url === undefined;
  const slug = (p.title ?? 'corvane fork').toLowerCase().replace(/[^a-z0-9]+/g, '_').slice(0, 40);
  const permalink = `/r/${sub}/comments/${p.id}/${slug}/`;
  return {
    kind: 't3',
    data: {
      subreddit: sub,
      subreddit_name_prefixed: `r/${sub}`,
      selftext: p.selftext ?? '',
      author_fullname: `t2_${(p.author ?? 'spokeandchain').slice(0, 8).toLowerCase()}`,
      title: p.title ?? 'Corvane Stratus fork cracked at the crown (batch CF-0917)?',
      name: `t3_${p.id}`,
      id: p.id,
      score: p.score ?? 12,
      ups: p.score ?? 12,
      upvote_ratio: 0.93,
      num_comments: p.comments ?? 4,
      num_crossposts: 0,
      is_self: self,
      domain: self ? `self.${sub}` : 'news.example',
      edited: false,
      author: p.author ?? 'spokeandchain',
      permalink,
      url: p.url ?? `https://www.reddit.com${permalink}`,
      created: p.created,
      created_utc: p.created,
      over_18: false,
      view_count: null,
      ...p.extra,
    },
  };
}

export interface CommentSpec {
  id: string;
  created: number;
  linkId: string;
  parentId?: string;
  body?: string;
  author?: string;
  subreddit?: string;
  score?: number;
  extra?: JsonObject;
}

export function comment(c: CommentSpec): JsonObject {
  const sub = c.subreddit ?? 'CorvaneOwners';
  return {
    kind: 't1',
    data: {
      subreddit: sub,
      subreddit_name_prefixed: `r/${sub}`,
      link_id: `t3_${c.linkId}`,
      parent_id: c.parentId ?? `t3_${c.linkId}`,
      author_fullname: `t2_${(c.author ?? 'gravelgran').slice(0, 8).toLowerCase()}`,
      author: c.author ?? 'gravelgran',
      body: c.body ?? 'Mine too, hairline crack right under the crown race. Corvane support says 3 weeks wait.',
      name: `t1_${c.id}`,
      id: c.id,
      score: c.score ?? 5,
      ups: c.score ?? 5,
      edited: false,
      is_submitter: false,
      permalink: `/r/${sub}/comments/${c.linkId}/corvane_fork/${c.id}/`,
      created: c.created,
      created_utc: c.created,
      replies: '',
      ...c.extra,
    },
  };
}

/** A `/user/{name}/about` answer. */
export function userAbout(name: string, o: { followers?: number; created?: number; bio?: string; karma?: number } = {}): JsonObject {
  return {
    kind: 't2',
    data: {
      name,
      id: name.slice(0, 8).toLowerCase(),
      created_utc: o.created ?? 1_589_900_000,
      total_karma: o.karma ?? 812,
      link_karma: 200,
      comment_karma: 612,
      verified: true,
      has_verified_email: true,
      is_suspended: false,
      subreddit: { display_name: `u_${name}`, subscribers: o.followers ?? 14, public_description: o.bio ?? '', subreddit_type: 'user' },
    },
  };
}

/** A Listing of these things, newest first as given. */
export function listing(children: readonly unknown[], after: string | null = null): JsonObject {
  return { kind: 'Listing', data: { after, dist: children.length, modhash: '', geo_filter: '', children, before: null } };
}
