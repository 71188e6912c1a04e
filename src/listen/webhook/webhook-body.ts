/**
 * The JSON body of an inbound webhook (docs/sources.md, "webhook"): one mention, a list of them,
 * or `{"mentions": [...]}`. Each mention: `id` (its id on its platform), `text`, `createdAt`
 * (ISO 8601 or epoch ms) and optionally `platform` (default webhook), `url`, `lang`, `author`,
 * `engagement`, `replyTo` / `quoteOf` / `repostOf`, `editedAt`, and `deleted: true` to flag a
 * mention deleted at its source. A bad field refuses the whole request, naming the field.
 */
import { z } from 'zod';
import type { MentionDraft } from '../../domain/mention.ts';
import { PlatformSchema, type Platform } from '../../domain/platform.ts';
import { finishDraft } from '../import/normalise.ts';

const DATE_ERROR = 'expected an ISO 8601 date (2026-05-20T08:00:00Z) or epoch milliseconds';
const WhenSchema = z.union([z.number({ error: DATE_ERROR }).int({ error: DATE_ERROR }), z.string({ error: DATE_ERROR })], { error: DATE_ERROR }).transform((v, ctx) => {
  const t = typeof v === 'number' ? v : Date.parse(v);
  if (!Number.isFinite(t)) {
    ctx.addIssue({ code: 'custom', message: DATE_ERROR });
    return z.NEVER;
  }
  return t;
});
const count = z.number({ error: 'expected a whole number ≥ 0' }).int({ error: 'expected a whole number ≥ 0' }).min(0, { error: 'expected a whole number ≥ 0' });
const nativeId = z.string({ error: 'expected a non-empty string of at most 300 characters' }).min(1, { error: 'expected a non-empty string' }).max(300, { error: 'expected at most 300 characters' });
const optText = (max: number) => z.string({ error: 'expected a string or null' }).max(max, { error: `expected at most ${max} characters` }).nullable().optional();

/** The message of a value that is not an object where one is expected (other issues keep theirs). */
const notAnObject = (what: string) => ({ error: (issue: { code?: string }) => (issue.code === 'invalid_type' ? `expected ${what}` : undefined) });

const AuthorSchema = z.strictObject({
  id: nativeId.optional(),
  handle: optText(300),
  name: optText(500),
  followers: count.nullable().optional(),
  verified: z.boolean({ error: 'expected true or false' }).optional(),
}, notAnObject('an author object ({"id", "handle", "name", "followers", "verified"})'));

const EngagementSchema = z.strictObject({
  likes: count.optional(),
  reposts: count.optional(),
  replies: count.optional(),
  quotes: count.optional(),
  views: count.nullable().optional(),
}, notAnObject('an engagement object ({"likes", "reposts", "replies", "quotes", "views"})'));

export const WebhookMentionSchema = z.strictObject({
  id: nativeId,
  platform: z.enum(PlatformSchema.options, { error: `expected one of ${PlatformSchema.options.join(', ')}` }).optional(),
  text: z.string({ error: 'expected a string' }),
  createdAt: WhenSchema,
  url: optText(2000),
  lang: z.string({ error: 'expected an ISO 639-1 code such as fr, or null' }).regex(/^[a-z]{2,3}$/, { error: 'expected an ISO 639-1 code such as fr' }).nullable().optional(),
  author: AuthorSchema.optional(),
  engagement: EngagementSchema.optional(),
  replyTo: nativeId.nullable().optional(),
  quoteOf: nativeId.nullable().optional(),
  repostOf: nativeId.nullable().optional(),
  editedAt: WhenSchema.nullable().optional(),
  deleted: z.boolean({ error: 'expected true or false' }).optional(),
}, notAnObject('a mention object ({"id", "text", "createdAt", …})'));
export type WebhookMention = z.input<typeof WebhookMentionSchema>;

