import type { AlertingStore } from './alerting-types.ts';
import { randomUUID } from 'node:crypto';
import type { Alert } from '../alert/alert.ts';
import type { WorkspaceId } from '../domain/ids.ts';
import {
  DELIVERY_COLUMNS, ESCALATION_COLUMNS, MAX_ERROR, TIMER_COLUMNS, alertFromRow, byDue, byNextAttempt, checkAlertQuery, checkClaim, checkDeadQuery,
  checkKey, checkNewDelivery, checkNewEscalation, checkNewTimer, checkStep, checkStepCommit, type CheckedDelivery, type CheckedStepCommit, checkTime, checkTimerKinds, cleanText, deliveryFromRow,
  escalationFromRow, parseAlert, timerFromRow, unstorableKey, type AlertRow, type DeliveryRow, type EscalationRow, type TimerRow,
} from './alerting-rows.ts';
import type {
  AlertPage, AlertQuery, ClaimOptions, DeadDeliveryQuery, Delivery, DeliveryPage, Escalation, EscalationProgress, NewDelivery, NewEscalation, NewTimer, StepCommit, Timer,
  TimerKind,
} from './alerting-types.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { StoreError } from './store.ts';
import { commitCheckedStep, type StepSql } from './alerting-step-sql.ts';

/** A SQL parameter both drivers take. */
export type SqlParam = string | number | null;

/**
 * Runs one SQL statement (placeholders `?`) and returns its rows (RETURNING rows for writes).
 * `write` statements run in SQLite inside one IMMEDIATE transaction (the single writer); errors
 * come back as StoreError naming `op`.
 */
export type RunSql = (op: string, sql: string, params: SqlParam[], write: boolean) => Promise<Record<string, unknown>[]>;

/**
 * The alerting tables (migration 0004), written once for both stores: every operation is a single
 * statement (or an idempotent insert followed by a read), so it is atomic on its own and needs no
 * transaction held across awaits. Claims are one `UPDATE … WHERE id IN (SELECT … LIMIT n)
 * RETURNING`: on PostgreSQL the inner SELECT takes `FOR UPDATE SKIP LOCKED`, so two workers never
 * claim one row; on SQLite the statement runs under the single write lock. A claim is a lease:
 * once `claimedUntil` has passed the row is claimable again (a crashed worker's work comes back).
 */
export class AlertingSql {
  private readonly run: RunSql;
  /** Appended to the claim sub-select: `FOR UPDATE SKIP LOCKED` on PostgreSQL, nothing on SQLite. */
  private readonly lockClause: string;

  constructor(dialect: 'sqlite' | 'postgres', run: RunSql) {
    this.lockClause = dialect === 'postgres' ? 'FOR UPDATE SKIP LOCKED' : '';
    this.run = dialect === 'postgres' ? (op, sql, params, write) => run(op, toDollar(sql), params, write) : run;
  }

  private async rows<R>(op: string, sql: string, params: SqlParam[], write = false): Promise<R[]> {
    return (await this.run(op, sql, params, write)) as R[];
  }

  async upsertAlert(ws: WorkspaceId, alert: Alert): Promise<void> {
    const a = parseAlert(ws, alert);
    await this.run('upsertAlert', `INSERT INTO alerts (workspace_id, id, group_key, brand_id, status, created_at, updated_at, data)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (workspace_id, id) DO UPDATE SET group_key = excluded.group_key,
      brand_id = excluded.brand_id, status = excluded.status, created_at = excluded.created_at, updated_at = excluded.updated_at, data = excluded.data`,
    [ws, a.id, a.groupKey, a.brandId, a.status, a.createdAt, a.updatedAt, JSON.stringify(a)], true);
  }

  async getAlert(ws: WorkspaceId, id: string): Promise<Alert | null> {
    if (unstorableKey(id)) return null;
    const [r] = await this.rows<AlertRow>('getAlert', 'SELECT data FROM alerts WHERE workspace_id = ? AND id = ?', [ws, id]);
    return r === undefined ? null : alertFromRow(r);
  }

