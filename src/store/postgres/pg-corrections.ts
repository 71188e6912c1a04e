import { randomUUID } from 'node:crypto';
import type { PoolClient } from 'pg';
import type { WorkspaceId } from '../../domain/ids.ts';
import {
  CORRECTION_FROM, CORRECTION_INSERT_COLUMNS, MENTION_FOR_CORRECTION, buildCorrection, correctionConditions, correctionPage, correctionValues,
  type CheckedCorrection, type CorrectionRow, type MentionForCorrection,
} from '../correction-row.ts';
import type { CorrectionPage, CorrectionQuery, SentimentCorrection } from '../store.ts';

/**
 * Analysts' sentiment corrections in PostgreSQL. The write runs in the caller's transaction and
 * locks the mention's row first, so that two corrections of one mention at the same moment are
 * serialised (exactly one of them stays current).
 */

const INSERT = `INSERT INTO sentiment_corrections (${CORRECTION_INSERT_COLUMNS.join(', ')}, is_current)
  VALUES (${CORRECTION_INSERT_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')}, true)`;
const SUPERSEDE = `UPDATE sentiment_corrections SET is_current = false
  WHERE workspace_id = $1 AND mention_id = $2 AND brand_id = $3 AND is_current`;
const LABEL_MENTION = 'UPDATE mentions SET corrected_label = $1, sentiment = $1 WHERE workspace_id = $2 AND id = $3';

export async function addCorrectionRow(c: PoolClient, ws: WorkspaceId, input: CheckedCorrection): Promise<SentimentCorrection> {
  const { rows } = await c.query<MentionForCorrection>(
    `SELECT ${MENTION_FOR_CORRECTION} FROM mentions WHERE workspace_id = $1 AND id = $2 FOR UPDATE`, [ws, input.mentionId]);
  const correction = buildCorrection(ws, input, rows[0], randomUUID());
  await c.query(SUPERSEDE, [ws, correction.mentionId, correction.brandId]);
  await c.query(INSERT, correctionValues(correction));
  await c.query(LABEL_MENTION, [correction.label, ws, correction.mentionId]);
  return correction;
}

/** In the order they were made, newest first, keyset-paginated. */
export async function listCorrectionRows(c: PoolClient, ws: WorkspaceId, q: CorrectionQuery): Promise<CorrectionPage> {
  const params: (string | number)[] = [];
  const p = (v: string | number): string => {
    params.push(v);
    return `$${params.length}`;
  };
  const where = correctionConditions(ws, q, p);
  const { rows } = await c.query<CorrectionRow>(`SELECT ${CORRECTION_FROM} WHERE ${where.join(' AND ')} ORDER BY c.seq DESC LIMIT ${p(q.limit + 1)}`, params);
  return correctionPage(rows, q.limit);
}
