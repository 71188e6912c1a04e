/**
 * Keeps an alert durable with its one alert timer. The store holds the whole alert record (the
 * state fields included, see AlertSchema); besides it, every alert that has something due keeps
 * exactly one alert timer (ack timeout, reminder, silence expiry or auto-resolve) at `nextDueAt`.
 * An alert with nothing due (or resolved) has none.
 */
import type { WorkspaceId } from '../../domain/ids.ts';
import type { AlertingStore, TimerKind } from '../../store/alerting-types.ts';
import type { Alert } from '../alert.ts';
import type { AlertOptions } from '../state/options.ts';
import { nextDueAt } from '../state/tick.ts';

/** The alert-timer kinds (one per alert with something due, at a time). */
export const ALERT_TIMER_KINDS: readonly TimerKind[] = ['ack-timeout', 'reminder', 'silence-expiry', 'auto-resolve'];

/** Reads an alert (with its state fields), or null when absent. */
export function loadTracked(store: AlertingStore, ws: WorkspaceId, id: string): Promise<Alert | null> {
  return store.getAlert(ws, id);
}

/** The kind of the alert timer due at `due` (a label: the handler runs `tick`, whatever the kind). */
function timerKind(a: Alert, due: number): TimerKind {
  if (a.status === 'silenced' && a.silencedUntil === due) return 'silence-expiry';
  if (a.status === 'acknowledged') return a.ackExpiresAt === due ? 'ack-timeout' : 'reminder';
  return 'auto-resolve';
}

/** Where an alert's timer now is: its kind and due time. */
export interface AlertTimerSlot {
  kind: TimerKind;
  dueAt: number;
}

/**
 * Stores the alert and moves its alert timer to `nextDueAt`; returns the slot, or null when nothing
 * is due (no timer left). The new timer is written before the stale ones are deleted (by id,
 * whoever holds them), so a crash in between leaves an extra timer (harmless: its handler runs
 * `tick`, which finds nothing due), never none.
 */
export async function saveTracked(store: AlertingStore, ws: WorkspaceId, alert: Alert, options: AlertOptions): Promise<AlertTimerSlot | null> {
  await store.upsertAlert(ws, alert);
  const due = alert.status === 'resolved' ? null : nextDueAt(alert, options);
  const slot = due === null ? null : { kind: timerKind(alert, due), dueAt: due };
  if (slot !== null) await store.scheduleTimer(ws, { kind: slot.kind, ref: alert.id, dueAt: slot.dueAt });
  const existing = (await store.listTimers(ws, alert.id)).filter((t) => ALERT_TIMER_KINDS.includes(t.kind));
  for (const t of existing) if (slot === null || t.kind !== slot.kind || t.dueAt !== slot.dueAt) await store.deleteTimer(ws, t.id);
  return slot;
}
