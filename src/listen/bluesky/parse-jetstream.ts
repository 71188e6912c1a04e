import type { MentionDraft } from '../../domain/mention.ts';
import type { ParseOutcome, RecordParser } from '../source.ts';
import { arr, isObject, isoTime, obj, parseJson, str, type JsonObject } from '../import/json-access.ts';
import { finishDraft } from '../import/normalise.ts';

const POST = 'app.bsky.feed.post';

function quotedUri(record: JsonObject): string | undefined {
  const embed = obj(record, 'embed');
  const type = str(embed, '$type');
  if (type === 'app.bsky.embed.record') return str(obj(embed, 'record'), 'uri');
  if (type === 'app.bsky.embed.recordWithMedia') return str(obj(obj(embed, 'record'), 'record'), 'uri');
  return undefined;
}

const prefixed = (uri: string | undefined): string | null => (uri === undefined ? null : `bluesky:${uri}`);

/**
 * One Jetstream v1 frame (`/subscribe`). Posts created or updated become mentions, deleted posts
 * deletes; reposts, likes, identity, account and heartbeat frames are ignored. Times come from
 * the server's `time_us`: the record's `createdAt` is client-supplied and only used, for an
 * update, as the creation time when it is not after the update.
 */
export const parseJetstreamFrame: RecordParser = (record: string, receivedAt: number): ParseOutcome => {
  if (!/\S/.test(record)) return { kind: 'ignore', why: 'empty frame' };
  const parsed = parseJson(record);
  if (!parsed.ok) return { kind: 'reject', reason: parsed.reason };
  const frame = parsed.value;
  if (!isObject(frame)) return { kind: 'reject', reason: 'a Jetstream frame must be a JSON object' };
  const kind = str(frame, 'kind') ?? str(frame, 'type');
  if (kind === undefined) return { kind: 'reject', reason: 'missing field kind' };
  if (kind !== 'commit') return { kind: 'ignore', why: `${kind} frame` };
  const commit = obj(frame, 'commit');
  if (commit === undefined) return { kind: 'reject', reason: 'missing field commit' };
  const collection = str(commit, 'collection');
  if (collection !== POST) return { kind: 'ignore', why: `commit on ${collection ?? 'an unnamed collection'}` };
  const did = str(frame, 'did');
  if (did === undefined || !did.startsWith('did:')) return { kind: 'reject', reason: 'missing field did (a "did:…" string)' };
  const rkey = str(commit, 'rkey');
  if (rkey === undefined || rkey === '') return { kind: 'reject', reason: 'missing field commit.rkey' };
  const timeUs = frame.time_us;
  if (typeof timeUs !== 'number' || !Number.isFinite(timeUs)) return { kind: 'reject', reason: 'missing field time_us' };
  const at = Math.floor(timeUs / 1000);
  const uri = `at://${did}/${POST}/${rkey}`;
  const operation = str(commit, 'operation');
  if (operation === 'delete') return { kind: 'delete', id: `bluesky:${uri}`, at };
  if (operation !== 'create' && operation !== 'update') {
    return { kind: 'reject', reason: `commit.operation must be create, update or delete, not ${JSON.stringify(operation)}` };
  }
  const post = obj(commit, 'record');
  if (post === undefined) return { kind: 'reject', reason: 'missing field commit.record' };
  const text = str(post, 'text');
  if (text === undefined) return { kind: 'reject', reason: 'missing field commit.record.text' };
  let createdAt = at;
  if (operation === 'update') {
    const claimed = isoTime(str(post, 'createdAt'));
    if (claimed !== undefined && claimed <= at) createdAt = claimed;
  }
  const langs = arr(post, 'langs');
  const reply = obj(post, 'reply');
  const draft: MentionDraft = {
    id: `bluesky:${uri}`,
    platform: 'bluesky',
    url: `https://bsky.app/profile/${did}/post/${rkey}`,
    author: { id: `bluesky:${did}`, handle: null, name: null, followers: null, verified: false, kind: 'unknown' },
    text,
    lang: typeof langs?.[0] === 'string' && langs[0] !== '' ? langs[0] : null,
    createdAt,
    receivedAt,
    editedAt: operation === 'update' ? at : null,
    deletedAt: null,
    relations: {
      replyTo: prefixed(str(obj(reply, 'parent'), 'uri')),
      quoteOf: prefixed(quotedUri(post)),
      repostOf: null,
      conversationId: prefixed(str(obj(reply, 'root'), 'uri')),
    },
    engagement: { likes: 0, reposts: 0, replies: 0, quotes: 0, views: null },
    matchingRules: [],
    raw: record,
    links: jetstreamUrls(frame),
  };
  return finishDraft(draft, record);
};

/** The link URIs of a post's facets and external embed, for `url:` queries. */
export function jetstreamUrls(raw: unknown): string[] {
  const post = obj(obj(raw, 'commit'), 'record');
  const out: string[] = [];
  for (const facet of arr(post, 'facets') ?? []) {
    for (const feature of arr(facet, 'features') ?? []) {
      const uri = str(feature, 'uri');
      if (str(feature, '$type') === 'app.bsky.richtext.facet#link' && uri !== undefined && !out.includes(uri)) out.push(uri);
    }
  }
  const external = str(obj(obj(post, 'embed'), 'external'), 'uri');
  if (external !== undefined && !out.includes(external)) out.push(external);
  return out;
}

/** The text a facet covers: its offsets count UTF-8 bytes, not UTF-16 units. */
export function facetText(text: string, byteStart: number, byteEnd: number): string | null {
  const bytes = Buffer.from(text, 'utf8');
  if (!Number.isSafeInteger(byteStart) || !Number.isSafeInteger(byteEnd)) return null;
  if (byteStart < 0 || byteEnd > bytes.length || byteStart > byteEnd) return null;
  return bytes.subarray(byteStart, byteEnd).toString('utf8');
}
