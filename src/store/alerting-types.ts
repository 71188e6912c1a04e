import type { Alert, AlertStatus } from '../alert/alert.ts';
import type { WorkspaceId } from '../domain/ids.ts';

/**
 * The durable alerting state the store keeps (migration 0004): alerts, the escalation running for
 * each, due timers (the escalation engine's work queue) and the delivery outbox with its
 * dead-letter list and skipped deliveries. Re-exported by store.ts; implemented once for both stores in alerting-sql.ts.
 */

export interface AlertQuery {
  brandId?: string;
  status?: AlertStatus;
  /** Inclusive lower bound on createdAt, epoch ms. */
  since?: number;
  /** Opaque cursor returned by the previous page. */
  cursor?: string;
  /** Page size, 1–500. */
  limit: number;
}

export interface AlertPage {
  /** Newest createdAt first (ties by id, descending); nextCursor null when there is no further page. */
  items: Alert[];
  nextCursor: string | null;
}

/** The escalation of one alert: the policy snapshotted when it started, and where it is in the plan. */
export interface Escalation {
  workspaceId: WorkspaceId;
  alertId: string;
  policyHash: string;
  /** The policy as it was when the escalation started (any JSON value); later policy edits never touch it. */
  policySnapshot: unknown;
  /** Index of the current step in the policy's plan. */
  step: number;
  startedAt: number;
  stoppedAt: number | null;
  /** Why it stopped (e.g. 'acknowledged', 'resolved', 'silenced'). */
  stopReason: string | null;
}

/** An escalation without its policy snapshot: where it stands (cheap to read at every step). */
export type EscalationProgress = Omit<Escalation, 'policySnapshot'>;

export interface NewEscalation {
  alertId: string;
  policyHash: string;
  policySnapshot: unknown;
  /** Defaults to 0. */
  step?: number;
  startedAt: number;
}

export const TIMER_KINDS = ['escalation-step', 'ack-timeout', 'reminder', 'silence-expiry', 'auto-resolve', 'delivery'] as const;
export type TimerKind = (typeof TIMER_KINDS)[number];

/** A piece of due work. `claimedBy`/`claimedUntil` are set while a worker holds it (a lease). */
export interface Timer {
  id: string;
  workspaceId: WorkspaceId;
  kind: TimerKind;
  /** The alert (or delivery) id it is about. */
  ref: string;
  dueAt: number;
  claimedBy: string | null;
  claimedUntil: number | null;
  /** Any JSON value (null when none was given). */
  payload: unknown;
}

export interface NewTimer {
  kind: TimerKind;
  ref: string;
  dueAt: number;
  payload?: unknown;
}

/** Who claims, for how long, and how many rows at most (1–1000). */
export interface ClaimOptions {
  /** The worker's id (1–200 characters), e.g. `host:pid:uuid`. */
  owner: string;
  /** How long the claim holds, ms (1 – 24 h); after it the row is claimable again (a crashed worker's work comes back). */
  leaseMs: number;
  limit: number;
}

/** `skipped`: deliberately not sent (a drill reaching a real channel, maintenance mode); never claimed again. */
export const DELIVERY_STATUSES = ['pending', 'sent', 'dead', 'skipped'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
export const DELIVERY_CHANNELS = ['email', 'slack', 'teams', 'webhook', 'sms', 'inapp'] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];

/** One notification in the outbox. Its id is the idempotency key (receivers de-duplicate on it). */
export interface Delivery {
  id: string;
  workspaceId: WorkspaceId;
  alertId: string;
  channel: DeliveryChannel;
  /** The channel's target (any JSON value: an address, a webhook URL and secret reference, …). */
  target: unknown;
  /** The message to render (any JSON value, normally an AlertMessage). */
  message: unknown;
  /** Attempts started so far (a claim counts one: a worker that crashes mid-send used an attempt). */
  attempts: number;
  nextAttemptAt: number;
  status: DeliveryStatus;
  lastError: string | null;
  createdAt: number;
  sentAt: number | null;
  /** When it went to the dead-letter list (null unless dead). */
  deadAt: number | null;
  /** When and why it was deliberately not sent (null unless skipped). */
  skippedAt: number | null;
  skipReason: string | null;
  claimedBy: string | null;
  claimedUntil: number | null;
}

export interface NewDelivery {
  /** The idempotency key, 1–200 characters; enqueueing the same id again is a no-op. */
  id: string;
  alertId: string;
  channel: DeliveryChannel;
  target: unknown;
  message: unknown;
  createdAt: number;
  /** Defaults to createdAt. */
  nextAttemptAt?: number;
}

export interface DeadDeliveryQuery {
  cursor?: string;
  /** Page size, 1–500. */
  limit: number;
}

export interface DeliveryPage {
  /** Most recently dead first (ties by id, descending). */
  items: Delivery[];
  nextCursor: string | null;
}

/**
 * What one run of an escalation's step timer hands to the store in one call (commitStep): the
 * pages of the step(s) it ran, the compare-and-set of the escalation's step, and what becomes of
 * the timer.
 */
export interface StepCommit {
  alertId: string;
  /** The claimed step timer, and the worker holding it. */
  timerId: string;
  owner: string;
  /** The escalation must still be running and at step `from`; it moves to `to` (≥ from). */
  from: number;
  to: number;
  /** The pages due now (idempotent on their ids). */
  deliveries: readonly NewDelivery[];
  /** The next step's timer: this one moved to `dueAt`, a new one, or none (this one is completed). */
  next: { kind: 'release'; dueAt: number } | { kind: 'schedule'; timer: NewTimer } | { kind: 'complete' };
}

