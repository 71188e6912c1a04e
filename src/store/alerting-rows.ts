import { AlertSchema, AlertStatusSchema, AUTO_RESOLVER, type Alert } from '../alert/alert.ts';
import type { WorkspaceId } from '../domain/ids.ts';
import {
  DELIVERY_CHANNELS, TIMER_KINDS, type AlertQuery, type ClaimOptions, type DeadDeliveryQuery, type Delivery, type DeliveryChannel,
  type DeliveryStatus, type Escalation, type NewDelivery, type NewEscalation, type NewTimer, type StepCommit, type Timer, type TimerKind,
} from './alerting-types.ts';
import { StoreError } from './store.ts';

/**
 * Checks and row codecs of the alerting tables (migration 0004), shared by both stores: every
 * input is validated before any SQL runs (StoreError 'invalid' naming the field and how to fix
 * it), and rows read back become the records of alerting-types.ts.
 */

export const MAX_ID = 200;
export const MAX_KEY = 400;
/** JSON payloads (timer payload, delivery target and message, policy snapshot) up to 256 kB each. */
export const MAX_JSON = 256 * 1024;
export const MAX_PAGE = 500;
export const MAX_CLAIM = 1000;
export const MAX_LEASE_MS = 24 * 3600_000;
export const MAX_ERROR = 2000;

const invalid = (msg: string): StoreError => new StoreError('invalid', msg);
const show = (v: unknown): string => (typeof v === 'string' ? JSON.stringify(v.slice(0, 60)) : String(v));

/** True for a string no store can hold as a key (NUL, lone surrogates, empty or too long): lookups of it find nothing. */
export function unstorableKey(v: string | undefined, max = MAX_ID): boolean {
  return v !== undefined && (typeof v !== 'string' || v.length === 0 || v.length > max || v.includes('\0') || !v.isWellFormed());
}

export function checkKey(field: string, v: unknown, max = MAX_ID): string {
  if (typeof v !== 'string' || v.length === 0 || v.length > max) throw invalid(`${field} must be a string of 1–${max} characters (got ${show(v)})`);
  if (v.includes('\0') || !v.isWellFormed()) throw invalid(`${field} must not contain NUL or lone surrogate characters (got ${show(v)})`);
  return v;
}

export function checkTime(field: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) throw invalid(`${field} must be epoch milliseconds, a non-negative integer (got ${show(v)})`);
  return v;
}

function checkInt(field: string, v: unknown, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) throw invalid(`${field} must be an integer from ${min} to ${max} (got ${show(v)})`);
  return v;
}

/** Free text both stores hold alike: NUL and lone surrogates become U+FFFD; cut to `max` characters. */
export function cleanText(s: string, max: number): string {
  const t = (s.includes('\0') ? s.replaceAll('\0', '\uFFFD') : s).toWellFormed();
  return t.length > max ? t.slice(0, max) : t;
}

