/**
 * The in-app channel: publishes a page to the user's open Vigie windows through the InAppHub (they
 * read it as a `page` server-sent event, see src/api/routes/inapp.ts).
 *
 * Delivered means at least one open window of the user got it. With no window open the result is
 * a retryable failure, so the outbox tries again with back-off (the page also waits in the hub's
 * backlog for a window that reconnects) and, if the user never opens Vigie, ends in the dead-letter
 * list where it is visible. The page's deliveryId is the hub's de-duplication key: a redelivery
 * never shows twice in a window.
 */
import type { AlertMessage, Channel, DeliveryResult } from '../../message.ts';
import { messageProblem } from '../render/message-check.ts';
import type { InAppHub } from './hub.ts';
import { INAPP_EVENT, inAppPage } from './inapp-page.ts';

export interface InAppTarget {
  /** The id of the user whose open Vigie windows are paged. */
  user: string;
}

export function createInAppChannel(hub: InAppHub): Channel<InAppTarget> {
  return {
    kind: 'inapp',
    async send(message: AlertMessage, target: InAppTarget): Promise<DeliveryResult> {
      if (typeof target?.user !== 'string' || target.user === '')
        return { ok: false, retryable: false, error: 'in-app: the contact target names no user; give it { user: <user id> }' };
      const problem = messageProblem(message);
      if (problem !== null) return { ok: false, retryable: false, error: `in-app: ${problem}` };
      if (message.deliveryId === '')
        return { ok: false, retryable: false, error: 'in-app: message.deliveryId is empty; windows de-duplicate pages on it, so it must be set' };
      const data = JSON.stringify(inAppPage(message));
      const streams = hub.publish(target.user, { name: INAPP_EVENT, data, key: message.deliveryId });
      if (streams > 0) return { ok: true };
      return {
        ok: false,
        retryable: true,
        error: `in-app: user "${target.user}" has no open Vigie window right now; the page is retried with back-off until one opens (other contacts in the user's rules still page them)`,
      };
    },
  };
}
