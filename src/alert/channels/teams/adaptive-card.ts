/**
 * Renders an AlertMessage as the body a Microsoft Teams Workflows webhook ("When a Teams webhook
 * request is received") accepts: `{"type":"message","attachments":[{"contentType":
 * "application/vnd.microsoft.card.adaptive","contentUrl":null,"content":<AdaptiveCard 1.4>}]}`.
 * Legacy O365 MessageCards are refused by Workflows, so only this envelope is produced.
 * The card has the severity header, Brand/Severity/Signal/Started facts, why, sample posts and
 * two Action.OpenUrl buttons (Acknowledge with the signed link, Open in Vigie). Drill cards carry
 * a DRILL banner and title. Text from posts is markdown-escaped so it cannot forge links.
 */
import type { AlertMessage } from '../../message.ts';
import type { Severity } from '../../../domain/signal.ts';
import { chatLabels, cut, formatUtc } from '../webhook/labels.ts';
import { safeHttpUrl } from '../render/escape.ts';

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';
export const ADAPTIVE_CARD_VERSION = '1.4';

const SAMPLES_MAX = 3;
const SAMPLE_TEXT_MAX = 280;

/** A card element, loosely typed: the card is built here and only serialised. */
export type CardElement = Record<string, unknown>;

export interface TeamsEnvelope {
  type: 'message';
  attachments: [{ contentType: typeof ADAPTIVE_CARD_CONTENT_TYPE; contentUrl: null; content: CardElement }];
}

const COLOR: Record<Severity, string> = { SEV1: 'Attention', SEV2: 'Attention', SEV3: 'Warning', SEV4: 'Default' };

/**
 * Backslash-escapes the markdown characters that could make post text bold, italic or a link in an
 * Adaptive Card TextBlock. Parentheses are left alone: without brackets they cannot form a link.
 */
export function escapeCardMarkdown(text: string): string {
  return text.replace(/[\\*_[\]~`]/g, (c) => `\\${c}`);
}

export function renderTeamsEnvelope(m: AlertMessage): TeamsEnvelope {
  const l = chatLabels(m.lang);
  const sev = `${l.severity[m.severity]} (${m.severity})`;
  const body: CardElement[] = [];
  if (m.drill) {
    body.push({
      type: 'Container',
      style: 'warning',
      items: [{ type: 'TextBlock', text: escapeCardMarkdown(l.drillBanner), weight: 'Bolder', wrap: true }],
    });
  }
  body.push({
    type: 'TextBlock',
    text: escapeCardMarkdown(`${m.drill ? 'DRILL · ' : ''}${sev}: ${m.title}`),
    weight: 'Bolder',
    size: 'Large',
    color: COLOR[m.severity],
    wrap: true,
  });
  const facts = [
    { title: l.brand, value: escapeCardMarkdown(m.brand.name) },
    { title: l.severityField, value: escapeCardMarkdown(sev) },
    { title: l.kindField, value: escapeCardMarkdown(l.kind[m.kind]) },
    { title: l.started, value: formatUtc(m.startedAt) },
  ];
  if (m.urgency === 'important') facts.push({ title: l.urgencyField, value: escapeCardMarkdown(l.important) });
  body.push({ type: 'FactSet', facts });
  if (m.why.length > 0) {
    body.push({ type: 'TextBlock', text: escapeCardMarkdown(l.why), weight: 'Bolder', wrap: true });
    for (const w of m.why) body.push({ type: 'TextBlock', text: `• ${escapeCardMarkdown(w)}`, wrap: true, spacing: 'None' });
  }
  const samples = m.samples.slice(0, SAMPLES_MAX);
  if (samples.length > 0) {
    body.push({ type: 'TextBlock', text: escapeCardMarkdown(l.samples), weight: 'Bolder', wrap: true });
    for (const s of samples) {
      const who = escapeCardMarkdown(s.author ?? l.unknownAuthor);
      const link = safeHttpUrl(s.url); // never a javascript: or data: link
      const label = link ? `[${who}](${link.replaceAll('(', '%28').replaceAll(')', '%29')})` : who;
      const text = escapeCardMarkdown(cut(s.text.replace(/\s+/g, ' ').trim(), SAMPLE_TEXT_MAX));
      body.push({ type: 'TextBlock', text: `• ${label}: ${text}`, wrap: true, spacing: 'None' });
    }
  }
  body.push({
    type: 'TextBlock',
    text: escapeCardMarkdown(`${m.drill ? 'DRILL · ' : ''}${l.alertId} ${m.alertId} · ${l.ackHint}`),
    isSubtle: true,
    size: 'Small',
    wrap: true,
  });
  const content: CardElement = {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: ADAPTIVE_CARD_VERSION,
    msteams: { width: 'Full' },
    fallbackText: `${m.drill ? '[DRILL] ' : ''}${m.severity} ${m.brand.name}: ${m.title}`,
    body,
    actions: [
      { type: 'Action.OpenUrl', title: l.acknowledge, url: m.ackUrl, style: 'positive' },
      { type: 'Action.OpenUrl', title: l.open, url: m.url },
    ],
  };
  return {
    type: 'message',
    attachments: [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, contentUrl: null, content }],
  };
}
