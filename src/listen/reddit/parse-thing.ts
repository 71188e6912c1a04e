/**
 * Reddit "things" to mention drafts: `t3` (posts, from search and subreddit listings) and `t1`
 * (comments). Fields are read as sent with `raw_json=1` (no HTML escaping in title, selftext and
 * body, which are Markdown and kept as such). Conventions:
 * - ids are `reddit:<fullname>` (`reddit:t3_1abc`, `reddit:t1_xyz`): fullnames are unique across
 *   kinds, bare ids are not; authors are `reddit:<author_fullname>` (`t2_…`), else `reddit:u/<name>`;
 * - url = web base + permalink (https://www.reddit.com/r/…/comments/…);
 * - createdAt = created_utc (float seconds) in ms; editedAt from `edited` (false or seconds);
 * - a post's text is its title, then a blank line and its selftext when it has one;
 * - relations: a comment replies to `parent_id` (a post or a comment) in the conversation
 *   `link_id`; a post is its own conversation and a crosspost reposts `crosspost_parent`;
 * - engagement: likes = score (never below 0), replies = num_comments, reposts = num_crossposts;
 * - a thing whose text is "[deleted]" or "[removed]" is a delete of that id.
 */
import type { AuthorKind, MentionDraft } from '../../domain/mention.ts';
import { count, isObject, obj, parseJson, str, type JsonObject } from '../import/json-access.ts';
import { finishDraft } from '../import/normalise.ts';
import type { ParseOutcome, RecordParser } from '../source.ts';

export const REDDIT_WEB_BASE = 'https://www.reddit.com';

const GONE = new Set(['[deleted]', '[removed]']);
const FULLNAME = /^t[1-6]_[0-9a-z]{1,20}$/i;
const BOT_ACCOUNTS = new Set(['automoderator']);

/** A finite number field (Reddit timestamps are float seconds), else undefined. */
export function seconds(v: unknown, key: string): number | undefined {
  if (!isObject(v)) return undefined;
  const x = v[key];
  return typeof x === 'number' && Number.isFinite(x) ? x : undefined;
}

/** A signed integer field clamped at 0 (scores can be negative), else undefined. */
function nonNegative(v: JsonObject, key: string): number | undefined {
  const x = v[key];
  return typeof x === 'number' && Number.isSafeInteger(x) ? Math.max(0, x) : undefined;
}

/** The fullname of a thing (`name`, else kind + `_` + id), or undefined. */
export function fullnameOf(thing: unknown): string | undefined {
  const data = obj(thing, 'data');
  const name = str(data, 'name');
  if (name !== undefined && FULLNAME.test(name)) return name;
  const kind = str(thing, 'kind');
  const id = str(data, 'id');
  if (kind === undefined || id === undefined) return undefined;
  const built = `${kind}_${id}`;
  return FULLNAME.test(built) ? built : undefined;
}

function ref(fullname: string | undefined): string | null {
  return fullname !== undefined && FULLNAME.test(fullname) ? `reddit:${fullname}` : null;
}

function link(webBase: string, permalink: string | undefined, fallback: string | null): string | null {
  if (permalink !== undefined && permalink.startsWith('/') && !permalink.startsWith('//')) return webBase + permalink;
  return fallback === null ? null : webBase + fallback;
}

function author(data: JsonObject): MentionDraft['author'] | string {
  const name = str(data, 'author');
  if (name === undefined || name === '') return 'missing field data.author';
  const deleted = GONE.has(name);
  const fullname = str(data, 'author_fullname');
  const id = deleted ? 'reddit:[deleted]' : fullname !== undefined && /^t2_[0-9a-z]+$/i.test(fullname) ? `reddit:${fullname}` : `reddit:u/${name}`;
  const kind: AuthorKind = deleted ? 'unknown' : BOT_ACCOUNTS.has(name.toLowerCase()) ? 'bot' : 'person';
  return { id, handle: deleted ? null : name, name: null, followers: null, verified: false, kind };
}

/**
 * One thing (`{kind, data}`) as parsed JSON; `raw` is its JSON text, kept as evidence.
 * Kinds other than t3 and t1 are rejected, except `more` (a "load more comments" stub), ignored.
 */
