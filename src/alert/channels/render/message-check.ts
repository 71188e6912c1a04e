/**
 * The checks every channel makes on an AlertMessage before rendering it: the alert link and the
 * acknowledgement link must be absolute http(s) URLs (a page without a working ack link is worse
 * than a failed delivery, which at least reaches the dead-letter list).
 */
import type { AlertMessage } from '../../message.ts';
import { safeHttpUrl } from './escape.ts';

/** A clear description of what is wrong with the message, or null when it can be rendered. */
export function messageProblem(message: AlertMessage): string | null {
  if (safeHttpUrl(message.ackUrl) === null) {
    return `message ${message.deliveryId}: field ackUrl must be an absolute http(s) URL (got ${JSON.stringify(message.ackUrl)})`;
  }
  if (safeHttpUrl(message.url) === null) {
    return `message ${message.deliveryId}: field url must be an absolute http(s) URL (got ${JSON.stringify(message.url)})`;
  }
  if (message.title.trim() === '') return `message ${message.deliveryId}: field title is empty`;
  return null;
}
