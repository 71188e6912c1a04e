/**
 * The changes time brings to an alert: a silence that ends, an acknowledgement that lapses (back to
 * `new`, paging again), auto-resolve once its signals have calmed down, and reminders to whoever
 * acknowledged it. `tick` applies what is due at `now`; `nextDueAt` says when it must next run, so
 * the durable timers store one instant per alert. Pure: time passed in.
 */
import { maintenanceAt, type AlertOptions } from './options.ts';
import { AUTO_RESOLVER, type TrackedAlert } from './record.ts';
import { endSilence } from './transitions.ts';

export type DueChange =
  /** The silence ran out: the alert is back in the state it had before (`new` if its acknowledgement lapsed meanwhile). */
  | { kind: 'silence_ended'; to: 'new' | 'acknowledged'; reason: string }
  /** Nobody resolved it in time after acknowledging: back to `new`; `page` false when a maintenance window holds it back. */
  | { kind: 'ack_timeout'; page: boolean; reason: string }
  /** All its signals have been closed for `afterCalmMinutes`: resolved by itself. */
  | { kind: 'auto_resolved'; reason: string }
  /** Remind whoever acknowledged it (`to`); `page` false when a maintenance window holds it back. */
  | { kind: 'reminder'; to: string; page: boolean; reason: string };

export interface TickResult {
  /** The alert after the due changes (the same object when nothing was due). */
  alert: TrackedAlert;
  /** The changes made, in order; empty when nothing was due. */
  changes: DueChange[];
}

const iso = (t: number): string => new Date(t).toISOString();

/** When the alert auto-resolves if nothing else happens, or null. */
function autoResolveAt(a: TrackedAlert, options: AlertOptions): number | null {
  if (!options.autoResolve.enabled || a.status === 'resolved' || a.openSignalIds.length > 0) return null;
  return a.lastSignalAt + options.autoResolve.afterCalmMinutes * 60_000;
}

/** When the next reminder is due, or null. */
function reminderAt(a: TrackedAlert, options: AlertOptions): number | null {
  if (a.status !== 'acknowledged' || options.reminderMinutes === null || a.acknowledgedAt === null) return null;
  return (a.remindedAt ?? a.acknowledgedAt) + options.reminderMinutes * 60_000;
}

/** Applies the changes due at `now`. Late ticks catch up once: several missed reminders make one. */
export function tick(alert: TrackedAlert, now: number, options: AlertOptions): TickResult {
  if (!Number.isSafeInteger(now)) throw new Error(`tick: now must be epoch milliseconds (an integer), got ${String(now)}`);
  let a = alert;
  const changes: DueChange[] = [];
  if (a.status === 'resolved') return { alert: a, changes };
  const held = maintenanceAt(options, a.brandId, now);
  const heldWhy = held === null ? '' : `; not paged: brand ${a.brandId} is in maintenance until ${iso(held.to)}`;

  if (a.status === 'silenced' && a.silencedUntil !== null && a.silencedUntil <= now) {
    const before = a;
    a = endSilence(a, now);
    const to = a.status === 'acknowledged' ? 'acknowledged' : 'new';
    changes.push({ kind: 'silence_ended', to, reason: `the silence of alert ${a.id} ended at ${iso(before.silencedUntil ?? now)}: back to ${to}` });
    if (before.silencedFrom === 'acknowledged' && to === 'new')
      changes.push({
        kind: 'ack_timeout',
        page: held === null,
        reason: `the acknowledgement by ${before.acknowledgedBy ?? 'someone'} lapsed during the silence (at ${iso(before.ackExpiresAt ?? now)}): back to new${heldWhy}`,
      });
  }

  const resolveAt = autoResolveAt(a, options);
  if (resolveAt !== null && resolveAt <= now) {
    a = {
      ...a,
      status: 'resolved',
      resolvedAt: now,
      resolvedBy: AUTO_RESOLVER,
      resolutionNote: null,
      autoResolved: true,
      falseAlarm: false,
      ackExpiresAt: null,
      silencedUntil: null,
      silencedFrom: null,
      updatedAt: now,
    };
    changes.push({
      kind: 'auto_resolved',
      reason: `alert ${a.id} resolved by itself: its signals have been calm since ${iso(a.lastSignalAt)} (${options.autoResolve.afterCalmMinutes} min or more)`,
    });
    return { alert: a, changes };
  }

  if (a.status === 'acknowledged' && a.ackExpiresAt !== null && a.ackExpiresAt <= now) {
    const by = a.acknowledgedBy ?? 'someone';
    a = { ...a, status: 'new', acknowledgedAt: null, acknowledgedBy: null, ackExpiresAt: null, remindedAt: null, updatedAt: now };
    changes.push({
      kind: 'ack_timeout',
      page: held === null,
      reason: `the acknowledgement of alert ${a.id} by ${by} lapsed (not resolved within ${options.ackTimeoutMinutes ?? '?'} min): back to new${heldWhy}`,
    });
    return { alert: a, changes };
  }

  const remindAt = reminderAt(a, options);
  if (remindAt !== null && remindAt <= now) {
    const to = a.acknowledgedBy ?? '';
    a = { ...a, remindedAt: now, updatedAt: now };
    changes.push({
      kind: 'reminder',
      to,
      page: held === null,
      reason: `alert ${a.id} is still unresolved ${Math.round((now - (a.acknowledgedAt ?? now)) / 60_000)} min after ${to} acknowledged it${heldWhy}`,
    });
  }
  return { alert: a, changes };
}

/** The next instant `tick` has something to do for this alert, or null (resolved, or nothing scheduled). */
export function nextDueAt(alert: TrackedAlert, options: AlertOptions): number | null {
  const due: number[] = [];
  const r = autoResolveAt(alert, options);
  if (r !== null) due.push(r);
  if (alert.status === 'silenced' && alert.silencedUntil !== null) due.push(alert.silencedUntil);
  if (alert.status === 'acknowledged' && alert.ackExpiresAt !== null) due.push(alert.ackExpiresAt);
  const m = reminderAt(alert, options);
  if (m !== null) due.push(m);
  return due.length === 0 ? null : Math.min(...due);
}