export function parseRedditThing(thing: unknown, raw: string, receivedAt: number, webBase = REDDIT_WEB_BASE): ParseOutcome {
  if (!isObject(thing)) return { kind: 'reject', reason: 'a Reddit thing must be a JSON object {kind, data}' };
  const kind = str(thing, 'kind');
  if (kind === 'more') return { kind: 'ignore', why: '"more" stub' };
  if (kind !== 't3' && kind !== 't1') {
    return { kind: 'reject', reason: `unexpected thing kind ${JSON.stringify(kind ?? null)} (expected t3 for a post or t1 for a comment)` };
  }
  const data = obj(thing, 'data');
  if (data === undefined) return { kind: 'reject', reason: `missing field data (the ${kind === 't3' ? 'post' : 'comment'})` };
  const fullname = fullnameOf(thing);
  if (fullname === undefined || !fullname.startsWith(`${kind}_`)) {
    return { kind: 'reject', reason: `missing or invalid field data.name (expected a ${kind}_… fullname)` };
  }
  const created = seconds(data, 'created_utc');
  if (created === undefined) return { kind: 'reject', reason: 'missing field data.created_utc (seconds since 1970)' };
  const createdAt = Math.round(created * 1000);
  if (!Number.isSafeInteger(createdAt)) return { kind: 'reject', reason: `absurd timestamp: data.created_utc ${created} is out of range` };
  const id = `reddit:${fullname}`;
  const id36 = fullname.slice(3);
  const who = author(data);
  if (typeof who === 'string') return { kind: 'reject', reason: who };
  const edited = seconds(data, 'edited');
  const editedAt = edited === undefined || edited <= 0 ? null : Math.round(edited * 1000);
  const base: Omit<MentionDraft, 'text' | 'url' | 'relations' | 'engagement'> = {
    id,
    platform: 'reddit',
    author: who,
    lang: null,
    createdAt,
    receivedAt,
    editedAt: editedAt !== null && Number.isSafeInteger(editedAt) ? editedAt : null,
    deletedAt: null,
    matchingRules: [],
    raw,
  };
  const score = nonNegative(data, 'score') ?? nonNegative(data, 'ups') ?? 0;
  if (kind === 't3') {
    const title = str(data, 'title');
    if (title === undefined) return { kind: 'reject', reason: 'missing field data.title' };
    const selftext = str(data, 'selftext') ?? '';
    if (GONE.has(selftext) && (who.handle === null || str(data, 'removed_by_category') !== undefined)) {
      return { kind: 'delete', id, at: receivedAt };
    }
    const url = str(data, 'url_overridden_by_dest') ?? str(data, 'url');
    const external = data.is_self !== true && url !== undefined && /^https?:\/\//i.test(url) && !url.startsWith(`${webBase}/`);
    const draft: MentionDraft = {
      ...base,
      text: selftext.trim() === '' ? title : `${title}\n\n${selftext}`,
      url: link(webBase, str(data, 'permalink'), `/comments/${id36}/`),
      relations: { replyTo: null, quoteOf: null, repostOf: ref(str(data, 'crosspost_parent')), conversationId: id },
      engagement: {
        likes: score,
        reposts: count(data, 'num_crossposts') ?? 0,
        replies: count(data, 'num_comments') ?? 0,
        quotes: 0,
        views: count(data, 'view_count') ?? null,
      },
      ...(external ? { links: [url] } : {}),
    };
    return finishDraft(draft, raw, true);
  }
  const body = str(data, 'body');
  if (body === undefined) return { kind: 'reject', reason: 'missing field data.body' };
  if (GONE.has(body)) return { kind: 'delete', id, at: receivedAt };
  const linkId = str(data, 'link_id');
  const conversation = ref(linkId);
  if (conversation === null || !linkId!.startsWith('t3_')) return { kind: 'reject', reason: 'missing or invalid field data.link_id (the t3_… post)' };
  const draft: MentionDraft = {
    ...base,
    text: body,
    url: link(webBase, str(data, 'permalink'), `/comments/${linkId!.slice(3)}/_/${id36}/`),
    relations: { replyTo: ref(str(data, 'parent_id')) ?? conversation, quoteOf: null, repostOf: null, conversationId: conversation },
    engagement: { likes: score, reposts: 0, replies: 0, quotes: 0, views: null },
  };
  return finishDraft(draft, raw, true);
}

/**
 * A record parser for files of Reddit things, one JSON object per line (as saved from the API
 * with raw_json=1); links point to www.reddit.com.
 */
export const parseRedditRecord: RecordParser = (record: string, receivedAt: number): ParseOutcome => {
  if (!/\S/.test(record)) return { kind: 'ignore', why: 'empty record' };
  const parsed = parseJson(record);
  if (!parsed.ok) return { kind: 'reject', reason: parsed.reason };
  return parseRedditThing(parsed.value, record, receivedAt);
};