  async listAlerts(ws: WorkspaceId, q: AlertQuery): Promise<AlertPage> {
    checkAlertQuery(q);
    const pos = q.cursor === undefined ? null : decodeCursor(q.cursor);
    if (unstorableKey(q.brandId)) return { items: [], nextCursor: null };
    const where = ['workspace_id = ?'];
    const params: SqlParam[] = [ws];
    if (q.brandId !== undefined) { where.push('brand_id = ?'); params.push(q.brandId); }
    if (q.status !== undefined) { where.push('status = ?'); params.push(q.status); }
    if (q.since !== undefined) { where.push('created_at >= ?'); params.push(q.since); }
    if (pos !== null) { where.push('(created_at < ? OR (created_at = ? AND id < ?))'); params.push(pos.createdAt, pos.createdAt, pos.id); }
    params.push(q.limit + 1);
    const rows = await this.rows<AlertRow>('listAlerts',
      `SELECT data FROM alerts WHERE ${where.join(' AND ')} ORDER BY created_at DESC, id DESC LIMIT ?`, params);
    const items = rows.slice(0, q.limit).map(alertFromRow);
    const last = items.at(-1);
    return { items, nextCursor: rows.length > q.limit && last !== undefined ? encodeCursor({ createdAt: last.createdAt, id: last.id }) : null };
  }

  /** The newest alert of this group key that is not resolved (new, acknowledged or silenced), or null. */
  async findOpenAlertByKey(ws: WorkspaceId, groupKey: string): Promise<Alert | null> {
    if (unstorableKey(groupKey, 400)) return null;
    const [r] = await this.rows<AlertRow>('findOpenAlertByKey', `SELECT data FROM alerts WHERE workspace_id = ? AND group_key = ?
      AND status <> 'resolved' ORDER BY created_at DESC, id DESC LIMIT 1`, [ws, groupKey]);
    return r === undefined ? null : alertFromRow(r);
  }

  async startEscalation(ws: WorkspaceId, e: NewEscalation): Promise<Escalation> {
    const c = checkNewEscalation(e);
    // A running escalation is never replaced (editing a policy does not disturb it); a stopped one
    // is replaced by the new start (the alert escalates again, e.g. after its ack timed out).
    await this.run('startEscalation', `INSERT INTO escalations (${ESCALATION_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, NULL, NULL)
      ON CONFLICT (workspace_id, alert_id) DO UPDATE SET policy_hash = excluded.policy_hash, policy_snapshot = excluded.policy_snapshot,
        step = excluded.step, started_at = excluded.started_at, stopped_at = NULL, stop_reason = NULL
      WHERE escalations.stopped_at IS NOT NULL`,
    [ws, c.alertId, c.policyHash, c.snapshotJson, c.step, c.startedAt], true);
    const got = await this.getEscalation(ws, c.alertId);
    if (got === null) throw new StoreError('unavailable', `startEscalation: the escalation of alert ${c.alertId} vanished right after it was written`);
    return got;
  }

  async getEscalation(ws: WorkspaceId, alertId: string): Promise<Escalation | null> {
    if (unstorableKey(alertId)) return null;
    const [r] = await this.rows<EscalationRow>('getEscalation',
      `SELECT ${ESCALATION_COLUMNS} FROM escalations WHERE workspace_id = ? AND alert_id = ?`, [ws, alertId]);
    return r === undefined ? null : escalationFromRow(r);
  }

  async getEscalationProgress(ws: WorkspaceId, alertId: string): Promise<EscalationProgress | null> {
    if (unstorableKey(alertId)) return null;
    const [r] = await this.rows<Omit<EscalationRow, 'policy_snapshot'>>('getEscalationProgress',
      'SELECT workspace_id, alert_id, policy_hash, step, started_at, stopped_at, stop_reason FROM escalations WHERE workspace_id = ? AND alert_id = ?', [ws, alertId]);
    if (r === undefined) return null;
    const { policySnapshot: _none, ...progress } = escalationFromRow({ ...r, policy_snapshot: 'null' });
    return progress;
  }

  /** Moves a running escalation from step `from` to step `to`; false if it is stopped or no longer at `from` (someone else moved it). */
  async advanceEscalation(ws: WorkspaceId, alertId: string, from: number, to: number): Promise<boolean> {
    checkStep('from', from);
    checkStep('to', to);
    if (unstorableKey(alertId)) return false;
    const rows = await this.rows('advanceEscalation', `UPDATE escalations SET step = ? WHERE workspace_id = ? AND alert_id = ? AND step = ?
      AND stopped_at IS NULL RETURNING alert_id`, [to, ws, alertId, from], true);
    return rows.length > 0;
  }

