/**
 * A signal arrives (opened, updated or closed by detection): it updates the alert that already holds
 * it, joins an unresolved alert of its key within the grouping window, or opens a new alert. The
 * answer says whether to page (`new` alert, `escalated` severity, or `none`) and why, so noise
 * control (de-duplication, grouping, silences, maintenance) is visible. Pure: time passed in.
 */
import { createHash } from 'node:crypto';
import { maxSeverity, severityRank, type Signal } from '../../domain/signal.ts';
import { groupKey, maintenanceAt, type AlertOptions } from './options.ts';
import type { TrackedAlert } from './record.ts';

export type PageDecision = 'new' | 'escalated' | 'none';

export interface SignalApplied {
  /** The alert created or updated (or, for a duplicate, the alert already holding the signal, unchanged). */
  alert: TrackedAlert;
  created: boolean;
  /** `new`: page for a new alert; `escalated`: page again, the severity rose; `none`: record only. */
  page: PageDecision;
  /** True when the signal brought nothing new (re-emitted as it was). */
  duplicate: boolean;
  /** One English sentence: what happened and why it pages or not. */
  reason: string;
}

const iso = (t: number): string => new Date(t).toISOString();

/** The last instant the signal was active: its last update, or its end once closed. */
function signalTime(signal: Signal): number {
  return signal.status === 'closed' && signal.endedAt !== null ? Math.max(signal.updatedAt, signal.endedAt) : signal.updatedAt;
}

/** Why a page would be held back for this alert now (silence, maintenance), or null. */
function heldBack(alert: TrackedAlert, now: number, options: AlertOptions): string | null {
  if (alert.status === 'silenced')
    return alert.silencedUntil === null ? 'the alert is silenced for good' : `the alert is silenced until ${iso(alert.silencedUntil)}`;
  const m = maintenanceAt(options, alert.brandId, now);
  if (m !== null) return `brand ${alert.brandId} is in maintenance until ${iso(m.to)}`;
  return null;
}

/** A stable alert id from what created it (same inputs, same id; no randomness so replays agree). */
function alertId(workspaceId: string, key: string, signalId: string, now: number): string {
  return 'al_' + createHash('sha256').update(`${workspaceId}\n${key}\n${signalId}\n${now}`).digest('hex').slice(0, 24);
}

function create(signal: Signal, key: string, now: number, options: AlertOptions, why: string): SignalApplied {
  const open = signal.status === 'open';
  const alert: TrackedAlert = {
    id: alertId(signal.workspaceId, key, signal.id, now),
    workspaceId: signal.workspaceId,
    groupKey: key,
    brandId: signal.brandId,
    kind: signal.kind,
    severity: signal.severity,
    status: 'new',
    signalIds: [signal.id],
    title: signal.summary,
    createdAt: now,
    updatedAt: now,
    lastSignalAt: signalTime(signal),
    signalOpen: open,
    acknowledgedAt: null,
    acknowledgedBy: null,
    ackExpiresAt: null,
    resolvedAt: null,
    resolvedBy: null,
    resolutionNote: null,
    silencedUntil: null,
    falseAlarm: false,
    drill: signal.drill,
    routeId: null,
    teamId: null,
    policyHash: null,
    openSignalIds: open ? [signal.id] : [],
    silencedFrom: null,
    remindedAt: null,
    firstAcknowledgedAt: null,
    autoResolved: false,
  };
  const held = heldBack(alert, now, options);
  const drill = signal.drill ? ' (DRILL)' : '';
  return {
    alert,
    created: true,
    page: held === null ? 'new' : 'none',
    duplicate: false,
    reason: `new ${signal.severity} alert ${alert.id}${drill} for signal ${signal.id}: ${why}` + (held === null ? '' : `; not paged: ${held}`),
  };
}

/** Merges the signal into an alert holding it or joining it; null when nothing changes. */
function merge(alert: TrackedAlert, signal: Signal, now: number): TrackedAlert | null {
  const severity = maxSeverity(alert.severity, signal.severity);
  const signalIds = alert.signalIds.includes(signal.id) ? alert.signalIds : [...alert.signalIds, signal.id];
  const others = alert.openSignalIds.filter((id) => id !== signal.id);
  const openSignalIds = signal.status === 'open' ? [...others, signal.id] : others;
  const lastSignalAt = Math.max(alert.lastSignalAt, signalTime(signal));
  const rose = severity !== alert.severity;
  const sameOpen = openSignalIds.length === alert.openSignalIds.length && openSignalIds.every((id) => alert.openSignalIds.includes(id));
  if (!rose && signalIds === alert.signalIds && sameOpen && lastSignalAt === alert.lastSignalAt) return null;
  return {
    ...alert,
    severity,
    title: rose ? signal.summary : alert.title,
    signalIds,
    openSignalIds,
    signalOpen: openSignalIds.length > 0,
    lastSignalAt,
    updatedAt: now,
  };
}

