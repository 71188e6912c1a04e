import type { PoolClient } from 'pg';
import type { WorkspaceId } from '../../domain/ids.ts';
import type { Signal } from '../../domain/signal.ts';
import { encodeCursor } from '../cursor.ts';
import { REDACTED_EVIDENCE, SIGNAL_COLUMNS, signalConditions, signalFromRow, signalValues, type SignalRow } from '../signal-row.ts';
import type { SignalPage, SignalQuery } from '../store.ts';

const COLS = SIGNAL_COLUMNS.join(', ');
/** Parameter casts: drill arrives as 1/0, the JSON as text. */
const CAST: Partial<Record<(typeof SIGNAL_COLUMNS)[number], string>> = { drill: '::int::boolean', factors: '::jsonb', evidence: '::jsonb' };
const UPSERT = `INSERT INTO signals (${COLS}) VALUES (${SIGNAL_COLUMNS.map((c, i) => `$${i + 1}${CAST[c] ?? ''}`).join(', ')})
  ON CONFLICT (workspace_id, id) DO UPDATE SET
  ${SIGNAL_COLUMNS.filter((c) => c !== 'workspace_id' && c !== 'id').map((c) => `${c} = EXCLUDED.${c}`).join(', ')}`;
const REDACT = `UPDATE signals SET quotes_until = NULL, evidence = evidence || '${JSON.stringify(REDACTED_EVIDENCE)}'::jsonb
  WHERE workspace_id = $1 AND quotes_until < $2`;

export async function upsertSignalRow(c: PoolClient, s: Signal): Promise<void> {
  await c.query(UPSERT, signalValues(s));
}

export async function getSignalRow(c: PoolClient, ws: WorkspaceId, id: string): Promise<Signal | null> {
  const { rows } = await c.query<SignalRow>(`SELECT ${COLS} FROM signals WHERE workspace_id = $1 AND id = $2`, [ws, id]);
  return rows[0] === undefined ? null : signalFromRow(rows[0]);
}

/** Newest startedAt first (ties by id), keyset-paginated. */
export async function listSignalRows(c: PoolClient, ws: WorkspaceId, q: SignalQuery): Promise<SignalPage> {
  const params: (string | number)[] = [];
  const p = (v: string | number): string => {
    params.push(v);
    return `$${params.length}`;
  };
  const where = signalConditions(ws, q, p, (id) => `${id}::text COLLATE "C"`);
  const sql = `SELECT ${COLS} FROM signals WHERE ${where.join(' AND ')} ORDER BY started_at DESC, id DESC LIMIT ${p(q.limit + 1)}`;
  const { rows } = await c.query<SignalRow>(sql, params);
  const more = rows.length > q.limit;
  const items = (more ? rows.slice(0, q.limit) : rows).map(signalFromRow);
  const last = items[items.length - 1];
  return { items, nextCursor: more && last ? encodeCursor({ createdAt: last.startedAt, id: last.id }) : null };
}

export async function countSignalRows(c: PoolClient, ws: WorkspaceId, brandId?: string): Promise<number> {
  const { rows } = brandId === undefined
    ? await c.query<{ n: number }>('SELECT count(*) AS n FROM signals WHERE workspace_id = $1', [ws])
    : await c.query<{ n: number }>('SELECT count(*) AS n FROM signals WHERE workspace_id = $1 AND brand_id = $2', [ws, brandId]);
  return Number(rows[0]!.n);
}

export async function redactSignalRows(c: PoolClient, ws: WorkspaceId, before: number): Promise<number> {
  return (await c.query(REDACT, [ws, before])).rowCount ?? 0;
}
