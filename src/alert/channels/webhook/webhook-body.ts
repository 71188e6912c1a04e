/**
 * The JSON body Vigie posts to a generic webhook: the AlertMessage itself under `data`, wrapped in
 * the Standard Webhooks payload shape (`type`, `timestamp`) plus a `version` so that receivers can
 * tell future shapes apart. The exact bytes produced here are the bytes signed and sent.
 */
import type { AlertMessage } from '../../message.ts';

/** Event type of an alert notification (a drill carries `data.drill: true` and the same type). */
export const WEBHOOK_EVENT_TYPE = 'alert.notification';
/** Bumped on any incompatible change of `data`. */
export const WEBHOOK_BODY_VERSION = 1;

export interface WebhookBody {
  type: typeof WEBHOOK_EVENT_TYPE;
  version: typeof WEBHOOK_BODY_VERSION;
  /** When this notification was sent (ISO 8601, UTC). */
  timestamp: string;
  data: AlertMessage & { startedAtIso: string };
}

export function webhookBody(message: AlertMessage, sentAt: number): string {
  const body: WebhookBody = {
    type: WEBHOOK_EVENT_TYPE,
    version: WEBHOOK_BODY_VERSION,
    timestamp: new Date(sentAt).toISOString(),
    data: { ...message, startedAtIso: new Date(message.startedAt).toISOString() },
  };
  return JSON.stringify(body);
}
