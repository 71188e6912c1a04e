/**
 * Recording an escalation step (AlertingStore.commitStep) for both SQL stores: the step's pages in
 * the outbox, the compare-and-set of the escalation's step, and what becomes of the step timer.
 *
 * `atomic`: the caller runs it all-or-nothing (the SQLite writer thread's savepoint), so the
 * escalation can move first and the pages follow; otherwise (PostgreSQL, one statement at a time)
 * the check comes first and the move last, so a crash in between re-runs the step from its timer
 * (its pages are idempotent) rather than losing them.
 */
import { randomUUID } from 'node:crypto';
import type { WorkspaceId } from '../domain/ids.ts';
import { TIMER_COLUMNS, type CheckedDelivery, type CheckedStepCommit } from './alerting-rows.ts';
import type { RunSql, SqlParam } from './alerting-sql.ts';

/** What recording a step needs of AlertingSql. */
export interface StepSql {
  rows<R = Record<string, unknown>>(op: string, sql: string, params: SqlParam[], write?: boolean): Promise<R[]>;
  run: RunSql;
  insertDelivery(ws: WorkspaceId, d: CheckedDelivery): Promise<void>;
  advanceEscalation(ws: WorkspaceId, alertId: string, from: number, to: number): Promise<boolean>;
  releaseTimer(id: string, owner: string, dueAt?: number): Promise<boolean>;
  completeTimer(id: string, owner: string): Promise<boolean>;
}

export async function commitCheckedStep(sql: StepSql, ws: WorkspaceId, c: CheckedStepCommit, atomic: boolean): Promise<boolean> {
  if (atomic) {
    if (!(await sql.advanceEscalation(ws, c.alertId, c.from, c.to))) {
      await sql.completeTimer(c.timerId, c.owner);
      return false;
    }
    for (const d of c.deliveries) await sql.insertDelivery(ws, d);
    await nextStepTimer(sql, ws, c);
    return true;
  }
  const [running] = await sql.rows('commitStep', `SELECT alert_id FROM escalations WHERE workspace_id = ? AND alert_id = ? AND step = ?
    AND stopped_at IS NULL`, [ws, c.alertId, c.from], true);
  if (running !== undefined) {
    for (const d of c.deliveries) await sql.insertDelivery(ws, d);
    if (await sql.advanceEscalation(ws, c.alertId, c.from, c.to)) {
      await nextStepTimer(sql, ws, c);
      return true;
    }
  }
  await sql.completeTimer(c.timerId, c.owner);
  return false;
}

/**
 * The step timer after a step: moved to the next slot (release), turned into the next step's timer
 * (one update, when that slot is free), or completed (nothing follows, or the slot already has its timer).
 */
async function nextStepTimer(sql: StepSql, ws: WorkspaceId, c: CheckedStepCommit): Promise<void> {
  const next = c.next;
  if (next.kind === 'release') {
    if (await sql.releaseTimer(c.timerId, c.owner, next.dueAt)) return;
  } else if (next.kind === 'schedule') {
    const t = next.timer;
    const [taken] = await sql.rows('commitStep', 'SELECT id FROM timers WHERE workspace_id = ? AND kind = ? AND ref = ? AND due_at = ?', [ws, t.kind, t.ref, t.dueAt]);
    if (taken === undefined) {
      const moved = await sql.rows('commitStep', `UPDATE timers SET kind = ?, ref = ?, due_at = ?, payload = ?, claimed_by = NULL, claimed_until = NULL
        WHERE id = ? AND claimed_by = ? AND workspace_id = ? RETURNING id`, [t.kind, t.ref, t.dueAt, t.payloadJson, c.timerId, c.owner, ws], true);
      if (moved.length > 0) return;
      await sql.run('commitStep', `INSERT INTO timers (${TIMER_COLUMNS}) VALUES (?, ?, ?, ?, ?, NULL, NULL, ?)
        ON CONFLICT (workspace_id, kind, ref, due_at) DO NOTHING`, [randomUUID(), ws, t.kind, t.ref, t.dueAt, t.payloadJson], true);
    }
  }
  await sql.completeTimer(c.timerId, c.owner);
}