export type WebhookRecord = { kind: 'mention'; mention: MentionDraft } | { kind: 'delete'; id: string; at: number };
export type WebhookBodyResult = { ok: true; records: WebhookRecord[] } | { ok: false; error: string };

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const k of path) out += typeof k === 'number' ? `[${k}]` : out === '' ? String(k) : `.${String(k)}`;
  return out === '' ? '(body)' : out;
}

/** Parses and checks a whole body; `receivedAt` stamps the mentions. */
export function parseWebhookBody(text: string, receivedAt: number, maxMentions: number): WebhookBodyResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `(body): not JSON (${e instanceof Error ? e.message : String(e)})` };
  }
  let list: unknown[];
  let prefix: string;
  if (Array.isArray(json)) {
    list = json;
    prefix = '';
  } else if (typeof json === 'object' && json !== null && 'mentions' in json) {
    const keys = Object.keys(json).filter((k) => k !== 'mentions');
    if (keys.length > 0) return { ok: false, error: `${keys[0]}: unknown key; a body is one mention, a list of mentions or {"mentions": [...]}` };
    const m = (json as { mentions: unknown }).mentions;
    if (!Array.isArray(m)) return { ok: false, error: 'mentions: expected a list of mentions' };
    list = m;
    prefix = 'mentions';
  } else if (typeof json === 'object' && json !== null) {
    list = [json];
    prefix = '(single)';
  } else {
    return { ok: false, error: '(body): expected a mention object, a list of mentions or {"mentions": [...]}' };
  }
  if (list.length > maxMentions) return { ok: false, error: `${prefix || '(body)'}: ${list.length} mentions, more than the ${maxMentions} one request may carry` };
  const records: WebhookRecord[] = [];
  for (let i = 0; i < list.length; i++) {
    const at = (path: readonly PropertyKey[]): string => formatPath(prefix === '(single)' ? path : prefix === '' ? [i, ...path] : [prefix, i, ...path]);
    const parsed = WebhookMentionSchema.safeParse(list[i]);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      if (issue.code === 'unrecognized_keys') return { ok: false, error: `${at([...issue.path, issue.keys[0] ?? ''])}: unknown key` };
      const missing = issue.code === 'invalid_type' && valueAt(list[i], issue.path) === undefined;
      return { ok: false, error: `${at(issue.path)}: ${missing ? 'missing; ' : ''}${issue.message}` };
    }
    const m = parsed.data;
    const platform: Platform = m.platform ?? 'webhook';
    const id = `${platform}:${m.id}`;
    if (m.deleted === true) {
      records.push({ kind: 'delete', id, at: receivedAt });
      continue;
    }
    const a = m.author ?? {};
    const ref = (v: string | null | undefined): string | null => (v === undefined || v === null ? null : `${platform}:${v}`);
    const draft: MentionDraft = {
      id,
      platform,
      url: m.url ?? null,
      author: {
        id: `${platform}:${a.id ?? a.handle ?? 'unknown'}`,
        handle: a.handle ?? null,
        name: a.name ?? null,
        followers: a.followers ?? null,
        verified: a.verified ?? false,
        kind: 'unknown',
      },
      text: m.text,
      lang: m.lang ?? null,
      createdAt: m.createdAt,
      receivedAt,
      editedAt: m.editedAt ?? null,
      deletedAt: null,
      relations: { replyTo: ref(m.replyTo), quoteOf: ref(m.quoteOf), repostOf: ref(m.repostOf), conversationId: null },
      engagement: {
        likes: m.engagement?.likes ?? 0,
        reposts: m.engagement?.reposts ?? 0,
        replies: m.engagement?.replies ?? 0,
        quotes: m.engagement?.quotes ?? 0,
        views: m.engagement?.views ?? null,
      },
      matchingRules: [],
      raw: JSON.stringify(list[i]),
    };
    const done = finishDraft(draft, draft.raw ?? undefined, true);
    if (done.kind === 'reject') return { ok: false, error: `${at([])}: ${done.reason}` };
    if (done.kind === 'mention') records.push({ kind: 'mention', mention: done.mention });
  }
  return { ok: true, records };
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = data;
  for (const k of path) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}