  async commitStep(ws: WorkspaceId, c: StepCommit): Promise<boolean> {
    // Every value is checked before anything is written.
    return this.commitCheckedStep(ws, checkStepCommit(c));
  }

  /**
   * commitStep of a commit already checked (checkStepCommit): the SQLite writer thread gets it so.
   * `atomic`: the caller runs it all-or-nothing (see alerting-step-sql.ts).
   */
  commitCheckedStep(ws: WorkspaceId, c: CheckedStepCommit, atomic = false): Promise<boolean> {
    return commitCheckedStep(this.stepSql, ws, c, atomic);
  }

  /** What recording a step needs of this class (its private statement runner included). */
  private readonly stepSql: StepSql = {
    rows: (op, sql, params, write) => this.rows(op, sql, params, write),
    run: (op, sql, params, write) => this.run(op, sql, params, write),
    insertDelivery: (ws, d) => this.insertDelivery(ws, d),
    advanceEscalation: (ws, alertId, from, to) => this.advanceEscalation(ws, alertId, from, to),
    releaseTimer: (id, owner, dueAt) => this.releaseTimer(id, owner, dueAt),
    completeTimer: (id, owner) => this.completeTimer(id, owner),
  };

  /** Stops a running escalation; idempotent: false when it was already stopped (its first reason and time are kept) or does not exist. */
  async stopEscalation(ws: WorkspaceId, alertId: string, reason: string, at: number): Promise<boolean> {
    checkTime('at', at);
    checkKey('reason', reason);
    if (unstorableKey(alertId)) return false;
    const rows = await this.rows('stopEscalation', `UPDATE escalations SET stopped_at = ?, stop_reason = ? WHERE workspace_id = ? AND alert_id = ?
      AND stopped_at IS NULL RETURNING alert_id`, [at, reason, ws, alertId], true);
    return rows.length > 0;
  }

  /** Schedules due work; idempotent by (workspace, kind, ref, dueAt): the same timer again returns the existing row (its payload unchanged). */
  async scheduleTimer(ws: WorkspaceId, t: NewTimer): Promise<Timer> {
    const c = checkNewTimer(t);
    await this.run('scheduleTimer', `INSERT INTO timers (${TIMER_COLUMNS}) VALUES (?, ?, ?, ?, ?, NULL, NULL, ?)
      ON CONFLICT (workspace_id, kind, ref, due_at) DO NOTHING`, [randomUUID(), ws, c.kind, c.ref, c.dueAt, c.payloadJson], true);
    const [r] = await this.rows<TimerRow>('scheduleTimer', `SELECT ${TIMER_COLUMNS} FROM timers WHERE workspace_id = ? AND kind = ? AND ref = ?
      AND due_at = ?`, [ws, c.kind, c.ref, c.dueAt]);
    if (r === undefined) {
      throw new StoreError('unavailable', `scheduleTimer: timer ${c.kind} of ${c.ref} at ${c.dueAt} was completed or cancelled as it was scheduled; schedule it again`);
    }
    return timerFromRow(r);
  }

  /** Claims up to `limit` timers due at `now` and not held by a live lease (of one workspace, or all when `ws` is null); due first. */
  async claimDueTimers(ws: WorkspaceId | null, now: number, o: ClaimOptions): Promise<Timer[]> {
    checkClaim(now, o);
    const scope = ws === null ? '' : 'AND workspace_id = ?';
    const params: SqlParam[] = [o.owner, now + o.leaseMs, now, now, ...(ws === null ? [] : [ws]), o.limit];
    const rows = await this.rows<TimerRow>('claimDueTimers', `UPDATE timers SET claimed_by = ?, claimed_until = ?
      WHERE id IN (SELECT id FROM timers WHERE due_at <= ? AND (claimed_until IS NULL OR claimed_until <= ?) ${scope}
        ORDER BY due_at, id LIMIT ? ${this.lockClause})
      RETURNING ${TIMER_COLUMNS}`, params, true);
    return rows.map(timerFromRow).sort(byDue);
  }

  /** Removes a timer its claimant has done; false when `owner` does not hold it (its lease passed to another worker, or it is gone). */
  async completeTimer(id: string, owner: string): Promise<boolean> {
    checkKey('owner', owner);
    if (unstorableKey(id)) return false;
    return (await this.rows('completeTimer', 'DELETE FROM timers WHERE id = ? AND claimed_by = ? RETURNING id', [id, owner], true)).length > 0;
  }

