/**
 * The alert record the state machine works on. It used to be the shared `Alert` plus five state
 * fields kept beside it; those fields (openSignalIds, silencedFrom, remindedAt,
 * firstAcknowledgedAt, autoResolved) are now part of `AlertSchema` (src/alert/alert.ts), so
 * `TrackedAlert` is simply `Alert`. The names stay for the state machine's callers.
 */
import { AlertSchema, type Alert } from '../alert.ts';

export { AUTO_RESOLVER } from '../alert.ts';

/** The five state fields of an alert (a sub-schema of `AlertSchema`). */
export const AlertStateFieldsSchema = AlertSchema.pick({
  openSignalIds: true,
  silencedFrom: true,
  remindedAt: true,
  firstAcknowledgedAt: true,
  autoResolved: true,
});
export type AlertStateFields = Pick<Alert, 'openSignalIds' | 'silencedFrom' | 'remindedAt' | 'firstAcknowledgedAt' | 'autoResolved'>;

/** Alias of `AlertSchema`. */
export const TrackedAlertSchema = AlertSchema;
/** Alias of `Alert`. */
export type TrackedAlert = Alert;
