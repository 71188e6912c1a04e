/**
 * The JSON document an open Vigie window receives for one page (the `data` of a `page` server-sent
 * event): the AlertMessage, with the words a UI shows already chosen in the user's language
 * (heading, severity and signal names, drill notice), times also in ISO 8601, and post links kept
 * only when they are http(s). Texts are plain text: the UI must escape them (never render as HTML).
 */
import type { Severity, SignalKind } from '../../../domain/signal.ts';
import type { AlertMessage, MessageLang, Urgency } from '../../message.ts';
import { oneLine, safeHttpUrl } from '../render/escape.ts';
import { labels, severityText } from '../render/labels.ts';

/** Name of the server-sent event that carries a page. */
export const INAPP_EVENT = 'page';
/** Bumped on any incompatible change of the document. */
export const INAPP_PAGE_VERSION = 1;

/**
 * How a drill is named in a heading. French readers get "EXERCICE", with "DRILL" kept beside it
 * because every channel marks drills with that word (filters and searches match it).
 */
const DRILL_WORD: Record<MessageLang, string> = { en: 'DRILL', fr: 'EXERCICE (DRILL)' };

export interface InAppPage {
  type: 'alert.page';
  version: typeof INAPP_PAGE_VERSION;
  alertId: string;
  /** The idempotency key of the delivery: a UI shows each one once. */
  deliveryId: string;
  brand: { id: string; name: string };
  severity: Severity;
  /** "Critical" / "Critique". */
  severityLabel: string;
  kind: SignalKind;
  /** "Negative mentions spike" / "Pic de mentions négatives". */
  kindLabel: string;
  title: string;
  why: string[];
  samples: { text: string; author: string | null; url: string | null }[];
  url: string;
  ackUrl: string;
  /** Epoch ms. */
  startedAt: number;
  startedAtIso: string;
  urgency: Urgency;
  drill: boolean;
  lang: MessageLang;
  /** One line to show as the notification's title: "[DRILL] SEV1 · Critical — Brand: title". */
  heading: string;
  /** The drill banner text, or null for a real page. */
  drillNotice: string | null;
}

/** The heading line in the message's language, "DRILL"/"EXERCICE (DRILL)" first for drills. */
export function inAppHeading(message: AlertMessage): string {
  const l = labels(message.lang);
  const drill = message.drill ? `[${DRILL_WORD[message.lang]}] ` : '';
  const important = message.urgency === 'important' ? ` (${l.important})` : '';
  return `${drill}${severityText(message.severity, message.lang)}${important} — ${oneLine(message.brand.name)}${l.colon}${oneLine(message.title)}`;
}

export function inAppPage(message: AlertMessage): InAppPage {
  const l = labels(message.lang);
  return {
    type: 'alert.page',
    version: INAPP_PAGE_VERSION,
    alertId: message.alertId,
    deliveryId: message.deliveryId,
    brand: { id: message.brand.id, name: message.brand.name },
    severity: message.severity,
    severityLabel: l.severity[message.severity],
    kind: message.kind,
    kindLabel: l.kind[message.kind],
    title: message.title,
    why: [...message.why],
    samples: message.samples.map((s) => ({ text: s.text, author: s.author, url: safeHttpUrl(s.url) })),
    url: message.url,
    ackUrl: message.ackUrl,
    startedAt: message.startedAt,
    startedAtIso: new Date(message.startedAt).toISOString(),
    urgency: message.urgency,
    drill: message.drill,
    lang: message.lang,
    heading: inAppHeading(message),
    drillNotice: message.drill ? l.drillNotice : null,
  };
}