/** A JSON value as text (lone surrogates are escaped by JSON.stringify, so both stores keep it exactly). */
export function toJson(field: string, v: unknown): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(v ?? null);
  } catch (e) {
    throw invalid(`${field} must be JSON-serialisable: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (text === undefined) throw invalid(`${field} must be a JSON value (got ${typeof v})`);
  if (text.length > MAX_JSON) throw invalid(`${field} is ${text.length} characters of JSON, more than ${MAX_JSON}: keep it smaller (store big data elsewhere and reference it)`);
  return text;
}

export function parseAlert(ws: WorkspaceId, alert: Alert): Alert {
  const parsed = AlertSchema.safeParse(alert);
  if (!parsed.success) {
    throw invalid(`invalid alert: ${parsed.error.issues.map((i) => `${i.path.map(String).join('.') || '(alert)'}: ${i.message}`).join('; ')}`);
  }
  const a = parsed.data;
  if (a.workspaceId !== ws) throw invalid(`alert ${a.id} belongs to workspace "${a.workspaceId}", not "${ws}"`);
  checkKey('alert id', a.id);
  checkKey('alert groupKey', a.groupKey, MAX_KEY);
  checkKey('alert brandId', a.brandId);
  const stray = a.openSignalIds.find((id) => !a.signalIds.includes(id));
  if (stray !== undefined) throw invalid(`alert ${a.id}: openSignalIds lists ${show(stray)}, which is not in signalIds: an open signal must be one of the alert's signals`);
  if (a.signalOpen !== a.openSignalIds.length > 0) {
    throw invalid(`alert ${a.id}: signalOpen is ${a.signalOpen} but openSignalIds has ${a.openSignalIds.length} signal(s): signalOpen must be openSignalIds.length > 0`);
  }
  return a;
}

export function checkAlertQuery(q: AlertQuery): void {
  checkInt('limit', q.limit, 1, MAX_PAGE);
  if (q.status !== undefined && !AlertStatusSchema.safeParse(q.status).success) {
    throw invalid(`status must be one of ${AlertStatusSchema.options.join(', ')} (got ${show(q.status)})`);
  }
  if (q.since !== undefined) checkTime('since', q.since);
}

export function checkNewEscalation(e: NewEscalation): Required<NewEscalation> & { snapshotJson: string } {
  return {
    alertId: checkKey('alertId', e.alertId),
    policyHash: checkKey('policyHash', e.policyHash),
    policySnapshot: e.policySnapshot,
    snapshotJson: toJson('policySnapshot', e.policySnapshot),
    step: checkInt('step', e.step ?? 0, 0, 1_000_000),
    startedAt: checkTime('startedAt', e.startedAt),
  };
}

export function checkStep(field: string, v: unknown): number {
  return checkInt(field, v, 0, 1_000_000);
}

export function checkNewTimer(t: NewTimer): NewTimer & { payloadJson: string } {
  if (!(TIMER_KINDS as readonly unknown[]).includes(t.kind)) throw invalid(`timer kind must be one of ${TIMER_KINDS.join(', ')} (got ${show(t.kind)})`);
  return { kind: t.kind, ref: checkKey('timer ref', t.ref), dueAt: checkTime('timer dueAt', t.dueAt), payloadJson: toJson('timer payload', t.payload) };
}

/** A StepCommit checked whole (before anything is written): its deliveries and next timer ready to store. */
/** A delivery checked and serialised, ready to insert (what crosses to the SQLite writer thread: strings, not object graphs). */
export interface CheckedDelivery {
  id: string;
  alertId: string;
  channel: NewDelivery['channel'];
  targetJson: string;
  messageJson: string;
  createdAt: number;
  nextAttemptAt: number;
}

/** A StepCommit checked whole, its deliveries and next timer serialised. */
export interface CheckedStepCommit {
  alertId: string;
  timerId: string;
  owner: string;
  from: number;
  to: number;
  deliveries: CheckedDelivery[];
  next: { kind: 'release'; dueAt: number } | { kind: 'schedule'; timer: { kind: TimerKind; ref: string; dueAt: number; payloadJson: string } } | { kind: 'complete' };
}

export function checkStepCommit(c: StepCommit): CheckedStepCommit {
  checkKey('alertId', c.alertId);
  checkKey('timerId', c.timerId);
  checkKey('owner', c.owner);
  checkStep('from', c.from);
  checkStep('to', c.to);
  if (c.to < c.from) throw invalid(`commitStep: to (${c.to}) must not be before from (${c.from})`);
  if (!Array.isArray(c.deliveries)) throw invalid(`commitStep: deliveries must be an array (got ${show(c.deliveries)})`);
  const deliveries = c.deliveries.map((d): CheckedDelivery => {
    const k = checkNewDelivery(d);
    return { id: k.id, alertId: k.alertId, channel: k.channel, targetJson: k.targetJson, messageJson: k.messageJson, createdAt: k.createdAt, nextAttemptAt: k.nextAttemptAt };
  });
  const base = { alertId: c.alertId, timerId: c.timerId, owner: c.owner, from: c.from, to: c.to, deliveries };
  const n = c.next as StepCommit['next'] | undefined;
  if (n?.kind === 'release') return { ...base, next: { kind: 'release', dueAt: checkTime('next dueAt', n.dueAt) } };
  if (n?.kind === 'schedule') {
    const t = checkNewTimer(n.timer);
    return { ...base, next: { kind: 'schedule', timer: { kind: t.kind, ref: t.ref, dueAt: t.dueAt, payloadJson: t.payloadJson } } };
  }
  if (n?.kind === 'complete') return { ...base, next: { kind: 'complete' } };
  throw invalid(`commitStep: next.kind must be release, schedule or complete (got ${show((n as { kind?: unknown } | undefined)?.kind)})`);
}

export function checkTimerKinds(kinds: readonly TimerKind[] | undefined): void {
  for (const k of kinds ?? []) {
    if (!(TIMER_KINDS as readonly unknown[]).includes(k)) throw invalid(`timer kind must be one of ${TIMER_KINDS.join(', ')} (got ${show(k)})`);
  }
}

export function checkClaim(now: number, o: ClaimOptions): void {
  checkTime('now', now);
  checkKey('owner', o.owner);
  checkInt('leaseMs', o.leaseMs, 1, MAX_LEASE_MS);
  checkInt('limit', o.limit, 1, MAX_CLAIM);
}

export function checkNewDelivery(d: NewDelivery): NewDelivery & { targetJson: string; messageJson: string; nextAttemptAt: number } {
  if (!(DELIVERY_CHANNELS as readonly unknown[]).includes(d.channel)) {
    throw invalid(`delivery channel must be one of ${DELIVERY_CHANNELS.join(', ')} (got ${show(d.channel)})`);
  }
  const createdAt = checkTime('delivery createdAt', d.createdAt);
  return {
    id: checkKey('delivery id', d.id),
    alertId: checkKey('delivery alertId', d.alertId),
    channel: d.channel,
    target: d.target,
    message: d.message,
    targetJson: toJson('delivery target', d.target),
    messageJson: toJson('delivery message', d.message),
    createdAt,
    nextAttemptAt: d.nextAttemptAt === undefined ? createdAt : checkTime('delivery nextAttemptAt', d.nextAttemptAt),
  };
}

export function checkDeadQuery(q: DeadDeliveryQuery): void {
  checkInt('limit', q.limit, 1, MAX_PAGE);
}

type Num = number | string;
const num = (v: Num): number => Number(v);
const numOrNull = (v: Num | null): number | null => (v === null ? null : Number(v));

export interface AlertRow { data: string }
export const alertFromRow = (r: AlertRow): Alert => withStateFields(JSON.parse(r.data) as Partial<Alert> & Omit<Alert, StateField>);

type StateField = 'openSignalIds' | 'silencedFrom' | 'remindedAt' | 'firstAcknowledgedAt' | 'autoResolved';

/**
 * Alerts written before the five state fields joined AlertSchema (development databases of the
 * unreleased migration 0004) lack them: they are derived from the rest of the record, exactly
 * except for a multi-signal alert's open list (all its signals are taken as open while it is) and
 * the last reminder time (none).
 */
function withStateFields(a: Partial<Alert> & Omit<Alert, StateField>): Alert {
  if (a.openSignalIds !== undefined && a.silencedFrom !== undefined && a.remindedAt !== undefined && a.firstAcknowledgedAt !== undefined && a.autoResolved !== undefined) {
    return a as Alert;
  }
  return {
    ...a,
    openSignalIds: a.openSignalIds ?? (a.signalOpen ? [...a.signalIds] : []),
    silencedFrom: a.silencedFrom !== undefined ? a.silencedFrom : a.status === 'silenced' ? (a.acknowledgedAt !== null ? 'acknowledged' : 'new') : null,
    remindedAt: a.remindedAt ?? null,
    firstAcknowledgedAt: a.firstAcknowledgedAt !== undefined ? a.firstAcknowledgedAt : a.acknowledgedAt,
    autoResolved: a.autoResolved ?? (a.status === 'resolved' && a.resolvedBy === AUTO_RESOLVER),
  };
}

export interface EscalationRow {
  workspace_id: string; alert_id: string; policy_hash: string; policy_snapshot: string; step: Num; started_at: Num;
  stopped_at: Num | null; stop_reason: string | null;
}
export const ESCALATION_COLUMNS = 'workspace_id, alert_id, policy_hash, policy_snapshot, step, started_at, stopped_at, stop_reason';
export function escalationFromRow(r: EscalationRow): Escalation {
  return {
    workspaceId: r.workspace_id as WorkspaceId, alertId: r.alert_id, policyHash: r.policy_hash, policySnapshot: JSON.parse(r.policy_snapshot) as unknown,
    step: num(r.step), startedAt: num(r.started_at), stoppedAt: numOrNull(r.stopped_at), stopReason: r.stop_reason,
  };
}

export interface TimerRow {
  id: string; workspace_id: string; kind: string; ref: string; due_at: Num; claimed_by: string | null; claimed_until: Num | null; payload: string;
}
export const TIMER_COLUMNS = 'id, workspace_id, kind, ref, due_at, claimed_by, claimed_until, payload';
export function timerFromRow(r: TimerRow): Timer {
  return {
    id: r.id, workspaceId: r.workspace_id as WorkspaceId, kind: r.kind as TimerKind, ref: r.ref, dueAt: num(r.due_at), claimedBy: r.claimed_by,
    claimedUntil: numOrNull(r.claimed_until), payload: JSON.parse(r.payload) as unknown,
  };
}
/** Due first, then by id: the order claims hand timers out. */
export const byDue = (a: { dueAt: number; id: string }, b: { dueAt: number; id: string }): number =>
  a.dueAt - b.dueAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export interface DeliveryRow {
  id: string; workspace_id: string; alert_id: string; channel: string; target: string; message: string; attempts: Num; next_attempt_at: Num;
  status: string; last_error: string | null; created_at: Num; sent_at: Num | null; dead_at: Num | null; claimed_by: string | null; claimed_until: Num | null;
  skipped_at: Num | null; skip_reason: string | null;
}
export const DELIVERY_COLUMNS = `id, workspace_id, alert_id, channel, target, message, attempts, next_attempt_at, status, last_error, created_at,
  sent_at, dead_at, claimed_by, claimed_until, skipped_at, skip_reason`;
export function deliveryFromRow(r: DeliveryRow): Delivery {
  return {
    id: r.id, workspaceId: r.workspace_id as WorkspaceId, alertId: r.alert_id, channel: r.channel as DeliveryChannel,
    target: JSON.parse(r.target) as unknown, message: JSON.parse(r.message) as unknown, attempts: num(r.attempts),
    nextAttemptAt: num(r.next_attempt_at), status: r.status as DeliveryStatus, lastError: r.last_error, createdAt: num(r.created_at),
    sentAt: numOrNull(r.sent_at), deadAt: numOrNull(r.dead_at), skippedAt: numOrNull(r.skipped_at), skipReason: r.skip_reason,
    claimedBy: r.claimed_by, claimedUntil: numOrNull(r.claimed_until),
  };
}
export const byNextAttempt = (a: Delivery, b: Delivery): number =>
  a.nextAttemptAt - b.nextAttemptAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
