import type { StatementSync } from 'node:sqlite';
import type { WorkspaceId } from '../../domain/ids.ts';
import type { Mention } from '../../domain/mention.ts';
import { decodeCursor, encodeCursor } from '../cursor.ts';
import { MENTION_COLUMNS, MENTION_READ_COLUMNS, fromRow, toRowValues, type MentionRow, type RowValue } from '../mention-row.ts';
import { searchWords, toFts5Match } from '../search-terms.ts';
import type { MentionPage, MentionQuery, UpsertOutcome } from '../store.ts';

type Prepare = (sql: string) => StatementSync;

const COLS = MENTION_COLUMNS.join(', ');
const READ_COLS = MENTION_READ_COLUMNS.join(', ');
const INSERT = `INSERT INTO mentions (${COLS}) VALUES (${MENTION_COLUMNS.map(() => '?').join(', ')})
  ON CONFLICT (workspace_id, id) DO NOTHING`;
/** Columns an edit rewrites (never id, workspace, platform, author id, creation or receipt time). */
const UPDATED = ['url', 'author_handle', 'followers', 'author', 'text', 'lang', 'edited_at', 'deleted_at', 'relations',
  'engagement', 'brand_ids', 'matching_rules', 'sentiment', 'reach', 'enrichment', 'raw'] as const;
/** Columns whose change makes an update (a deleted mention stays purged: it is never updated). */
const COMPARED = ['text', 'edited_at', 'deleted_at', 'engagement', 'enrichment', 'brand_ids', 'matching_rules'] as const;
/** An analyst's label in force (corrected_label) survives the upsert of the model's sentiment. */
const UPDATE = `UPDATE mentions SET ${UPDATED.map((c) => (c === 'sentiment' ? 'sentiment = coalesce(corrected_label, ?)' : `${c} = ?`)).join(', ')}
  WHERE workspace_id = ? AND id = ? AND deleted_at IS NULL AND (${COMPARED.map((c) => `${c} IS NOT ?`).join(' OR ')})`;
const INDEX = new Map<string, number>(MENTION_COLUMNS.map((c, i) => [c, i]));
const at = (c: string): number => INDEX.get(c)!;
const UPDATED_AT = UPDATED.map(at);
const TEXT_AT = at('text');
const COMPARED_AT = COMPARED.map(at);
const INDEX_TEXT = 'INSERT INTO mentions_fts (rowid, text) VALUES (?, ?)';
const LINK = 'INSERT INTO mention_brands (workspace_id, brand_id, created_at, mention_id, seq) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING';

/**
 * The hot path: the caller wraps it in one transaction. Each mention is inserted with ON CONFLICT
 * DO NOTHING (and, when inserted, its text added to the full-text index); when it already existed, one UPDATE guarded by "something changed" tells an edit
 * (updated) from a duplicate (unchanged). Brand links are written here for inserts; a trigger
 * rewrites them when an edit changes the brands.
 */
export function upsertMentionRows(prepare: Prepare, ws: WorkspaceId, mentions: readonly Mention[]): UpsertOutcome[] {
  const insert = prepare(INSERT);
  const link = prepare(LINK);
  const indexText = prepare(INDEX_TEXT);
  const out: UpsertOutcome[] = new Array<UpsertOutcome>(mentions.length);
  for (let i = 0; i < mentions.length; i++) {
    const m = mentions[i]!;
    const v = toRowValues(m);
    const r = insert.run(...v);
    if (r.changes === 1) {
      indexText.run(r.lastInsertRowid, v[TEXT_AT]!);
      for (const b of m.brandIds) link.run(ws, b, m.createdAt, m.id, r.lastInsertRowid);
      out[i] = 'inserted';
      continue;
    }
    const params: RowValue[] = [];
    for (const k of UPDATED_AT) params.push(v[k]!);
    params.push(ws, m.id);
    for (const k of COMPARED_AT) params.push(v[k]!);
    out[i] = prepare(UPDATE).run(...params).changes === 1 ? 'updated' : 'unchanged';
  }
  return out;
}

/** Newest first (createdAt desc, id desc), keyset-paginated, filtered by brand, time and words. */
export function searchMentionRows(prepare: Prepare, ws: WorkspaceId, q: MentionQuery): MentionPage {
  const byBrand = q.brandId !== undefined;
  // With a brand, walk the mention_brands index (brand, time) and join the mentions.
  const t = byBrand ? 'b.created_at' : 'm.created_at';
  const i = byBrand ? 'b.mention_id' : 'm.id';
  const where: string[] = [];
  const params: (string | number)[] = [];
  let from = `mentions m`;
  if (byBrand) {
    from = 'mention_brands b JOIN mentions m ON m.seq = b.seq';
    where.push('b.workspace_id = ?', 'b.brand_id = ?');
    params.push(ws, q.brandId!);
  } else {
    where.push('m.workspace_id = ?');
    params.push(ws);
  }
  if (q.from !== undefined) {
    where.push(`${t} >= ?`);
    params.push(q.from);
  }
  if (q.to !== undefined) {
    where.push(`${t} < ?`);
    params.push(q.to);
  }
  if (q.cursor !== undefined) {
    const c = decodeCursor(q.cursor);
    where.push(`(${t}, ${i}) < (?, ?)`);
    params.push(c.createdAt, c.id);
  }
  if (q.q !== undefined) {
    where.push('m.seq IN (SELECT rowid FROM mentions_fts WHERE mentions_fts MATCH ?)');
    params.push(toFts5Match(searchWords(q.q)));
  }
  const sql = `SELECT ${MENTION_READ_COLUMNS.map((c) => `m.${c}`).join(', ')} FROM ${from}
    WHERE ${where.join(' AND ')} ORDER BY ${t} DESC, ${i} DESC LIMIT ?`;
  params.push(q.limit + 1);
  const rows = prepare(sql).all(...params) as unknown as MentionRow[];
  const more = rows.length > q.limit;
  const items = (more ? rows.slice(0, q.limit) : rows).map(fromRow);
  const last = items[items.length - 1];
  return { items, nextCursor: more && last ? encodeCursor(last) : null };
}

export function getMentionRow(prepare: Prepare, ws: WorkspaceId, id: string): Mention | null {
  const row = prepare(`SELECT ${READ_COLS} FROM mentions WHERE workspace_id = ? AND id = ?`).get(ws, id) as MentionRow | undefined;
  return row === undefined ? null : fromRow(row);
}