/**
 * The alerting part of the Store (both stores; contract in test-alerting.ts). Every call is atomic
 * on its own. Claims are leases: `claimedUntil = now + leaseMs`; after it the row is claimable again.
 */
export interface AlertingStore {
  /** Inserts or replaces an alert (validated against AlertSchema; its workspaceId must be `ws`). */
  upsertAlert(ws: WorkspaceId, alert: Alert): Promise<void>;
  getAlert(ws: WorkspaceId, id: string): Promise<Alert | null>;
  listAlerts(ws: WorkspaceId, query: AlertQuery): Promise<AlertPage>;
  /** The newest alert of this group key that is not resolved (new, acknowledged or silenced), or null. */
  findOpenAlertByKey(ws: WorkspaceId, groupKey: string): Promise<Alert | null>;

  /** Starts an alert's escalation and returns the one in force: a running escalation is kept as it is; a stopped one is replaced. */
  startEscalation(ws: WorkspaceId, escalation: NewEscalation): Promise<Escalation>;
  getEscalation(ws: WorkspaceId, alertId: string): Promise<Escalation | null>;
  /** getEscalation without the policy snapshot (which a caller that cached it need not parse again). */
  getEscalationProgress(ws: WorkspaceId, alertId: string): Promise<EscalationProgress | null>;
  /** Compare-and-set of the step of a running escalation: false when it is stopped or not at `from`. */
  advanceEscalation(ws: WorkspaceId, alertId: string, from: number, to: number): Promise<boolean>;
  /**
   * Records a step that ran, in one call: when the escalation is still running at `from`, its
   * pages go to the outbox, it moves to `to`, and the timer is released to the next step, replaced
   * by a new one or completed; true. Otherwise (stopped, or moved on by another worker meanwhile)
   * only the timer is completed, nothing is paged; false. On SQLite the whole runs in one
   * transaction; on PostgreSQL the check, the pages and the move are separate statements (a crash
   * between them re-runs the step from its timer: pages are idempotent, so nothing doubles).
   */
  commitStep(ws: WorkspaceId, commit: StepCommit): Promise<boolean>;
  /** Stops a running escalation (idempotent: false, first reason kept, when already stopped or absent). */
  stopEscalation(ws: WorkspaceId, alertId: string, reason: string, at: number): Promise<boolean>;

  /** Idempotent by (workspace, kind, ref, dueAt): returns the stored timer. */
  scheduleTimer(ws: WorkspaceId, timer: NewTimer): Promise<Timer>;
  /** Claims timers due at `now` (of one workspace, or all when null), due first. */
  claimDueTimers(ws: WorkspaceId | null, now: number, options: ClaimOptions): Promise<Timer[]>;
  /** Deletes the timer if `owner` holds it. */
  completeTimer(id: string, owner: string): Promise<boolean>;
  /** Gives the timer back if `owner` holds it: claimable at once, or at `dueAt`. */
  releaseTimer(id: string, owner: string, dueAt?: number): Promise<boolean>;
  /** Deletes one timer by id, whoever holds it (e.g. an alert timer made stale by a newer state); false when absent. */
  deleteTimer(ws: WorkspaceId, id: string): Promise<boolean>;
  /** Deletes the timers about `ref` (of these kinds, or all); returns how many. */
  cancelTimers(ws: WorkspaceId, ref: string, kinds?: readonly TimerKind[]): Promise<number>;
  /** The timers about `ref`, due first. */
  listTimers(ws: WorkspaceId, ref: string): Promise<Timer[]>;

  /** Idempotent on the delivery id (returns the stored one); 'conflict' if another workspace has the id. */
  enqueueDelivery(ws: WorkspaceId, delivery: NewDelivery): Promise<Delivery>;
  getDelivery(ws: WorkspaceId, id: string): Promise<Delivery | null>;
  /** Claims pending deliveries due at `now`, every workspace; each claim counts one attempt. */
  claimDueDeliveries(now: number, options: ClaimOptions): Promise<Delivery[]>;
  /** Pending → sent (whoever holds it). */
  markDeliverySent(id: string, owner: string, at: number): Promise<boolean>;
  /** Pending → skipped by its holder (drill or maintenance: deliberately not sent), with the reason; never claimed again. */
  markDeliverySkipped(id: string, owner: string, reason: string, at: number): Promise<boolean>;
  /** Gives a delivery back by its holder, due at `nextAttemptAt`, without counting the claim as an attempt (rate limits); last error kept. */
  postponeDelivery(id: string, owner: string, nextAttemptAt: number): Promise<boolean>;
  /** A failed attempt by its holder: retried at `nextAttemptAt`, or dead (dead-letter list) when null. */
  markDeliveryFailed(id: string, owner: string, error: string, nextAttemptAt: number | null, at: number): Promise<boolean>;
  /** The dead-letter list, most recently dead first. */
  listDeadDeliveries(ws: WorkspaceId, query: DeadDeliveryQuery): Promise<DeliveryPage>;
  /** Dead → pending, due at `now`, attempts reset. */
  requeueDelivery(ws: WorkspaceId, id: string, now: number): Promise<boolean>;
}