function updated(before: TrackedAlert, after: TrackedAlert, signal: Signal, now: number, options: AlertOptions, what: string): SignalApplied {
  if (severityRank(after.severity) < severityRank(before.severity)) {
    const held = heldBack(after, now, options);
    return {
      alert: after,
      created: false,
      page: held === null ? 'escalated' : 'none',
      duplicate: false,
      reason: `${what}: severity rose from ${before.severity} to ${after.severity}` + (held === null ? '' : `; not paged: ${held}`),
    };
  }
  const closed = signal.status === 'closed' ? ' (signal closed)' : '';
  return { alert: after, created: false, page: 'none', duplicate: false, reason: `${what}${closed}: severity unchanged at ${after.severity}, no page` };
}

/**
 * Applies a signal to the alerts of its key. `alerts` are the workspace's alerts of that key (those
 * of other keys or workspaces are ignored; resolved ones may be included so that a re-emitted signal
 * of a resolved alert is recognised). `category` is the signal's main crisis-trigger category when
 * `groupBy` includes `category` (see groupKey).
 * - The alert already holding the signal (same id) is updated: severity only rises, open/closed and
 *   last-signal time follow the signal; a re-emission bringing nothing new is a duplicate.
 * - A resolved alert is never reopened: its signal re-emitted is a duplicate, unless its severity rose
 *   above the alert's, which opens a new alert.
 * - Otherwise the signal joins the unresolved alert of its key whose last signal is the most recent,
 *   if within `windowMinutes` of the signal's start; else a new alert opens.
 */
export function applySignal(alerts: readonly TrackedAlert[], signal: Signal, now: number, options: AlertOptions, category?: string | null): SignalApplied {
  if (!Number.isSafeInteger(now)) throw new Error(`applySignal: now must be epoch milliseconds (an integer), got ${String(now)}`);
  const key = groupKey(signal, options, category);
  const mine = alerts.filter((a) => a.workspaceId === signal.workspaceId && a.groupKey === key);

  const holders = mine.filter((a) => a.signalIds.includes(signal.id));
  const live = holders.find((a) => a.status !== 'resolved');
  if (live !== undefined) {
    const after = merge(live, signal, now);
    if (after === null)
      return { alert: live, created: false, page: 'none', duplicate: true, reason: `signal ${signal.id} re-emitted unchanged: already in alert ${live.id}` };
    return updated(live, after, signal, now, options, `signal ${signal.id} updated in alert ${live.id}`);
  }
  const resolved = holders.sort((a, b) => b.createdAt - a.createdAt)[0];
  if (resolved !== undefined) {
    if (severityRank(signal.severity) >= severityRank(resolved.severity))
      return {
        alert: resolved,
        created: false,
        page: 'none',
        duplicate: true,
        reason: `signal ${signal.id} re-emitted at ${signal.severity}: its alert ${resolved.id} is resolved and is not reopened`,
      };
    return create(signal, key, now, options, `its alert ${resolved.id} is resolved and the severity rose from ${resolved.severity} to ${signal.severity}`);
  }

  const windowMs = options.windowMinutes * 60_000;
  let target: TrackedAlert | undefined;
  for (const a of mine) {
    if (a.status === 'resolved' || signal.startedAt - a.lastSignalAt > windowMs) continue;
    if (target === undefined || a.lastSignalAt > target.lastSignalAt) target = a;
  }
  if (target === undefined) {
    const others = mine.filter((a) => a.status !== 'resolved').length;
    return create(signal, key, now, options, others === 0 ? `no unresolved alert for ${key}` : `no unresolved alert for ${key} had a signal within ${options.windowMinutes} min`);
  }
  const after = merge(target, signal, now);
  // merge never returns null here: the signal id is new to the alert.
  if (after === null) throw new Error('applySignal: internal error, joining a signal changed nothing');
  return updated(target, after, signal, now, options, `signal ${signal.id} joined alert ${target.id}`);
}
