import { randomUUID } from 'node:crypto';
import type { StatementSync } from 'node:sqlite';
import type { WorkspaceId } from '../../domain/ids.ts';
import {
  CORRECTION_FROM, CORRECTION_INSERT_COLUMNS, MENTION_FOR_CORRECTION, buildCorrection, correctionConditions, correctionPage, correctionValues,
  type CheckedCorrection, type CorrectionRow, type MentionForCorrection,
} from '../correction-row.ts';
import type { CorrectionPage, CorrectionQuery, SentimentCorrection } from '../store.ts';

/** Analysts' sentiment corrections in SQLite (the caller runs the write in one IMMEDIATE transaction). */

type Prepare = (sql: string) => StatementSync;

const INSERT = `INSERT INTO sentiment_corrections (${CORRECTION_INSERT_COLUMNS.join(', ')}, is_current)
  VALUES (${CORRECTION_INSERT_COLUMNS.map(() => '?').join(', ')}, 1)`;
const SUPERSEDE = `UPDATE sentiment_corrections SET is_current = 0
  WHERE workspace_id = ? AND mention_id = ? AND brand_id = ? AND is_current = 1`;
const LABEL_MENTION = 'UPDATE mentions SET corrected_label = ?, sentiment = ? WHERE workspace_id = ? AND id = ?';

export function addCorrectionRow(prepare: Prepare, ws: WorkspaceId, c: CheckedCorrection): SentimentCorrection {
  const mention = prepare(`SELECT ${MENTION_FOR_CORRECTION} FROM mentions WHERE workspace_id = ? AND id = ?`).get(ws, c.mentionId) as
    MentionForCorrection | undefined;
  const correction = buildCorrection(ws, c, mention, randomUUID());
  prepare(SUPERSEDE).run(ws, correction.mentionId, correction.brandId);
  prepare(INSERT).run(...correctionValues(correction));
  prepare(LABEL_MENTION).run(correction.label, correction.label, ws, correction.mentionId);
  return correction;
}

/** In the order they were made, newest first, keyset-paginated. */
export function listCorrectionRows(prepare: Prepare, ws: WorkspaceId, q: CorrectionQuery): CorrectionPage {
  const params: (string | number)[] = [];
  const where = correctionConditions(ws, q, (v) => {
    params.push(v);
    return '?';
  });
  params.push(q.limit + 1);
  const rows = prepare(`SELECT ${CORRECTION_FROM} WHERE ${where.join(' AND ')} ORDER BY c.seq DESC LIMIT ?`).all(...params) as unknown as CorrectionRow[];
  return correctionPage(rows, q.limit);
}
