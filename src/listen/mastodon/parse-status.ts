import type { MentionDraft } from '../../domain/mention.ts';
import type { ParseOutcome, RecordParser } from '../source.ts';
import { count, isObject, isoTime, obj, parseJson, str, type JsonObject } from '../import/json-access.ts';
import { finishDraft } from '../import/normalise.ts';
import { htmlToPlainText } from './html-text.ts';

export interface MastodonParserOptions {
  /**
   * Host of the server the records come from, to name deletes and replies (which carry only ids
   * local to that server). Without it, replies are named after the status's own host.
   */
  instance?: string;
}

/** A streaming event parsed: the outcome, and the server-local id it carried (status id or deleted id). */
export interface MastodonEvent {
  outcome: ParseOutcome;
  localId: string | null;
}

function hostOf(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    return new URL(url).host || undefined;
  } catch {
    return undefined;
  }
}

function statusToDraft(status: JsonObject, raw: string, record: string, receivedAt: number, instance?: string): ParseOutcome {
  const uri = str(status, 'uri');
  if (uri === undefined || uri === '') return { kind: 'reject', reason: 'missing field uri' };
  const createdRaw = str(status, 'created_at');
  if (createdRaw === undefined) return { kind: 'reject', reason: 'missing field created_at' };
  const createdAt = isoTime(createdRaw);
  if (createdAt === undefined) {
    return { kind: 'reject', reason: `created_at is not an ISO 8601 date: ${JSON.stringify(createdRaw.slice(0, 40))}` };
  }
  const account = obj(status, 'account');
  if (account === undefined) return { kind: 'reject', reason: 'missing field account' };
  const acct = str(account, 'acct') ?? str(account, 'username');
  const authorKey = str(account, 'uri') ?? str(account, 'url') ?? acct;
  if (authorKey === undefined || authorKey === '') return { kind: 'reject', reason: 'missing field account.uri (or acct)' };
  const reblog = obj(status, 'reblog');
  // A reblog's own content is empty: its text, language and quote are the reblogged status's.
  const shown = reblog ?? status;
  const content = str(shown, 'content');
  if (content === undefined) return { kind: 'reject', reason: reblog ? 'missing field reblog.content' : 'missing field content' };
  const spoiler = str(shown, 'spoiler_text') ?? '';
  let body: string;
  try {
    body = htmlToPlainText(content);
  } catch (e) {
    // Markup nested thousands deep exhausts the converter's stack: refuse it, do not crash.
    return { kind: 'reject', reason: `content: the HTML cannot be converted to text (${e instanceof Error ? e.message : String(e)})` };
  }
  const text = spoiler.trim() === '' ? body : `${spoiler}\n\n${body}`;
  const editedRaw = str(status, 'edited_at');
  const editedAt = editedRaw === undefined ? null : (isoTime(editedRaw) ?? null);
  const url = str(status, 'url') ?? str(reblog, 'url') ?? uri;
  const host = instance ?? hostOf(str(status, 'url')) ?? hostOf(uri);
  const inReplyTo = str(status, 'in_reply_to_id');
  const quoted = str(obj(obj(shown, 'quote'), 'quoted_status'), 'uri');
  const reblogUri = str(reblog, 'uri');
  const language = str(shown, 'language');
  const draft: MentionDraft = {
    id: `mastodon:${uri}`,
    platform: 'mastodon',
    url,
    author: {
      id: `mastodon:${authorKey}`,
      handle: acct ?? null,
      name: str(account, 'display_name') ?? null,
      followers: count(account, 'followers_count') ?? null,
      verified: false,
      kind: account.bot === true ? 'bot' : 'person',
      bio: noteText(str(account, 'note')),
      accountCreatedAt: isoTime(str(account, 'created_at') ?? '') ?? null,
      posts: count(account, 'statuses_count') ?? null,
      following: count(account, 'following_count') ?? null,
    },
    text,
    lang: language === undefined || language === '' ? null : language,
    createdAt,
    receivedAt,
    editedAt,
    deletedAt: null,
    relations: {
      replyTo: inReplyTo === undefined || host === undefined ? null : `mastodon:${host}/${inReplyTo}`,
      quoteOf: quoted === undefined ? null : `mastodon:${quoted}`,
      repostOf: reblogUri === undefined ? null : `mastodon:${reblogUri}`,
      conversationId: null,
    },
    engagement: {
      likes: count(status, 'favourites_count') ?? 0,
      reposts: count(status, 'reblogs_count') ?? 0,
      replies: count(status, 'replies_count') ?? 0,
      quotes: count(status, 'quotes_count') ?? 0,
      views: null,
    },
    matchingRules: [],
    raw,
  };
  return finishDraft(draft, record);
}

