/**
 * Renders an AlertMessage as a Slack incoming-webhook payload: `text` (the notification fallback)
 * and Block Kit `blocks` — header with severity, the Brand/Severity/Signal/Started fields, why,
 * sample posts, buttons "Acknowledge" (the signed ack link) and "Open in Vigie", and a context
 * line. Drill pages say DRILL in the fallback, the header and a banner. Text from posts is
 * escaped (&, <, >) so that it cannot inject mentions or links; Block Kit length limits are kept.
 */
import type { AlertMessage } from '../../message.ts';
import type { Severity } from '../../../domain/signal.ts';
import { chatLabels, cut, formatUtc } from '../webhook/labels.ts';
import { safeHttpUrl } from '../render/escape.ts';

/** Block Kit limits (docs.slack.dev reference/block-kit/blocks). */
const HEADER_MAX = 150;
const SECTION_MAX = 3000;
const FIELD_MAX = 2000;
const BUTTON_TEXT_MAX = 75;
const SAMPLES_MAX = 3;
const SAMPLE_TEXT_MAX = 280;

const EMOJI: Record<Severity, string> = {
  SEV1: ':rotating_light:',
  SEV2: ':red_circle:',
  SEV3: ':large_orange_circle:',
  SEV4: ':large_yellow_circle:',
};

/** A Block Kit block, loosely typed: the payload is built here and only serialised. */
export type SlackBlock = Record<string, unknown>;

export interface SlackPayload {
  text: string;
  blocks: SlackBlock[];
}

/** Escapes the three characters Slack mrkdwn treats as control characters. */
export function escapeMrkdwn(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** A URL safe inside `<url|label>`: the separators `|` and `>` are percent-encoded. */
function linkUrl(url: string): string {
  return url.replaceAll('|', '%7C').replaceAll('>', '%3E').replaceAll('<', '%3C');
}

export function renderSlackPayload(m: AlertMessage): SlackPayload {
  const l = chatLabels(m.lang);
  const sev = `${l.severity[m.severity]} (${m.severity})`;
  const drill = m.drill ? 'DRILL · ' : '';
  const blocks: SlackBlock[] = [
    {
      type: 'header',
      text: { type: 'plain_text', text: cut(`${drill}${EMOJI[m.severity]} ${sev}: ${m.title}`, HEADER_MAX), emoji: true },
    },
  ];
  if (m.drill) {
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: `:construction: *${escapeMrkdwn(l.drillBanner)}*` } });
  }
  const started = Math.floor(m.startedAt / 1000);
  blocks.push({
    type: 'section',
    text: { type: 'mrkdwn', text: cut(`*${escapeMrkdwn(m.title)}*`, SECTION_MAX) },
    fields: [
      field(l.brand, escapeMrkdwn(m.brand.name)),
      field(l.severityField, escapeMrkdwn(sev)),
      field(l.kindField, escapeMrkdwn(l.kind[m.kind])),
      field(l.started, `<!date^${started}^{date_short_pretty} {time}|${formatUtc(m.startedAt)}>`),
    ],
  });
  if (m.why.length > 0) {
    const lines = m.why.map((w) => `• ${escapeMrkdwn(w)}`).join('\n');
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: cut(`*${escapeMrkdwn(l.why)}*\n${lines}`, SECTION_MAX) } });
  }
  const samples = m.samples.slice(0, SAMPLES_MAX).map((s) => {
    const who = escapeMrkdwn(s.author ?? l.unknownAuthor);
    const link = safeHttpUrl(s.url); // never a javascript: or data: link
    const label = link ? `<${linkUrl(link)}|${who}>` : who;
    return `• ${label}: ${escapeMrkdwn(cut(s.text.replace(/\s+/g, ' ').trim(), SAMPLE_TEXT_MAX))}`;
  });
  if (samples.length > 0) {
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: cut(`*${escapeMrkdwn(l.samples)}*\n${samples.join('\n')}`, SECTION_MAX) },
    });
  }
  blocks.push({ type: 'divider' });
  blocks.push({
    type: 'actions',
    elements: [
      button('vigie_ack', l.acknowledge, m.ackUrl, 'primary'),
      button('vigie_open', l.open, m.url, undefined),
    ],
  });
  const context = [`${escapeMrkdwn(l.alertId)} \`${escapeMrkdwn(m.alertId)}\``, escapeMrkdwn(l.ackHint)];
  if (m.urgency === 'important') context.unshift(`*${escapeMrkdwn(l.important)}*`);
  if (m.drill) context.unshift('*DRILL*');
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: context.join(' · ') }] });
  const text = `${m.drill ? '[DRILL] ' : ''}${m.severity} ${m.brand.name}: ${m.title}`;
  return { text: escapeMrkdwn(cut(text, SECTION_MAX)), blocks };
}

function field(label: string, value: string): SlackBlock {
  return { type: 'mrkdwn', text: cut(`*${escapeMrkdwn(label)}*\n${value}`, FIELD_MAX) };
}

function button(actionId: string, text: string, url: string, style: 'primary' | undefined): SlackBlock {
  return {
    type: 'button',
    action_id: actionId,
    text: { type: 'plain_text', text: cut(text, BUTTON_TEXT_MAX) },
    url,
    ...(style ? { style } : {}),
  };
}
