/**
 * Renders an AlertMessage as one SMS body of at most 320 characters (UTF-16 code units, so at
 * most 5 segments even when non-GSM characters force UCS-2): DRILL marker, severity, brand, title
 * and the acknowledgement link, in French or English. The ack link is never cut (a cut link is
 * useless); the brand and the title are shortened to make room. Separators are ASCII to keep
 * English texts in the cheaper GSM-7 alphabet when possible.
 */
import type { AlertMessage } from '../../message.ts';
import { oneLine, truncate } from '../render/escape.ts';
import { labels } from '../render/labels.ts';

/** The most an SMS body may hold. */
export const SMS_MAX_CHARS = 320;
const BRAND_MAX = 40;
/** Below this many characters for "brand: title", the SMS would not say what happened. */
const MIN_SUBJECT_CHARS = 20;

export type SmsBody = { ok: true; body: string } | { ok: false; error: string };

/** The SMS text for a message, or why it cannot be written within 320 characters. */
export function renderSms(message: AlertMessage): SmsBody {
  const l = labels(message.lang);
  const head = `${message.drill ? `[${l.drill}] ` : ''}${message.severity} ${l.severity[message.severity]} | `;
  const tail = ` | ${l.acknowledge}${l.colon}${message.ackUrl}`;
  const room = SMS_MAX_CHARS - head.length - tail.length;
  if (room < MIN_SUBJECT_CHARS) {
    return {
      ok: false,
      error: `message ${message.deliveryId}: field ackUrl is ${message.ackUrl.length} characters, too long for an SMS of ${SMS_MAX_CHARS} (keep ack links under ${SMS_MAX_CHARS - head.length - ` | ${l.acknowledge}${l.colon}`.length - MIN_SUBJECT_CHARS} characters: use a shorter public base URL or a short ack link)`,
    };
  }
  const brand = truncate(oneLine(message.brand.name), BRAND_MAX);
  const subject = truncate(`${brand}: ${oneLine(message.title)}`, room);
  return { ok: true, body: head + subject + tail };
}
