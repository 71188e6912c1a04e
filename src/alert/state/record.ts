/**
 * The alert record the state machine works on: the shared `Alert` (src/alert/alert.ts) plus the
 * few fields the transitions need and `Alert` does not have yet. They are meant to move into
 * `AlertSchema` (then `TrackedAlert` is simply `Alert`); until then the store keeps them beside it.
 */
import { z } from 'zod';
import { AlertSchema, type Alert } from '../alert.ts';

export const AlertStateFieldsSchema = z.object({
  /** The alert's signals still open (a signal re-emitted as closed leaves this list); `signalOpen` is `openSignalIds.length > 0`. */
  openSignalIds: z.array(z.string()),
  /** The state a silence interrupted (`new` or `acknowledged`), restored when it ends; null when not silenced. */
  silencedFrom: z.enum(['new', 'acknowledged']).nullable(),
  /** When the last reminder went out for the current acknowledgement (null: none yet). */
  remindedAt: z.number().int().nullable(),
  /** The first acknowledgement ever (kept when it lapses), for time-to-acknowledge figures. */
  firstAcknowledgedAt: z.number().int().nullable(),
  /** True when the alert resolved by itself after its signals calmed down. */
  autoResolved: z.boolean(),
});
export type AlertStateFields = z.infer<typeof AlertStateFieldsSchema>;

export const TrackedAlertSchema = AlertSchema.extend(AlertStateFieldsSchema.shape);
export type TrackedAlert = Alert & AlertStateFields;

/** Who resolves alerts that resolve by themselves (`resolvedBy`). */
export const AUTO_RESOLVER = 'vigie:auto-resolve';
