import type { WorkspaceId } from '../domain/ids.ts';
import type { Mention } from '../domain/mention.ts';
import { correctedEnrichment } from './correction-row.ts';

/**
 * A mention as both stores keep it: the parts that are queried (author id and handle, followers,
 * language, creation time, platform, sentiment label, reach) in columns, the rest as compact JSON
 * text, the raw payload as JSON text. Column names are the SQL ones, shared by SQLite and PostgreSQL.
 */
export interface MentionRow {
  workspace_id: string;
  id: string;
  platform: string;
  url: string | null;
  author_id: string;
  author_handle: string | null;
  followers: number | null;
  /** JSON of { name, verified, kind }. */
  author: string;
  text: string;
  lang: string | null;
  created_at: number;
  received_at: number;
  edited_at: number | null;
  deleted_at: number | null;
  relations: string;
  engagement: string;
  brand_ids: string;
  matching_rules: string;
  sentiment: string | null;
  reach: number;
  enrichment: string;
  raw: string | null;
  /**
   * The analyst's label in force (migration 0003), read but never written by an upsert: it is
   * laid over the model's sentiment kept in `enrichment` (correction-row.ts).
   */
  corrected_label?: string | null;
}

/** The columns in the order `toRowValues` returns them. */
export const MENTION_COLUMNS = [
  'workspace_id', 'id', 'platform', 'url', 'author_id', 'author_handle', 'followers', 'author',
  'text', 'lang', 'created_at', 'received_at', 'edited_at', 'deleted_at', 'relations', 'engagement',
  'brand_ids', 'matching_rules', 'sentiment', 'reach', 'enrichment', 'raw',
] as const satisfies readonly (keyof MentionRow)[];

/** The columns a read selects: the written ones, then the analyst's label. */
export const MENTION_READ_COLUMNS = [...MENTION_COLUMNS, 'corrected_label'] as const satisfies readonly (keyof MentionRow)[];

export type RowValue = string | number | null;

/**
 * NUL characters cannot be stored in PostgreSQL text, so both stores replace them with U+FFFD
 * (the JSON columns are unaffected: JSON.stringify escapes NUL as \u0000).
 */
export function cleanText(text: string): string {
  return text.includes('\0') ? text.replaceAll('\0', '\uFFFD') : text;
}

/** The values of a mention, in MENTION_COLUMNS order (the hot path: no intermediate object). */
export function toRowValues(m: Mention): RowValue[] {
  const a = m.author;
  // A mention reported deleted is stored purged, like markDeleted does.
  const deleted = m.deletedAt !== null;
  const raw = deleted ? null : m.raw;
  return [
    m.workspaceId,
    m.id,
    m.platform,
    m.url,
    a.id,
    a.handle,
    a.followers,
    JSON.stringify(authorExtra(a)),
    deleted ? '' : cleanText(m.text),
    m.lang,
    m.createdAt,
    m.receivedAt,
    m.editedAt,
    m.deletedAt,
    JSON.stringify(m.relations),
    JSON.stringify(m.engagement),
    JSON.stringify(m.brandIds),
    JSON.stringify(m.matchingRules),
    m.enrichment.sentiment?.label ?? null,
    m.enrichment.reach,
    JSON.stringify(m.enrichment),
    raw ?? null,
  ];
}

type Author = Mention['author'];
type AuthorExtra = Omit<Author, 'id' | 'handle' | 'followers'>;

/** The author's fields kept as JSON: name, verified, kind, and the optional profile fields present. */
function authorExtra(a: Author): AuthorExtra {
  const extra: AuthorExtra = { name: a.name, verified: a.verified, kind: a.kind };
  if (a.bio != null) extra.bio = a.bio;
  if (a.accountCreatedAt != null) extra.accountCreatedAt = a.accountCreatedAt;
  if (a.posts != null) extra.posts = a.posts;
  if (a.following != null) extra.following = a.following;
  if (a.listed != null) extra.listed = a.listed;
  return extra;
}

/** Rebuilds a mention from its stored row (trusted: the store wrote it). */
export function fromRow(r: MentionRow): Mention {
  const extra = JSON.parse(r.author) as AuthorExtra;
  return {
    id: r.id,
    workspaceId: r.workspace_id as WorkspaceId,
    platform: r.platform as Mention['platform'],
    url: r.url,
    author: {
      id: r.author_id,
      handle: r.author_handle,
      followers: r.followers === null ? null : Number(r.followers),
      ...extra,
    },
    text: r.text,
    lang: r.lang,
    createdAt: Number(r.created_at),
    receivedAt: Number(r.received_at),
    editedAt: r.edited_at === null ? null : Number(r.edited_at),
    deletedAt: r.deleted_at === null ? null : Number(r.deleted_at),
    relations: JSON.parse(r.relations) as Mention['relations'],
    engagement: JSON.parse(r.engagement) as Mention['engagement'],
    brandIds: JSON.parse(r.brand_ids) as string[],
    matchingRules: JSON.parse(r.matching_rules) as string[],
    enrichment: correctedEnrichment(JSON.parse(r.enrichment) as Mention['enrichment'], r.corrected_label),
    raw: r.raw,
  };
}
