import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { WorkspaceId } from '../../domain/ids.ts';
import type { Mention } from '../../domain/mention.ts';
import { decodeCursor, encodeCursor } from '../cursor.ts';
import { MENTION_COLUMNS, MENTION_READ_COLUMNS, fromRow, toRowValues, type MentionRow } from '../mention-row.ts';
import { searchWords } from '../search-terms.ts';
import type { MentionPage, MentionQuery, UpsertOutcome } from '../store.ts';
import { copyLine } from './copy-text.ts';
import { searchQuery, searchVector } from './search-vector.ts';

const COLS = MENTION_COLUMNS.join(', ');
const READ_COLS = MENTION_READ_COLUMNS.join(', ');
/** The stored columns: a mention's, then its search vector (search-vector.ts). */
const STORED = `${COLS}, search`;
const TEXT_INDEX = MENTION_COLUMNS.indexOf('text');
const BIGINT = new Set(['followers', 'created_at', 'received_at', 'edited_at', 'deleted_at']);
const typeOf = (c: string): string => (BIGINT.has(c) ? 'bigint' : c === 'reach' ? 'double precision' : 'text COLLATE "C"');
const CREATE_STAGE = `CREATE TEMP TABLE IF NOT EXISTS mention_stage (round int NOT NULL, ord int NOT NULL,
  ${MENTION_COLUMNS.map((c) => `${c} ${typeOf(c)}`).join(', ')}, search tsvector NOT NULL) ON COMMIT DELETE ROWS`;
const COPY = `COPY mention_stage (round, ord, ${STORED}) FROM STDIN`;
const UPDATED = ['url', 'author_handle', 'followers', 'author', 'text', 'lang', 'edited_at', 'deleted_at', 'relations',
  'engagement', 'brand_ids', 'matching_rules', 'sentiment', 'reach', 'enrichment', 'raw', 'search'];
const COMPARED = ['text', 'edited_at', 'deleted_at', 'engagement', 'enrichment', 'brand_ids', 'matching_rules'];
// Rows that exist unchanged are filtered out first: ON CONFLICT would lock (and so write) them.
// Inserted rows get their brand links in the same statement.
const UPSERT = `WITH up AS (
    INSERT INTO mentions (${STORED}) SELECT ${STORED} FROM mention_stage s WHERE round = $1
      AND NOT EXISTS (SELECT 1 FROM mentions m WHERE m.workspace_id = s.workspace_id AND m.id = s.id
        AND (m.deleted_at IS NOT NULL OR NOT (${COMPARED.map((c) => `m.${c} IS DISTINCT FROM s.${c}`).join(' OR ')})))
    ON CONFLICT (workspace_id, id) DO UPDATE SET ${UPDATED.map((c) => (c === 'sentiment'
      ? 'sentiment = COALESCE(mentions.corrected_label, EXCLUDED.sentiment)' // an analyst's label in force survives
      : `${c} = EXCLUDED.${c}`)).join(', ')}
    WHERE mentions.deleted_at IS NULL AND (${COMPARED.map((c) => `mentions.${c} IS DISTINCT FROM EXCLUDED.${c}`).join(' OR ')})
    RETURNING workspace_id, id, created_at, brand_ids, (xmax = 0) AS inserted),
  links AS (
    INSERT INTO mention_brands (workspace_id, mention_id, brand_id, created_at)
    SELECT up.workspace_id, up.id, b.brand, up.created_at FROM up
    CROSS JOIN LATERAL json_array_elements_text(up.brand_ids::json) AS b(brand)
    WHERE up.inserted ON CONFLICT DO NOTHING)
  SELECT id, inserted FROM up`;
// Edited rows (rare) have their links rewritten.
const UNLINK = `DELETE FROM mention_brands b USING unnest($2::text[]) AS u(id) WHERE b.workspace_id = $1 AND b.mention_id = u.id`;
const LINK = `INSERT INTO mention_brands (workspace_id, mention_id, brand_id, created_at)
  SELECT m.workspace_id, m.id, b.brand, m.created_at FROM unnest($2::text[]) AS u(id)
  JOIN mention_stage s ON s.round = $1 AND s.id = u.id
  JOIN mentions m ON m.workspace_id = s.workspace_id AND m.id = s.id
  CROSS JOIN LATERAL json_array_elements_text(s.brand_ids::json) AS b(brand)
  ON CONFLICT DO NOTHING`;

const staged = new WeakSet<PoolClient>();

/** Creates the connection's staging table once (outside any transaction, so no rollback undoes it). */
export async function ensureStage(c: PoolClient): Promise<void> {
  if (staged.has(c)) return;
  await c.query(CREATE_STAGE);
  staged.add(c);
}

