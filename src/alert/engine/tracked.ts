/**
 * Keeps the state machine's full alert record (`TrackedAlert`) durable. The store validates alerts
 * against `AlertSchema`, which drops the five extra fields of `record.ts` (openSignalIds,
 * silencedFrom, remindedAt, firstAcknowledgedAt, autoResolved). Until they move into `AlertSchema`,
 * they ride in the payload of the alert's own timer: every unresolved alert keeps exactly one alert
 * timer (at `nextDueAt`, or parked at PARKED_AT when nothing is due), whose payload is
 * `{ state, alertUpdatedAt }`. Reading prefers, in order: the fields on the stored alert itself (once
 * the schema has them), the timer payload written with this version of the alert, then a derivation
 * from the alert (exact except for a multi-signal alert's open list and the last reminder time).
 */
import type { WorkspaceId } from '../../domain/ids.ts';
import type { AlertingStore, TimerKind } from '../../store/alerting-types.ts';
import type { Alert } from '../alert.ts';
import type { AlertOptions } from '../state/options.ts';
import { AlertStateFieldsSchema, AUTO_RESOLVER, TrackedAlertSchema, type AlertStateFields, type TrackedAlert } from '../state/record.ts';
import { nextDueAt } from '../state/tick.ts';

/** The alert-timer kinds (one per unresolved alert at a time). */
export const ALERT_TIMER_KINDS: readonly TimerKind[] = ['ack-timeout', 'reminder', 'silence-expiry', 'auto-resolve'];
/** Due time of a parked alert timer (nothing due): 9999-12-31, it only carries the state. */
export const PARKED_AT = 253_402_300_799_000;

interface StatePayload {
  state: AlertStateFields;
  alertUpdatedAt: number;
}

function stateOf(a: TrackedAlert): AlertStateFields {
  return {
    openSignalIds: a.openSignalIds,
    silencedFrom: a.silencedFrom,
    remindedAt: a.remindedAt,
    firstAcknowledgedAt: a.firstAcknowledgedAt,
    autoResolved: a.autoResolved,
  };
}

/** The extra fields guessed from the alert alone (used when no saved state matches). */
export function deriveState(a: Alert): AlertStateFields {
  return {
    openSignalIds: a.signalOpen ? [...a.signalIds] : [],
    silencedFrom: a.status === 'silenced' ? (a.acknowledgedAt !== null ? 'acknowledged' : 'new') : null,
    remindedAt: null,
    firstAcknowledgedAt: a.acknowledgedAt,
    autoResolved: a.status === 'resolved' && a.resolvedBy === AUTO_RESOLVER,
  };
}

function payloadState(p: unknown, updatedAt: number): AlertStateFields | null {
  if (p === null || typeof p !== 'object') return null;
  const { state, alertUpdatedAt } = p as Partial<StatePayload>;
  if (alertUpdatedAt !== updatedAt) return null;
  const r = AlertStateFieldsSchema.safeParse(state);
  return r.success ? r.data : null;
}

/** Reads an alert with its state fields, or null when absent. */
export async function loadTracked(store: AlertingStore, ws: WorkspaceId, id: string): Promise<TrackedAlert | null> {
  const alert = await store.getAlert(ws, id);
  return alert === null ? null : withState(store, ws, alert);
}

/** Adds the state fields to a stored alert (see the module doc for where they come from). */
export async function withState(store: AlertingStore, ws: WorkspaceId, alert: Alert): Promise<TrackedAlert> {
  const full = TrackedAlertSchema.safeParse(alert);
  if (full.success) return full.data;
  const timers = await store.listTimers(ws, alert.id);
  for (const t of timers) {
    if (!ALERT_TIMER_KINDS.includes(t.kind)) continue;
    const s = payloadState(t.payload, alert.updatedAt);
    if (s !== null) return { ...alert, ...s };
  }
  return { ...alert, ...deriveState(alert) };
}

/** The kind of the alert timer due next (a label: the handler runs `tick`, whatever the kind); null when resolved. */
function timerKind(a: TrackedAlert, due: number | null): TimerKind | null {
  if (a.status === 'resolved') return null;
  if (a.status === 'silenced' && due !== null && a.silencedUntil === due) return 'silence-expiry';
  if (a.status === 'acknowledged' && due !== null) return a.ackExpiresAt === due ? 'ack-timeout' : 'reminder';
  return 'auto-resolve';
}

/** Where an alert's timer now is: its kind and due time (PARKED_AT when nothing is due), or null once resolved. */
export interface AlertTimerSlot {
  kind: TimerKind;
  dueAt: number;
}

/**
 * Stores the alert and moves its alert timer to `nextDueAt` (or parks it), carrying the state
 * fields; removes it once resolved. The new timer is written before the old ones go, so a crash in
 * between leaves an extra timer (harmless: its handler runs `tick`, which finds nothing due), never
 * none — except when the same slot must take a newer payload (the store keeps the first payload
 * of a slot), where the old one is dropped first.
 */
export async function saveTracked(store: AlertingStore, ws: WorkspaceId, alert: TrackedAlert, options: AlertOptions): Promise<AlertTimerSlot | null> {
  // The store validates against AlertSchema and drops the extra fields itself.
  await store.upsertAlert(ws, alert);
  const due = nextDueAt(alert, options);
  const kind = timerKind(alert, due);
  const existing = (await store.listTimers(ws, alert.id)).filter((t) => ALERT_TIMER_KINDS.includes(t.kind));
  if (kind === null) {
    if (existing.length > 0) await store.cancelTimers(ws, alert.id, ALERT_TIMER_KINDS);
    return null;
  }
  const dueAt = due ?? PARKED_AT;
  const payload: StatePayload = { state: stateOf(alert), alertUpdatedAt: alert.updatedAt };
  const same = existing.find((t) => t.kind === kind && t.dueAt === dueAt);
  if (same !== undefined && payloadState(same.payload, alert.updatedAt) === null) await store.cancelTimers(ws, alert.id, [kind]);
  await store.scheduleTimer(ws, { kind, ref: alert.id, dueAt, payload });
  const otherKinds = [...new Set(existing.map((t) => t.kind))].filter((k) => k !== kind);
  if (otherKinds.length > 0) await store.cancelTimers(ws, alert.id, otherKinds);
  return { kind, dueAt };
}