  /** Gives a claimed timer back (claimable at once, or at `dueAt` when given: a retry later); false when `owner` does not hold it. */
  async releaseTimer(id: string, owner: string, dueAt?: number): Promise<boolean> {
    checkKey('owner', owner);
    if (dueAt !== undefined) checkTime('dueAt', dueAt);
    if (unstorableKey(id)) return false;
    try {
      const rows = await this.rows('releaseTimer', `UPDATE timers SET claimed_by = NULL, claimed_until = NULL, due_at = COALESCE(?, due_at)
        WHERE id = ? AND claimed_by = ? RETURNING id`, [dueAt ?? null, id, owner], true);
      return rows.length > 0;
    } catch (e) {
      if (e instanceof StoreError && /unique|duplicate key|23505/i.test(e.message)) {
        throw new StoreError('conflict', `releaseTimer: a timer of the same kind and ref is already due at ${dueAt}: complete this one instead`, { cause: e });
      }
      throw e;
    }
  }

  /** Deletes one timer by id whoever holds it (an alert timer a newer state made stale); false when it is not there. */
  async deleteTimer(ws: WorkspaceId, id: string): Promise<boolean> {
    if (unstorableKey(id)) return false;
    return (await this.rows('deleteTimer', 'DELETE FROM timers WHERE workspace_id = ? AND id = ? RETURNING id', [ws, id], true)).length > 0;
  }

  /** Deletes the timers about `ref` (of the given kinds, or all): an ack or a resolve cancels what was due. Returns how many. */
  async cancelTimers(ws: WorkspaceId, ref: string, kinds?: readonly TimerKind[]): Promise<number> {
    checkTimerKinds(kinds);
    if (unstorableKey(ref) || (kinds !== undefined && kinds.length === 0)) return 0;
    const params: SqlParam[] = [ws, ref, ...(kinds ?? [])];
    const kindIn = kinds === undefined ? '' : `AND kind IN (${kinds.map(() => '?').join(', ')})`;
    return (await this.rows('cancelTimers', `DELETE FROM timers WHERE workspace_id = ? AND ref = ? ${kindIn} RETURNING id`, params, true)).length;
  }

  /** The timers about `ref`, due first (for the API, the CLI and tests). */
  async listTimers(ws: WorkspaceId, ref: string): Promise<Timer[]> {
    if (unstorableKey(ref)) return [];
    const rows = await this.rows<TimerRow>('listTimers', `SELECT ${TIMER_COLUMNS} FROM timers WHERE workspace_id = ? AND ref = ?
      ORDER BY due_at, id`, [ws, ref]);
    return rows.map(timerFromRow);
  }

  /**
   * Puts a delivery in the outbox; idempotent on its id: the same id again returns the stored one
   * unchanged. StoreError 'conflict' if the id is taken by another workspace.
   */
  async enqueueDelivery(ws: WorkspaceId, d: NewDelivery): Promise<Delivery> {
    const c = checkNewDelivery(d);
    await this.insertDelivery(ws, c);
    const [r] = await this.rows<DeliveryRow>('enqueueDelivery', `SELECT ${DELIVERY_COLUMNS} FROM deliveries WHERE id = ?`, [c.id]);
    if (r === undefined) throw new StoreError('unavailable', `enqueueDelivery: delivery ${c.id} vanished right after it was written`);
    return deliveryFromRow(r);
  }

  /** Inserts a checked delivery unless its id is there already; StoreError 'conflict' when another workspace holds that id. */
  private async insertDelivery(ws: WorkspaceId, d: CheckedDelivery): Promise<void> {
    const [inserted] = await this.rows('enqueueDelivery', `INSERT INTO deliveries (id, workspace_id, alert_id, channel, target, message, attempts,
        next_attempt_at, status, created_at) VALUES (?, ?, ?, ?, ?, ?, 0, ?, 'pending', ?) ON CONFLICT (id) DO NOTHING RETURNING id`,
    [d.id, ws, d.alertId, d.channel, d.targetJson, d.messageJson, d.nextAttemptAt, d.createdAt], true);
    if (inserted !== undefined) return;
    const [r] = await this.rows<{ workspace_id: string }>('enqueueDelivery', 'SELECT workspace_id FROM deliveries WHERE id = ?', [d.id]);
    if (r !== undefined && r.workspace_id !== ws) throw new StoreError('conflict', `delivery id "${d.id}" is already used by another workspace: idempotency keys must be unique`);
  }

