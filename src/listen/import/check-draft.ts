import { AuthorKindSchema, MentionSchema, type MentionDraft } from '../../domain/mention.ts';
import { PLATFORMS } from '../../domain/platform.ts';

/** The mention schema without the fields a source does not fill (the reference for checkDraft). */
export const MentionDraftSchema = MentionSchema.omit({ workspaceId: true, brandIds: true, enrichment: true });

const platforms = new Set<string>(PLATFORMS);
const kinds = new Set<string>(AuthorKindSchema.options);

const isInt = (v: unknown): boolean => typeof v === 'number' && Number.isSafeInteger(v);
const isCount = (v: unknown): boolean => isInt(v) && (v as number) >= 0;
const strMax = (v: unknown, min: number, max: number): boolean =>
  typeof v === 'string' && v.length >= min && v.length <= max;
const nullOr = (v: unknown, ok: (v: unknown) => boolean): boolean => v === null || ok(v);
const isStr = (v: unknown): boolean => typeof v === 'string';

/**
 * The same rules as `MentionDraftSchema`, written by hand because it runs once per mention on the
 * ingest hot path (measured in parse-x-line.bench.ts: zod costs more than the hand check; the
 * test checks both agree). Returns null when valid, else a reason naming the field path.
 */
export function checkDraft(m: MentionDraft): string | null {
  // Fields are read as unknown: a parser bug must be caught here, not trusted from the type.
  const d = m as unknown as Record<string, unknown>;
  const bad = (path: string, want: string): string => `invalid mention field ${path}: expected ${want}`;
  if (!strMax(d.id, 3, 400)) return bad('id', 'a string of 3 to 400 characters');
  if (typeof d.platform !== 'string' || !platforms.has(d.platform)) return bad('platform', PLATFORMS.join(' | '));
  if (!nullOr(d.url, isStr)) return bad('url', 'a string or null');
  const a = d.author as Record<string, unknown> | null;
  if (typeof a !== 'object' || a === null) return bad('author', 'an object');
  if (!strMax(a.id, 1, 300)) return bad('author.id', 'a string of 1 to 300 characters');
  if (!nullOr(a.handle, (v) => strMax(v, 0, 300))) return bad('author.handle', 'at most 300 characters or null');
  if (!nullOr(a.name, (v) => strMax(v, 0, 500))) return bad('author.name', 'at most 500 characters or null');
  if (!nullOr(a.followers, isCount)) return bad('author.followers', 'a non-negative integer or null');
  if (typeof a.verified !== 'boolean') return bad('author.verified', 'a boolean');
  if (typeof a.kind !== 'string' || !kinds.has(a.kind)) return bad('author.kind', AuthorKindSchema.options.join(' | '));
  if (!isStr(d.text)) return bad('text', 'a string');
  if (!nullOr(d.lang, isStr)) return bad('lang', 'a string or null');
  if (!isInt(d.createdAt)) return bad('createdAt', 'an integer (epoch ms)');
  if (!isInt(d.receivedAt)) return bad('receivedAt', 'an integer (epoch ms)');
  if (!nullOr(d.editedAt, isInt)) return bad('editedAt', 'an integer or null');
  if (!nullOr(d.deletedAt, isInt)) return bad('deletedAt', 'an integer or null');
  const r = d.relations as Record<string, unknown> | null;
  if (typeof r !== 'object' || r === null) return bad('relations', 'an object');
  for (const k of ['replyTo', 'quoteOf', 'repostOf', 'conversationId']) {
    if (!nullOr(r[k], isStr)) return bad(`relations.${k}`, 'a string or null');
  }
  const e = d.engagement as Record<string, unknown> | null;
  if (typeof e !== 'object' || e === null) return bad('engagement', 'an object');
  for (const k of ['likes', 'reposts', 'replies', 'quotes']) {
    if (!isCount(e[k])) return bad(`engagement.${k}`, 'a non-negative integer');
  }
  if (!nullOr(e.views, isCount)) return bad('engagement.views', 'a non-negative integer or null');
  if (!Array.isArray(d.matchingRules) || !d.matchingRules.every(isStr)) return bad('matchingRules', 'an array of strings');
  return null;
}

/** The zod equivalent of checkDraft, kept for the agreement test and the benchmark. */
export function checkDraftWithZod(m: MentionDraft): string | null {
  const r = MentionDraftSchema.safeParse(m);
  if (r.success) return null;
  const issue = r.error.issues[0];
  return issue === undefined ? 'invalid mention' : `invalid mention field ${issue.path.join('.')}: ${issue.message}`;
}