/**
 * A Mastodon parser: a record is one Status object as JSON, or a streaming envelope
 * `{"stream":[…],"event":"update"|"status.update"|"delete","payload":"…"}`. A delete carries
 * only the server-local id, so it is named `mastodon:<instance>/<local id>` (the same form as
 * `relations.replyTo`), `local` standing for the instance when none is configured.
 */
export function mastodonParser(options: MastodonParserOptions = {}): RecordParser {
  return (record: string, receivedAt: number): ParseOutcome => {
    if (!/\S/.test(record)) return { kind: 'ignore', why: 'empty record' };
    const parsed = parseJson(record);
    if (!parsed.ok) return { kind: 'reject', reason: parsed.reason };
    const value = parsed.value;
    if (!isObject(value)) return { kind: 'reject', reason: 'a Mastodon record must be a JSON object (a Status or a stream event)' };
    const event = str(value, 'event');
    if (event === undefined) {
      if (value.error !== undefined && value.uri === undefined) return { kind: 'ignore', why: `error message: ${String(value.error)}` };
      return statusToDraft(value, record, record, receivedAt, options.instance);
    }
    const payload = value.payload;
    return parseMastodonEvent(event, typeof payload === 'string' ? payload : undefined, receivedAt, options.instance, record).outcome;
  };
}

/**
 * One streaming event (`event` and its `payload`, as sent over SSE or inside a WebSocket frame):
 * `update` and `status.update` carry a Status as JSON, `delete` the bare server-local id; other
 * events are ignored. `instance` names deletes and replies (see MastodonParserOptions); `record`
 * is the whole input when it differs from the payload (a WebSocket frame).
 */
export function parseMastodonEvent(
  event: string,
  payload: string | undefined,
  receivedAt: number,
  instance = 'local',
  record: string = payload ?? '',
): MastodonEvent {
  if (event === 'delete') {
    if (payload === undefined || payload === '') return { outcome: { kind: 'reject', reason: 'delete event without a payload id' }, localId: null };
    if (payload.length > 64 || /\s/.test(payload)) {
      return { outcome: { kind: 'reject', reason: `delete event payload is not a status id: ${JSON.stringify(payload.slice(0, 40))}` }, localId: null };
    }
    return { outcome: { kind: 'delete', id: `mastodon:${instance}/${payload}`, at: receivedAt }, localId: payload };
  }
  if (event !== 'update' && event !== 'status.update') return { outcome: { kind: 'ignore', why: `${event} event` }, localId: null };
  if (payload === undefined) return { outcome: { kind: 'reject', reason: `${event} event without a payload` }, localId: null };
  const inner = parseJson(payload);
  if (!inner.ok) return { outcome: { kind: 'reject', reason: `payload: ${inner.reason}` }, localId: null };
  if (!isObject(inner.value)) return { outcome: { kind: 'reject', reason: 'payload must be a Status object' }, localId: null };
  const outcome = statusToDraft(inner.value, payload, record, receivedAt, instance === 'local' ? undefined : instance);
  return { outcome, localId: outcome.kind === 'mention' ? (str(inner.value, 'id') ?? null) : null };
}

/** The Mastodon parser with no instance configured. */
export const parseMastodonRecord: RecordParser = mastodonParser();

/** The account's note (HTML) as plain text, or null when empty. */
function noteText(note: string | undefined): string | null {
  if (note === undefined || note.trim() === '') return null;
  let text: string;
  try {
    text = htmlToPlainText(note).trim();
  } catch {
    return null; // the bio is optional: unconvertible markup just leaves it out
  }
  return text === '' ? null : text;
}
