import type { AuthorKind, MentionDraft } from '../../domain/mention.ts';
import type { ParseOutcome, RecordParser } from '../source.ts';
import { arr, count, isObject, isoTime, obj, parseJson, str, type JsonObject } from '../import/json-access.ts';
import { finishDraft } from '../import/normalise.ts';

/** X snowflake ids carry their creation time: (id >> 22) + this epoch, in ms. */
const TWITTER_EPOCH = 1288834974657n;

/** Creation time of a snowflake id, or undefined when the id is not one. */
export function snowflakeTime(id: string): number | undefined {
  if (!/^\d{1,20}$/.test(id)) return undefined;
  const t = Number((BigInt(id) >> 22n) + TWITTER_EPOCH);
  return t > Number(TWITTER_EPOCH) ? t : undefined;
}

/** X's language codes for "no language": undetermined, and its own q* codes (media, hashtags…). */
function lang(code: string | undefined): string | null {
  if (code === undefined || code === '' || code === 'und' || code === 'zxx') return null;
  if (code.length === 3 && code.startsWith('q')) return null;
  return code;
}

function findById(list: unknown[] | undefined, id: string | undefined): JsonObject | undefined {
  if (list === undefined || id === undefined) return undefined;
  for (const u of list) if (isObject(u) && u.id === id) return u;
  return undefined;
}

function fullText(post: JsonObject): string | undefined {
  return str(obj(post, 'note_tweet'), 'text') ?? str(post, 'text');
}

/** The verified_type values that mean a check mark. */
const VERIFIED_TYPES = new Set(['blue', 'business', 'government']);

function authorKind(user: JsonObject | undefined): AuthorKind {
  if (user === undefined) return 'unknown';
  const t = str(user, 'verified_type');
  return t === 'business' || t === 'government' ? 'organisation' : 'person';
}

/**
 * One message of the X API v2 filtered stream (one NDJSON line). See docs/import-formats.md.
 * Pure: the outcome depends only on the line and the receipt time.
 */
export const parseXLine: RecordParser = (record: string, receivedAt: number): ParseOutcome => parseXMessage(record, receivedAt);

/** What the live connector needs besides the outcome (filled by parseXMessage when given). */
export interface XMessageInfo {
  /** The post's own id (`data.id`; an edit's new id), for de-duplication and the resume cursor. */
  postId: string | undefined;
  /** The message's `errors` when it has no `data` (in-stream errors such as operational-disconnect). */
  errors: unknown[] | undefined;
}

