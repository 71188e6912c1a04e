/**
 * The chat channels' (Slack, Teams) view of the shared French and English labels
 * (src/alert/channels/render/labels.ts): one table of words for every channel.
 */
import type { Severity, SignalKind } from '../../../domain/signal.ts';
import type { MessageLang } from '../../message.ts';
import { labels } from '../render/labels.ts';

export interface ChatLabels {
  severity: Record<Severity, string>;
  kind: Record<SignalKind, string>;
  drillBanner: string;
  important: string;
  urgencyField: string;
  brand: string;
  severityField: string;
  kindField: string;
  started: string;
  why: string;
  samples: string;
  acknowledge: string;
  open: string;
  ackHint: string;
  alertId: string;
  unknownAuthor: string;
}

export function chatLabels(lang: MessageLang): ChatLabels {
  const l = labels(lang);
  return {
    severity: l.severity,
    kind: l.kind,
    drillBanner: l.drillNotice,
    important: l.important,
    urgencyField: l.urgency,
    brand: l.brand,
    severityField: l.severityHeading,
    kindField: l.signal,
    started: l.started,
    why: l.why,
    samples: l.samples,
    acknowledge: l.acknowledge,
    open: l.open,
    ackHint: l.ackHint,
    alertId: l.alert,
    unknownAuthor: l.unknownAuthor,
  };
}

/** "2026-03-12 14:12 UTC": unambiguous whatever the reader's time zone. */
export function formatUtc(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** Cuts `text` to `max` characters (code points), ending with "…" when cut. */
export function cut(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : chars.slice(0, max - 1).join('') + '…';
}
