import { z } from 'zod';
import { SeveritySchema, SignalKindSchema } from '../domain/signal.ts';

/**
 * An alert: the signals of one group (by default brand + kind) within a window, and what people
 * did about it. States: `new → acknowledged → resolved`; `silenced` until a time or for good; an
 * acknowledgement that times out sends the alert back to `new`. Shared by the state machine
 * (alert-state), the store and the escalation engine.
 */
export const AlertStatusSchema = z.enum(['new', 'acknowledged', 'resolved', 'silenced']);
export type AlertStatus = z.infer<typeof AlertStatusSchema>;

export const AlertSchema = z.object({
  id: z.string().min(1).max(200),
  workspaceId: z.string(),
  /** The grouping key (e.g. `kerlann:negative_volume`): signals with the same key within the window join this alert. */
  groupKey: z.string().min(1).max(400),
  brandId: z.string(),
  kind: SignalKindSchema,
  /** The highest severity of its signals. */
  severity: SeveritySchema,
  status: AlertStatusSchema,
  /** The signals grouped here, oldest first. */
  signalIds: z.array(z.string()),
  title: z.string(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
  /** When its last signal was opened or updated (grouping window and auto-resolve count from here). */
  lastSignalAt: z.number().int(),
  /** True while one of its signals is still open. */
  signalOpen: z.boolean(),
  acknowledgedAt: z.number().int().nullable(),
  acknowledgedBy: z.string().nullable(),
  /** When an acknowledgement lapses and the alert goes back to `new` (null: no timeout). */
  ackExpiresAt: z.number().int().nullable(),
  resolvedAt: z.number().int().nullable(),
  resolvedBy: z.string().nullable(),
  resolutionNote: z.string().nullable(),
  /** Silenced until this time; null with status `silenced` means for good. */
  silencedUntil: z.number().int().nullable(),
  /** Marked a false alarm by whoever resolved it (alert-quality figures). */
  falseAlarm: z.boolean(),
  /** Drill alerts page no real channel unless asked, and say DRILL. */
  drill: z.boolean(),
  /** The route and team that took it, and the hash of the policy snapshot escalating it. */
  routeId: z.string().nullable(),
  teamId: z.string().nullable(),
  policyHash: z.string().nullable(),
  /** The alert's signals still open (a signal re-emitted as closed leaves this list); `signalOpen` is `openSignalIds.length > 0`. */
  openSignalIds: z.array(z.string()),
  /** The state a silence interrupted (`new` or `acknowledged`), restored when it ends; null when not silenced. */
  silencedFrom: z.enum(['new', 'acknowledged']).nullable(),
  /** When the last reminder went out for the current acknowledgement (null: none yet). */
  remindedAt: z.number().int().nullable(),
  /** The first acknowledgement ever (kept when it lapses), for time-to-acknowledge figures. */
  firstAcknowledgedAt: z.number().int().nullable(),
  /** True when the alert resolved by itself after its signals calmed down (then `resolvedBy` is AUTO_RESOLVER). */
  autoResolved: z.boolean(),
});
export type Alert = z.infer<typeof AlertSchema>;

/** Who resolves alerts that resolve by themselves (`resolvedBy`). */
export const AUTO_RESOLVER = 'vigie:auto-resolve';