  async getDelivery(ws: WorkspaceId, id: string): Promise<Delivery | null> {
    if (unstorableKey(id)) return null;
    const [r] = await this.rows<DeliveryRow>('getDelivery', `SELECT ${DELIVERY_COLUMNS} FROM deliveries WHERE workspace_id = ? AND id = ?`, [ws, id]);
    return r === undefined ? null : deliveryFromRow(r);
  }

  /** Claims up to `limit` pending deliveries due at `now` and not held by a live lease, every workspace; each claim counts one attempt. */
  async claimDueDeliveries(now: number, o: ClaimOptions): Promise<Delivery[]> {
    return (await this.claimDueDeliveryRows(now, o)).map(deliveryFromRow).sort(byNextAttempt);
  }

  /** claimDueDeliveries as stored rows (JSON columns unparsed): what the SQLite writer thread sends back, cheap to copy. */
  async claimDueDeliveryRows(now: number, o: ClaimOptions): Promise<DeliveryRow[]> {
    checkClaim(now, o);
    return this.rows<DeliveryRow>('claimDueDeliveries', `UPDATE deliveries SET claimed_by = ?, claimed_until = ?, attempts = attempts + 1
      WHERE id IN (SELECT id FROM deliveries WHERE status = 'pending' AND next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until <= ?)
        ORDER BY next_attempt_at, id LIMIT ? ${this.lockClause})
      RETURNING ${DELIVERY_COLUMNS}`, [o.owner, now + o.leaseMs, now, now, o.limit], true);
  }

  /** Records a delivery as sent (whoever holds it: the message did go out). False if it is not pending (already sent, or dead). */
  async markDeliverySent(id: string, owner: string, at: number): Promise<boolean> {
    checkKey('owner', owner);
    checkTime('at', at);
    if (unstorableKey(id)) return false;
    return (await this.rows('markDeliverySent', `UPDATE deliveries SET status = 'sent', sent_at = ?, claimed_by = NULL, claimed_until = NULL,
      last_error = NULL WHERE id = ? AND status = 'pending' RETURNING id`, [at, id], true)).length > 0;
  }

  /**
   * Records a delivery deliberately not sent (a drill reaching a real channel, maintenance mode) by
   * the worker that holds it: status `skipped`, with when and why; it is never claimed again. False
   * when `owner` does not hold it or it is not pending.
   */
  async markDeliverySkipped(id: string, owner: string, reason: string, at: number): Promise<boolean> {
    checkKey('owner', owner);
    checkTime('at', at);
    if (typeof reason !== 'string' || reason.length === 0) throw new StoreError('invalid', `reason must be a non-empty string saying why the delivery is skipped (got ${typeof reason === 'string' ? 'an empty string' : typeof reason})`);
    if (unstorableKey(id)) return false;
    return (await this.rows('markDeliverySkipped', `UPDATE deliveries SET status = 'skipped', skipped_at = ?, skip_reason = ?, claimed_by = NULL,
      claimed_until = NULL WHERE id = ? AND status = 'pending' AND claimed_by = ? RETURNING id`, [at, cleanText(reason, MAX_ERROR), id, owner], true)).length > 0;
  }

  /**
   * Gives a delivery back by the worker that holds it, due at `nextAttemptAt`, and takes back the
   * attempt its claim counted (a rate limit: the channel was not tried). Its last error is kept.
   * False when `owner` does not hold it or it is not pending.
   */
  async postponeDelivery(id: string, owner: string, nextAttemptAt: number): Promise<boolean> {
    checkKey('owner', owner);
    checkTime('nextAttemptAt', nextAttemptAt);
    if (unstorableKey(id)) return false;
    return (await this.rows('postponeDelivery', `UPDATE deliveries SET next_attempt_at = ?, attempts = CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END,
      claimed_by = NULL, claimed_until = NULL WHERE id = ? AND status = 'pending' AND claimed_by = ? RETURNING id`, [nextAttemptAt, id, owner], true)).length > 0;
  }

