/**
 * Renders an AlertMessage as an e-mail: subject, plain-text part and HTML part, in French or
 * English (message.lang). Pure: no I/O, so the wording can be tested without a server. Every
 * untrusted string (brand name, title, reasons, post texts and authors) is escaped in the HTML,
 * and post links are rendered only when they are http(s).
 */
import type { AlertMessage } from '../../message.ts';
import { escapeHtml, oneLine, safeHttpUrl, truncate } from '../render/escape.ts';
import { formatInstant, labels, severityText } from '../render/labels.ts';

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

export interface EmailRenderOptions {
  /** IANA time zone for the start time (default UTC). */
  timeZone?: string;
  /** At most this many sample posts (default 3). */
  maxSamples?: number;
}

const SUBJECT_MAX = 200;
const SAMPLE_TEXT_MAX = 280;

const SEVERITY_COLOURS: Record<AlertMessage['severity'], string> = {
  SEV1: '#b00020',
  SEV2: '#d9480f',
  SEV3: '#b08800',
  SEV4: '#495057',
};

/** The subject: "[DRILL] [SEV1 · Critical] Brand: title", one line, at most 200 characters. */
export function emailSubject(message: AlertMessage): string {
  const l = labels(message.lang);
  const prefix = message.drill ? `[${l.drill}] ` : '';
  const subject = `${prefix}[${severityText(message.severity, message.lang)}] ${oneLine(message.brand.name)}: ${oneLine(message.title)}`;
  return truncate(subject, SUBJECT_MAX);
}

/** Subject, text and HTML for one message. */
export function renderEmail(message: AlertMessage, options: EmailRenderOptions = {}): RenderedEmail {
  const l = labels(message.lang);
  const timeZone = options.timeZone ?? 'UTC';
  const samples = message.samples.slice(0, options.maxSamples ?? 3);
  const severity = severityText(message.severity, message.lang);
  const kind = l.kind[message.kind];
  const started = formatInstant(message.startedAt, message.lang, timeZone);
  const brand = oneLine(message.brand.name);
  const title = oneLine(message.title);

  // Plain text part.
  const lines: string[] = [];
  if (message.drill) lines.push(l.drillNotice, '');
  lines.push(`${l.whatHappened}${l.colon}${brand}: ${title}`);
  lines.push(`${l.severityHeading}${l.colon}${severity} (${kind})${message.urgency === 'important' ? `; ${l.important}` : ''}`);
  lines.push(`${l.started}${l.colon}${started}`);
  if (message.why.length > 0) {
    lines.push('', `${l.why}${l.colon.trimEnd()}`);
    for (const w of message.why) lines.push(`- ${oneLine(w)}`);
  }
  if (samples.length > 0) {
    lines.push('', `${l.samples}${l.colon.trimEnd()}`);
    for (const s of samples) {
      const link = safeHttpUrl(s.url);
      lines.push(`- ${oneLine(s.author ?? l.unknownAuthor)}: "${truncate(oneLine(s.text), SAMPLE_TEXT_MAX)}"${link ? ` ${link}` : ''}`);
    }
  }
  lines.push('', `${l.openAlert}${l.colon}${message.url}`, '', l.ackTextIntro, message.ackUrl, '', '-- ', l.sentBy);
  const text = lines.join('\n') + '\n';

  // HTML part.
  const e = escapeHtml;
  const colour = SEVERITY_COLOURS[message.severity];
  const h: string[] = [];
  h.push(`<!DOCTYPE html><html lang="${message.lang}"><head><meta charset="utf-8"><title>${e(emailSubject(message))}</title></head>`);
  h.push('<body style="margin:0;padding:16px;font-family:Arial,Helvetica,sans-serif;color:#212529;background:#ffffff">');
  if (message.drill) {
    h.push(`<p style="padding:8px 12px;background:#fff3bf;border:2px dashed #e67700;font-weight:bold">${e(l.drillNotice)}</p>`);
  }
  h.push(`<p style="margin:0 0 4px 0"><span style="display:inline-block;padding:2px 8px;background:${colour};color:#ffffff;font-weight:bold;border-radius:3px">${e(severity)}</span> ${e(kind)}${message.urgency === 'important' ? ` · <strong>${e(l.important)}</strong>` : ''}</p>`);
  h.push(`<h2 style="margin:8px 0">${e(brand)}: ${e(title)}</h2>`);
  h.push(`<p style="margin:0 0 12px 0;color:#495057">${e(l.started)}${e(l.colon)}${e(started)}</p>`);
  if (message.why.length > 0) {
    h.push(`<h3 style="margin:12px 0 4px 0">${e(l.why)}</h3><ul>`);
    for (const w of message.why) h.push(`<li>${e(oneLine(w))}</li>`);
    h.push('</ul>');
  }
  if (samples.length > 0) {
    h.push(`<h3 style="margin:12px 0 4px 0">${e(l.samples)}</h3>`);
    for (const s of samples) {
      const link = safeHttpUrl(s.url);
      const author = e(oneLine(s.author ?? l.unknownAuthor));
      h.push(
        `<blockquote style="margin:4px 0 8px 0;padding:4px 10px;border-left:3px solid #ced4da">${e(truncate(oneLine(s.text), SAMPLE_TEXT_MAX))}<br><small>${link ? `<a href="${e(link)}">${author}</a>` : author}</small></blockquote>`,
      );
    }
  }
  h.push(
    `<p style="margin:20px 0"><a href="${e(message.ackUrl)}" style="display:inline-block;padding:10px 18px;background:#1864ab;color:#ffffff;text-decoration:none;font-weight:bold;border-radius:4px">${e(l.acknowledge)}</a> &nbsp; <a href="${e(message.url)}">${e(l.openAlert)}</a></p>`,
  );
  h.push(`<p style="font-size:13px;color:#495057">${e(l.ackHint)}<br>${e(l.ackTextIntro)} <a href="${e(message.ackUrl)}">${e(message.ackUrl)}</a></p>`);
  h.push(`<p style="font-size:12px;color:#868e96">${e(l.sentBy)}</p></body></html>`);
  const html = h.join('\n');

  return { subject: emailSubject(message), text, html };
}