/**
 * Upserts a batch inside the caller's transaction: COPY into a temporary staging table, then
 * INSERT … SELECT … ON CONFLICT DO UPDATE WHERE <something changed> RETURNING (xmax = 0), which
 * tells inserted from updated; rows not returned were unchanged. An id repeated in the batch goes
 * into a later round, so the result is the same as upserting the mentions one by one.
 */
export async function upsertMentionRows(c: PoolClient, ws: WorkspaceId, mentions: readonly Mention[]): Promise<UpsertOutcome[]> {
  const rounds: Map<string, number>[] = [];
  await pipeline(Readable.from(copyChunks(mentions, rounds)), c.query(copyFrom(COPY)));
  const out = new Array<UpsertOutcome>(mentions.length).fill('unchanged');
  for (let r = 0; r < rounds.length; r++) {
    const index = rounds[r]!;
    const res = await c.query<{ id: string; inserted: boolean }>(UPSERT, [r]);
    const updated: string[] = [];
    for (const row of res.rows) {
      out[index.get(row.id)!] = row.inserted ? 'inserted' : 'updated';
      if (!row.inserted) updated.push(row.id);
    }
    if (updated.length > 0) {
      await c.query(UNLINK, [ws, updated]);
      await c.query(LINK, [r, updated]);
    }
  }
  return out;
}

/**
 * The COPY data, 256 rows at a time, built as the server asks for it: the server parses one chunk
 * while Node builds the next, so Node's ~20 µs a row overlaps the server's work instead of
 * preceding it. Fills `rounds`: round r maps the ids of its mentions to their index. A bad value
 * found midway throws here; pipeline() then destroys the COPY stream, which sends CopyFail.
 */
function* copyChunks(mentions: readonly Mention[], rounds: Map<string, number>[]): Generator<string> {
  const seen = new Map<string, number>();
  let chunk = '';
  for (let i = 0; i < mentions.length; i++) {
    const m = mentions[i]!;
    const round = seen.get(m.id) ?? 0;
    seen.set(m.id, round + 1);
    (rounds[round] ??= new Map()).set(m.id, i);
    const values = toRowValues(m);
    chunk += copyLine([round, i, ...values, searchVector(values[TEXT_INDEX] as string)]);
    if (i % 256 === 255) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk !== '') yield chunk;
}

/** Newest first (createdAt desc, id desc), keyset-paginated, filtered by brand, time and words. */
export async function searchMentionRows(c: PoolClient, ws: WorkspaceId, q: MentionQuery): Promise<MentionPage> {
  const byBrand = q.brandId !== undefined;
  const t = byBrand ? 'b.created_at' : 'm.created_at';
  const i = byBrand ? 'b.mention_id' : 'm.id';
  const params: (string | number)[] = [];
  const p = (v: string | number): string => {
    params.push(v);
    return `$${params.length}`;
  };
  const where: string[] = [];
  let from = 'mentions m';
  if (byBrand) {
    from = 'mention_brands b JOIN mentions m ON m.workspace_id = b.workspace_id AND m.id = b.mention_id';
    where.push(`b.workspace_id = ${p(ws)}`, `b.brand_id = ${p(q.brandId!)}`);
  } else {
    where.push(`m.workspace_id = ${p(ws)}`);
  }
  if (q.from !== undefined) where.push(`${t} >= ${p(q.from)}`);
  if (q.to !== undefined) where.push(`${t} < ${p(q.to)}`);
  if (q.cursor !== undefined) {
    const cur = decodeCursor(q.cursor);
    where.push(`(${t}, ${i}) < (${p(cur.createdAt)}::bigint, ${p(cur.id)}::text COLLATE "C")`);
  }
  if (q.q !== undefined) {
    const query = searchQuery(searchWords(q.q));
    if (query === null) return { items: [], nextCursor: null };
    where.push(`m.search @@ ${p(query)}::tsquery`);
  }
  const sql = `SELECT ${MENTION_READ_COLUMNS.map((col) => `m.${col}`).join(', ')} FROM ${from}
    WHERE ${where.join(' AND ')} ORDER BY ${t} DESC, ${i} DESC LIMIT ${p(q.limit + 1)}`;
  const { rows } = await c.query<MentionRow>(sql, params);
  const more = rows.length > q.limit;
  const items = (more ? rows.slice(0, q.limit) : rows).map(fromRow);
  const last = items[items.length - 1];
  return { items, nextCursor: more && last ? encodeCursor(last) : null };
}

export async function getMentionRow(c: PoolClient, ws: WorkspaceId, id: string): Promise<Mention | null> {
  const { rows } = await c.query<MentionRow>(`SELECT ${READ_COLS} FROM mentions WHERE workspace_id = $1 AND id = $2`, [ws, id]);
  return rows[0] === undefined ? null : fromRow(rows[0]);
}
