/**
 * Recent search for the gap fills: the stream rules become search queries (one brand's rules
 * ORed together, split to fit the access level's query length), each query is read page by page
 * (`next_token`) from a `since_id` or a `start_time`, and each post found becomes a stream-shaped
 * message — the post, its author and referenced posts from `includes`, and the brand as matching
 * rule tag — so that parse-x-line.ts reads it like a stream message.
 */
import { isObject, obj, str, type JsonObject } from '../import/json-access.ts';
import { isPostId, maxId } from './cursor.ts';
import { POST_FIELDS, SEARCH_PATH } from './fields.ts';
import type { XRule } from './rules.ts';
import type { XApi, XFailure } from './x-api.ts';

export interface SearchQuery {
  query: string;
  /** The brand id. */
  tag: string;
}

const length = (s: string): number => [...s].length;

/** The brands' rules packed into as few search queries as fit `maxLength`; a rule too long alone is reported. */
export function searchQueries(rules: readonly XRule[], maxLength: number): { queries: SearchQuery[]; problems: string[] } {
  const byTag = new Map<string, string[]>();
  for (const r of rules) {
    const list = byTag.get(r.tag);
    if (list === undefined) byTag.set(r.tag, [r.value]);
    else list.push(r.value);
  }
  const queries: SearchQuery[] = [];
  const problems: string[] = [];
  for (const [tag, values] of byTag) {
    let parts: string[] = [];
    const flush = (): void => {
      if (parts.length === 0) return;
      queries.push({ tag, query: parts.length === 1 ? parts[0]! : parts.map((p) => `(${p})`).join(' OR ') });
      parts = [];
    };
    for (const v of values) {
      if (length(v) > maxLength) {
        problems.push(
          `the stream rule of brand "${tag}" is ${length(v)} characters, over the ${maxLength} a recent-search query may have: ` +
            'gaps are not filled for it (shorten the query, or raise searchQueryMaxLength if your access level allows more)',
        );
        continue;
      }
      const joined = [...parts, v].map((p) => `(${p})`).join(' OR ');
      if (parts.length > 0 && length(joined) > maxLength) flush();
      parts.push(v);
    }
    flush();
  }
  return { queries, problems };
}

export interface SearchHit {
  id: string;
  /** A stream-shaped message (JSON text) for parse-x-line.ts. */
  record: string;
}

export interface SearchResult {
  hits: SearchHit[];
  /** Posts of an answer that cannot be read (no valid id). */
  rejects: Array<{ reason: string; excerpt: string }>;
  /** The largest first-page `newest_id`: where the next search starts. */
  newestId: string | null;
  /** Brands whose search stopped at the page limit (the oldest posts of the gap were not read). */
  truncated: string[];
  pages: number;
}

export interface SearchOptions {
  pageSize: number;
  maxPages: number;
}

interface Hit {
  post: JsonObject;
  users: unknown[];
  tweets: unknown[];
  tags: string[];
}

function byId(list: unknown): Map<string, JsonObject> {
  const m = new Map<string, JsonObject>();
  if (!Array.isArray(list)) return m;
  for (const x of list) {
    const id = str(x, 'id');
    if (id !== undefined && isObject(x)) m.set(id, x);
  }
  return m;
}

/** The includes that concern one post: its author, its referenced posts and their authors. */
function includesOf(post: JsonObject, users: Map<string, JsonObject>, tweets: Map<string, JsonObject>): { users: unknown[]; tweets: unknown[] } {
  const u: JsonObject[] = [];
  const t: JsonObject[] = [];
  const addUser = (id: string | undefined): void => {
    const user = id === undefined ? undefined : users.get(id);
    if (user !== undefined && !u.includes(user)) u.push(user);
  };
  addUser(str(post, 'author_id'));
  const refs = post.referenced_tweets;
  if (Array.isArray(refs)) {
    for (const ref of refs) {
      const id = str(ref, 'id');
      const tweet = id === undefined ? undefined : tweets.get(id);
      if (tweet === undefined || t.includes(tweet)) continue;
      t.push(tweet);
      addUser(str(tweet, 'author_id'));
    }
  }
  return { users: u, tweets: t };
}

const excerptOf = (v: unknown): string => (JSON.stringify(v) ?? String(v)).slice(0, 2048);

/**
 * Searches every query since the given point. Stops at the first failure (a spent rate-limit
 * window included) and returns what it found so far with it.
 */
export async function searchRecent(
  api: XApi,
  queries: readonly SearchQuery[],
  since: { since_id: string } | { start_time: string },
  o: SearchOptions,
  signal: AbortSignal,
): Promise<{ result: SearchResult; failure: XFailure | null }> {
  const hits = new Map<string, Hit>();
  const result: SearchResult = { hits: [], rejects: [], newestId: null, truncated: [], pages: 0 };
  const finish = (failure: XFailure | null): { result: SearchResult; failure: XFailure | null } => {
    for (const [id, h] of hits) {
      const record = JSON.stringify({ data: h.post, includes: { users: h.users, tweets: h.tweets }, matching_rules: h.tags.map((tag) => ({ tag })) });
      result.hits.push({ id, record });
    }
    return { result, failure };
  };
  for (const q of queries) {
    let token: string | undefined;
    for (let page = 0; ; page++) {
      if (page >= o.maxPages) {
        result.truncated.push(q.tag);
        break;
      }
      const params = { ...POST_FIELDS, query: q.query, max_results: String(o.pageSize), ...since, next_token: token };
      const got = await api.json('search', 'GET', SEARCH_PATH, params, undefined, signal);
      if (!got.ok) return finish(got.failure);
      result.pages++;
      const answer = got.value;
      const data = isObject(answer) ? answer.data : undefined;
      if (!isObject(answer) || (data !== undefined && !Array.isArray(data))) {
        return finish({ kind: 'parse', message: `GET ${SEARCH_PATH}: the answer is not a recent-search page (a JSON object with a "data" list)` });
      }
      const meta = obj(answer, 'meta');
      const newest = str(meta, 'newest_id');
      if (page === 0 && newest !== undefined && isPostId(newest)) result.newestId = maxId(result.newestId, newest);
      const includes = obj(answer, 'includes');
      const users = byId(includes?.users);
      const tweets = byId(includes?.tweets);
      for (const post of (data as unknown[] | undefined) ?? []) {
        const id = str(post, 'id');
        if (!isObject(post) || id === undefined || !isPostId(id)) {
          result.rejects.push({ reason: 'recent search: a post without a valid "id" (a decimal X post id)', excerpt: excerptOf(post) });
          continue;
        }
        const known = hits.get(id);
        if (known !== undefined) {
          if (!known.tags.includes(q.tag)) known.tags.push(q.tag);
          continue;
        }
        hits.set(id, { post, ...includesOf(post, users, tweets), tags: [q.tag] });
      }
      token = str(meta, 'next_token');
      if (token === undefined || token === '') break;
    }
  }
  return finish(null);
}
