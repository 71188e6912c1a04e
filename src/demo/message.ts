import type { Account } from './accounts.ts';
import { MAX_TEXT, RETWEET_CUT, type Post } from './post.ts';

/** The id of the filtered-stream rule every generated post matched (X's rule is broader than ours). */
export const RULE = { id: '1895012345678901248', tag: 'kerlann' } as const;

interface Entity {
  start: number;
  end: number;
}

/** Code-point length of a string (X entity indices count code points). */
function cpLen(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff) n++;
  }
  return n;
}

function entities(text: string, accounts: ReadonlyMap<string, Account>, post: Post): Record<string, unknown> | null {
  const mentions: Array<Entity & { username: string; id: string }> = [];
  const hashtags: Array<Entity & { tag: string }> = [];
  const urls: Array<Record<string, string | number>> = [];
  for (const m of text.matchAll(/@([A-Za-z0-9_]{1,15})/g)) {
    const account = accounts.get((m[1] ?? '').toLowerCase());
    if (account === undefined) continue;
    const start = cpLen(text.slice(0, m.index));
    mentions.push({ start, end: start + cpLen(m[0]), username: account.username, id: account.id });
  }
  for (const m of text.matchAll(/#([\p{L}\p{N}_]+)/gu)) {
    const start = cpLen(text.slice(0, m.index));
    hashtags.push({ start, end: start + cpLen(m[0]), tag: m[1] ?? '' });
  }
  for (const m of text.matchAll(/https:\/\/t\.co\/[A-Za-z0-9]{10}/g)) {
    const start = cpLen(text.slice(0, m.index));
    const link = post.link ?? post.media;
    const expanded =
      post.link?.expanded ??
      (post.ref?.type === 'quoted'
        ? `https://x.com/${post.ref.post.author.username}/status/${post.ref.post.id}`
        : `https://x.com/${post.author.username}/status/${post.id}/photo/1`);
    const display = post.link?.display ?? (post.media !== null ? `pic.x.com/${m[0].slice(13)}` : expanded.slice(8, 34) + '…');
    const url: Record<string, string | number> = { start, end: start + cpLen(m[0]), url: m[0], expanded_url: expanded, display_url: display };
    if (post.media !== null && link === post.media) url['media_key'] = post.media.key;
    urls.push(url);
  }
  const out: Record<string, unknown> = {};
  if (mentions.length > 0) out['mentions'] = mentions;
  if (hashtags.length > 0) out['hashtags'] = hashtags;
  if (urls.length > 0) out['urls'] = urls;
  return Object.keys(out).length > 0 ? out : null;
}

/**
 * Cuts at `max` code points with an ellipsis, backing up to the last space when the cut would split
 * a word (so "#Kerlann" never becomes "#Kerlan…", which a query excluding "kerlan" would drop).
 */
function cut(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  let head = chars.slice(0, max).join('');
  const space = head.lastIndexOf(' ');
  if (!/\s/.test(chars[max] ?? ' ') && space > head.length / 2) head = head.slice(0, space);
  return head.trimEnd() + '…';
}

/** The stream's `text` of a post: retweets as `RT @user: …` cut at 140, long posts cut at a word. */
export function streamText(post: Post): string {
  let text = textCache.get(post);
  if (text === undefined) {
    text = computeStreamText(post);
    textCache.set(post, text);
  }
  return text;
}
const textCache = new WeakMap<Post, string>();

function computeStreamText(post: Post): string {
  if (post.ref?.type === 'retweeted') return cut(`RT @${post.ref.post.author.username}: ${post.ref.post.text}`, RETWEET_CUT);
  if (Array.from(post.text).length <= MAX_TEXT) return post.text;
  const head = Array.from(post.text).slice(0, MAX_TEXT - 25).join('');
  return head.slice(0, head.lastIndexOf(' ')) + '…';
}

const userCache = new WeakMap<Account, Record<string, unknown>>();
function user(a: Account): Record<string, unknown> {
  const cached = userCache.get(a);
  if (cached !== undefined) return cached;
  const u = {
    id: a.id,
    name: a.name,
    username: a.username,
    verified: a.verified,
    verified_type: a.verifiedType,
    created_at: a.createdAt,
    public_metrics: { followers_count: a.followers, following_count: a.following, tweet_count: a.tweets, listed_count: a.listed },
  };
  userCache.set(a, u);
  return u;
}

const dataCache = new WeakMap<Post, Record<string, unknown>>();

/** The `data` object of a post, as X v2 returns it (built once per post: retweets embed it again and again). */
export function tweetData(post: Post, accounts: ReadonlyMap<string, Account>): Record<string, unknown> {
  const cached = dataCache.get(post);
  if (cached !== undefined) return cached;
  const data = buildData(post, accounts);
  dataCache.set(post, data);
  return data;
}

function buildData(post: Post, accounts: ReadonlyMap<string, Account>): Record<string, unknown> {
  const text = streamText(post);
  const data: Record<string, unknown> = {
    id: post.id,
    text,
    edit_history_tweet_ids: post.editOf !== null ? [post.editOf.id, post.id] : [post.id],
    author_id: post.author.id,
    conversation_id: post.conversationId,
    created_at: new Date(Math.floor(post.ms / 1000) * 1000).toISOString(),
    lang: post.lang,
    possibly_sensitive: false,
    reply_settings: 'everyone',
  };
  if (post.ref !== null) {
    if (post.ref.type === 'replied_to') data['in_reply_to_user_id'] = post.ref.post.author.id;
    data['referenced_tweets'] = [{ type: post.ref.type, id: post.ref.post.id }];
  }
  if (post.editOf !== null) {
    const until = new Date(Math.floor(post.editOf.ms / 1000) * 1000 + 3_600_000).toISOString();
    data['edit_controls'] = { edits_remaining: 4, is_edit_eligible: true, editable_until: until };
  }
  data['public_metrics'] = post.metrics;
  const ents = entities(text, accounts, post);
  if (ents !== null) data['entities'] = ents;
  if (post.media !== null) data['attachments'] = { media_keys: [post.media.key] };
  if (text !== post.text && post.ref?.type !== 'retweeted') {
    const noteEntities = entities(post.text, accounts, post);
    data['note_tweet'] = noteEntities !== null ? { text: post.text, entities: noteEntities } : { text: post.text };
  }
  return data;
}

/** One filtered-stream message: `data`, `includes` (users, referenced tweets, media) and `matching_rules`. */
export function streamMessage(post: Post, accounts: ReadonlyMap<string, Account>): Record<string, unknown> {
  const users = new Map<string, Account>([[post.author.id, post.author]]);
  if (post.ref !== null) users.set(post.ref.post.author.id, post.ref.post.author);
  for (const m of streamText(post).matchAll(/@([A-Za-z0-9_]{1,15})/g)) {
    const a = accounts.get((m[1] ?? '').toLowerCase());
    if (a !== undefined) users.set(a.id, a);
  }
  const includes: Record<string, unknown> = { users: [...users.values()].map(user) };
  if (post.ref !== null) includes['tweets'] = [tweetData(post.ref.post, accounts)];
  const media = post.media ?? (post.ref?.type === 'retweeted' ? post.ref.post.media : null);
  if (media !== null) {
    includes['media'] = [{ media_key: media.key, type: 'photo', url: `https://pbs.twimg.com/media/${media.key.slice(2, 17)}.jpg`, width: 1536, height: 2048, alt_text: media.alt }];
  }
  return { data: tweetData(post, accounts), includes, matching_rules: [RULE] };
}