  /**
   * Records a failed attempt by the worker that holds it: retried at `nextAttemptAt`, or dead
   * (the dead-letter list) when null. False when `owner` does not hold it or it is not pending.
   */
  async markDeliveryFailed(id: string, owner: string, error: string, nextAttemptAt: number | null, at: number): Promise<boolean> {
    checkKey('owner', owner);
    checkTime('at', at);
    if (nextAttemptAt !== null) checkTime('nextAttemptAt', nextAttemptAt);
    if (typeof error !== 'string') throw new StoreError('invalid', `error must be a string (got ${typeof error})`);
    if (unstorableKey(id)) return false;
    const text = cleanText(error, MAX_ERROR);
    const rows = nextAttemptAt === null
      ? await this.rows('markDeliveryFailed', `UPDATE deliveries SET status = 'dead', dead_at = ?, last_error = ?, claimed_by = NULL, claimed_until = NULL
          WHERE id = ? AND status = 'pending' AND claimed_by = ? RETURNING id`, [at, text, id, owner], true)
      : await this.rows('markDeliveryFailed', `UPDATE deliveries SET next_attempt_at = ?, last_error = ?, claimed_by = NULL, claimed_until = NULL
          WHERE id = ? AND status = 'pending' AND claimed_by = ? RETURNING id`, [nextAttemptAt, text, id, owner], true);
    return rows.length > 0;
  }

  async listDeadDeliveries(ws: WorkspaceId, q: DeadDeliveryQuery): Promise<DeliveryPage> {
    checkDeadQuery(q);
    const pos = q.cursor === undefined ? null : decodeCursor(q.cursor);
    const params: SqlParam[] = [ws];
    let after = '';
    if (pos !== null) {
      after = 'AND (dead_at < ? OR (dead_at = ? AND id < ?))';
      params.push(pos.createdAt, pos.createdAt, pos.id);
    }
    params.push(q.limit + 1);
    const rows = await this.rows<DeliveryRow>('listDeadDeliveries', `SELECT ${DELIVERY_COLUMNS} FROM deliveries
      WHERE workspace_id = ? AND status = 'dead' ${after} ORDER BY dead_at DESC, id DESC LIMIT ?`, params);
    const items = rows.slice(0, q.limit).map(deliveryFromRow);
    const last = items.at(-1);
    return { items, nextCursor: rows.length > q.limit && last !== undefined ? encodeCursor({ createdAt: last.deadAt ?? 0, id: last.id }) : null };
  }

  /** Moves a dead delivery back to pending, due at `now`, with its attempts reset (its last error is kept). False unless it was dead. */
  async requeueDelivery(ws: WorkspaceId, id: string, now: number): Promise<boolean> {
    checkTime('now', now);
    if (unstorableKey(id)) return false;
    return (await this.rows('requeueDelivery', `UPDATE deliveries SET status = 'pending', dead_at = NULL, attempts = 0, next_attempt_at = ?
      WHERE workspace_id = ? AND id = ? AND status = 'dead' RETURNING id`, [now, ws, id], true)).length > 0;
  }
}

/** `?` placeholders to PostgreSQL's `$1, $2, …` (the alerting SQL has no `?` elsewhere). */
function toDollar(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/** The AlertingStore methods, which both SQL stores hand to their AlertingSql as they are. */
const ALERTING_METHODS = [
  'upsertAlert',
  'getAlert',
  'listAlerts',
  'findOpenAlertByKey',
  'startEscalation',
  'getEscalation',
  'getEscalationProgress',
  'advanceEscalation',
  'commitStep',
  'stopEscalation',
  'scheduleTimer',
  'claimDueTimers',
  'completeTimer',
  'releaseTimer',
  'deleteTimer',
  'cancelTimers',
  'listTimers',
  'enqueueDelivery',
  'getDelivery',
  'claimDueDeliveries',
  'markDeliverySent',
  'markDeliverySkipped',
  'postponeDelivery',
  'markDeliveryFailed',
  'listDeadDeliveries',
  'requeueDelivery'
] as const satisfies readonly (keyof AlertingStore)[];

/**
 * Gives `target` (a SQL store) the alerting methods of `impl`, bound to it: the stores declare
 * `interface XStore extends AlertingStore {}` beside their class instead of forwarding each call.
 */
export function delegateAlerting(target: object, impl: AlertingSql): void {
  const t = target as Record<string, unknown>;
  for (const m of ALERTING_METHODS) t[m] = (impl[m] as (...args: unknown[]) => unknown).bind(impl);
}
