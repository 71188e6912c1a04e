import type { StatementSync } from 'node:sqlite';
import type { WorkspaceId } from '../../domain/ids.ts';
import type { Signal } from '../../domain/signal.ts';
import { encodeCursor } from '../cursor.ts';
import { REDACTED_EVIDENCE, SIGNAL_COLUMNS, signalConditions, signalFromRow, signalValues, type SignalRow } from '../signal-row.ts';
import type { SignalPage, SignalQuery } from '../store.ts';

type Prepare = (sql: string) => StatementSync;

const COLS = SIGNAL_COLUMNS.join(', ');
const UPSERT = `INSERT INTO signals (${COLS}) VALUES (${SIGNAL_COLUMNS.map(() => '?').join(', ')})
  ON CONFLICT (workspace_id, id) DO UPDATE SET
  ${SIGNAL_COLUMNS.filter((c) => c !== 'workspace_id' && c !== 'id').map((c) => `${c} = excluded.${c}`).join(', ')}`;
const REDACT = `UPDATE signals SET quotes_until = NULL, evidence = json_set(evidence,
  ${Object.keys(REDACTED_EVIDENCE).map((k) => `'$.${k}', json('[]')`).join(', ')})
  WHERE workspace_id = ? AND quotes_until < ?`;

export function upsertSignalRow(prepare: Prepare, s: Signal): void {
  prepare(UPSERT).run(...signalValues(s));
}

export function getSignalRow(prepare: Prepare, ws: WorkspaceId, id: string): Signal | null {
  const row = prepare(`SELECT ${COLS} FROM signals WHERE workspace_id = ? AND id = ?`).get(ws, id) as SignalRow | undefined;
  return row === undefined ? null : signalFromRow(row);
}

/** Newest startedAt first (ties by id), keyset-paginated. */
export function listSignalRows(prepare: Prepare, ws: WorkspaceId, q: SignalQuery): SignalPage {
  const params: (string | number)[] = [];
  const where = signalConditions(ws, q, (v) => {
    params.push(v);
    return '?';
  });
  params.push(q.limit + 1);
  const rows = prepare(`SELECT ${COLS} FROM signals WHERE ${where.join(' AND ')} ORDER BY started_at DESC, id DESC LIMIT ?`)
    .all(...params) as unknown as SignalRow[];
  const more = rows.length > q.limit;
  const items = (more ? rows.slice(0, q.limit) : rows).map(signalFromRow);
  const last = items[items.length - 1];
  return { items, nextCursor: more && last ? encodeCursor({ createdAt: last.startedAt, id: last.id }) : null };
}

export function countSignalRows(prepare: Prepare, ws: WorkspaceId, brandId?: string): number {
  const r = (brandId === undefined
    ? prepare('SELECT count(*) AS n FROM signals WHERE workspace_id = ?').get(ws)
    : prepare('SELECT count(*) AS n FROM signals WHERE workspace_id = ? AND brand_id = ?').get(ws, brandId)) as { n: number };
  return r.n;
}

export function redactSignalRows(prepare: Prepare, ws: WorkspaceId, before: number): number {
  return Number(prepare(REDACT).run(ws, before).changes);
}