/** parseXLine, also telling the post id and in-stream errors through `info`. */
export function parseXMessage(record: string, receivedAt: number, info?: XMessageInfo): ParseOutcome {
  if (!/\S/.test(record)) return { kind: 'ignore', why: 'keep-alive' };
  const parsed = parseJson(record);
  if (!parsed.ok) return { kind: 'reject', reason: parsed.reason };
  const msg = parsed.value;
  if (!isObject(msg)) return { kind: 'reject', reason: 'an X stream message must be a JSON object' };
  const data = msg.data;
  if (data === undefined) {
    const errors = arr(msg, 'errors');
    if (errors !== undefined) {
      if (info !== undefined) info.errors = errors;
      const title = str(errors[0], 'title') ?? str(errors[0], 'message') ?? 'unknown';
      return { kind: 'ignore', why: `stream error message: ${title}` };
    }
    return { kind: 'reject', reason: 'missing field data (the post)' };
  }
  if (!isObject(data)) return { kind: 'reject', reason: 'field data must be an object' };
  const id = str(data, 'id');
  if (id === undefined || id === '') return { kind: 'reject', reason: 'missing field data.id' };
  if (info !== undefined) info.postId = id;
  const text = fullText(data);
  if (text === undefined) return { kind: 'reject', reason: 'missing field data.text' };
  const createdRaw = str(data, 'created_at');
  if (createdRaw === undefined) return { kind: 'reject', reason: 'missing field data.created_at' };
  const postedAt = isoTime(createdRaw);
  if (postedAt === undefined) {
    return { kind: 'reject', reason: `data.created_at is not an ISO 8601 date: ${JSON.stringify(createdRaw.slice(0, 40))}` };
  }
  const authorId = str(data, 'author_id');
  if (authorId === undefined || authorId === '') return { kind: 'reject', reason: 'missing field data.author_id' };

  // An edit has a new id; the first id of its history is the original, whose row it updates.
  const history = arr(data, 'edit_history_tweet_ids');
  const first = history?.[0];
  const originalId = typeof first === 'string' && first !== '' ? first : id;
  const edited = history !== undefined && history.length > 1;
  const createdAt = edited ? (snowflakeTime(originalId) ?? postedAt) : postedAt;

  const includes = obj(msg, 'includes');
  const user = findById(arr(includes, 'users'), authorId);
  const username = str(user, 'username');
  const metrics = obj(user, 'public_metrics');

  let replyTo: string | null = null;
  let quoteOf: string | null = null;
  let repostOf: string | null = null;
  let body = text;
  for (const ref of arr(data, 'referenced_tweets') ?? []) {
    const refId = str(ref, 'id');
    if (refId === undefined) continue;
    const type = str(ref, 'type');
    if (type === 'replied_to') replyTo = `x:${refId}`;
    else if (type === 'quoted') quoteOf = `x:${refId}`;
    else if (type === 'retweeted') {
      repostOf = `x:${refId}`;
      // A retweet's own text is cut ("RT @a: …"); the original, when included, gives it whole.
      const original = findById(arr(includes, 'tweets'), refId);
      const originalText = original === undefined ? undefined : fullText(original);
      const originalUser = findById(arr(includes, 'users'), str(original, 'author_id'));
      const originalName = str(originalUser, 'username');
      if (originalText !== undefined && originalName !== undefined) body = `RT @${originalName}: ${originalText}`;
    }
  }
  const conversation = str(data, 'conversation_id');
  const pm = obj(data, 'public_metrics');
  const rules: string[] = [];
  for (const rule of arr(msg, 'matching_rules') ?? []) {
    const tag = str(rule, 'tag') ?? str(rule, 'id');
    if (tag !== undefined && tag !== '') rules.push(tag);
  }
  const draft: MentionDraft = {
    id: `x:${originalId}`,
    platform: 'x',
    url: username === undefined ? `https://x.com/i/web/status/${id}` : `https://x.com/${username}/status/${id}`,
    author: {
      id: `x:${authorId}`,
      handle: username ?? null,
      name: str(user, 'name') ?? null,
      followers: count(metrics, 'followers_count') ?? null,
      verified: user?.verified === true || VERIFIED_TYPES.has(str(user, 'verified_type') ?? ''),
      kind: authorKind(user),
      bio: str(user, 'description') ?? null,
      accountCreatedAt: isoOrNull(str(user, 'created_at')),
      posts: count(metrics, 'tweet_count') ?? null,
      following: count(metrics, 'following_count') ?? null,
      listed: count(metrics, 'listed_count') ?? null,
    },
    text: body,
    lang: lang(str(data, 'lang')),
    createdAt,
    receivedAt,
    editedAt: edited ? postedAt : null,
    deletedAt: null,
    relations: { replyTo, quoteOf, repostOf, conversationId: conversation === undefined ? null : `x:${conversation}` },
    engagement: {
      likes: count(pm, 'like_count') ?? 0,
      reposts: count(pm, 'retweet_count') ?? 0,
      replies: count(pm, 'reply_count') ?? 0,
      quotes: count(pm, 'quote_count') ?? 0,
      views: count(pm, 'impression_count') ?? null,
    },
    matchingRules: rules,
    raw: record,
    links: xUrls(msg),
  };
  return finishDraft(draft, record, true);
}

/** The expanded URLs of a post's entities (and of its long-form note), for `url:` queries. */
export function xUrls(raw: unknown): string[] {
  const data = obj(raw, 'data');
  const out: string[] = [];
  for (const entities of [obj(data, 'entities'), obj(obj(data, 'note_tweet'), 'entities')]) {
    for (const u of arr(entities, 'urls') ?? []) {
      const url = str(u, 'expanded_url') ?? str(u, 'url');
      if (url !== undefined && !out.includes(url)) out.push(url);
    }
  }
  return out;
}

/** An ISO 8601 date as epoch ms, or null when absent or unparseable (an optional profile field). */
function isoOrNull(value: string | undefined): number | null {
  if (value === undefined) return null;
  const t = Date.parse(value);
  return Number.isFinite(t) ? t : null;
}
