/**
 * The e-mail channel: sends an AlertMessage over SMTP with nodemailer, as a multipart/alternative
 * mail (text and HTML, French or English). Each send has a deadline, never throws for a delivery
 * failure, and returns a DeliveryResult saying whether to retry (see classify.ts). The Message-ID
 * is derived from the deliveryId, so a retried delivery carries the same id and receivers (and
 * people) can tell it is the same page.
 */
import { createHash } from 'node:crypto';
import nodemailer from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import type { AlertMessage, Channel, DeliveryResult } from '../../message.ts';
import { messageProblem } from '../render/message-check.ts';
import { classifySmtpError } from './classify.ts';
import { renderEmail } from './template.ts';

export interface EmailChannelOptions {
  /** The sender, "Vigie <alerts@example.com>" or "alerts@example.com". */
  from: string;
  /** Domain of the Message-ID (default: the domain of `from`). */
  messageIdDomain?: string;
  /** Deadline of one send, connection included, in ms (default 30,000). */
  timeoutMs?: number;
  /** IANA time zone for times in the mail (default UTC). */
  timeZone?: string;
}

/** The e-mail channel; `close()` releases the transport (pooled connections, if any). */
export interface EmailChannel extends Channel<{ to: string }> {
  readonly kind: 'email';
  close(): void;
}

/** A single mailbox: no spaces, quotes, commas or angle brackets (one recipient, no header tricks). */
const ADDRESS = /^[^\s@<>()",;:\\[\]]+@[^\s@<>()",;:\\[\]]+\.[^\s@<>()",;:\\[\]]+$/;
const FROM = /^(?:[^<>\r\n]*<([^<>\s]+)>|([^<>\s]+))$/;

/** True when `to` is one plain mailbox address (what an e-mail target must be). */
export function isEmailAddress(to: string): boolean {
  return ADDRESS.test(to);
}

/**
 * The Message-ID for a delivery: `<vigie.d.{deliveryId}@domain>` when the id uses only safe
 * characters, otherwise `<vigie.h.{sha256 prefix}@domain>`. Same deliveryId → same Message-ID.
 */
export function messageIdFor(deliveryId: string, domain: string): string {
  const local = /^[A-Za-z0-9._-]{1,120}$/.test(deliveryId)
    ? `vigie.d.${deliveryId}`
    : `vigie.h.${createHash('sha256').update(deliveryId).digest('hex').slice(0, 40)}`;
  return `<${local}@${domain}>`;
}

/**
 * Creates the e-mail channel. `smtp` are nodemailer SMTP options (host, port, secure, auth, tls…).
 * Throws at creation (a configuration error, not a delivery failure) when `from`, the Message-ID
 * domain or the timeout is invalid, with the field named.
 */
export function createEmailChannel(smtp: SMTPTransport.Options, options: EmailChannelOptions): EmailChannel {
  const fromMatch = FROM.exec(options.from.trim());
  const fromAddress = fromMatch?.[1] ?? fromMatch?.[2];
  if (fromAddress === undefined || !isEmailAddress(fromAddress)) {
    throw new Error(`email channel: option "from" must be "Name <address@domain>" or "address@domain" (got ${JSON.stringify(options.from)})`);
  }
  const domain = options.messageIdDomain ?? fromAddress.slice(fromAddress.lastIndexOf('@') + 1);
  if (!/^[A-Za-z0-9.-]+$/.test(domain)) {
    throw new Error(`email channel: option "messageIdDomain" must be a host name (got ${JSON.stringify(domain)})`);
  }
  const timeoutMs = options.timeoutMs ?? 30_000;
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1) {
    throw new Error(`email channel: option "timeoutMs" must be a positive integer of milliseconds (got ${options.timeoutMs})`);
  }
  const transport = nodemailer.createTransport({
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    ...smtp,
  });
  const from = options.from.trim();

  async function send(message: AlertMessage, target: { to: string }, opts?: { signal?: AbortSignal }): Promise<DeliveryResult> {
    if (typeof target?.to !== 'string' || !isEmailAddress(target.to)) {
      return { ok: false, retryable: false, error: `email target: field "to" must be one e-mail address such as oncall@example.com (got ${JSON.stringify(target?.to)})` };
    }
    const problem = messageProblem(message);
    if (problem !== null) return { ok: false, retryable: false, error: problem };
    if (opts?.signal?.aborted) return { ok: false, retryable: true, error: 'email send aborted before it started' };

    const rendered = renderEmail(message, options.timeZone === undefined ? {} : { timeZone: options.timeZone });
    const important = message.urgency === 'important' || message.severity === 'SEV1';
    const mail = {
      from,
      to: target.to,
      subject: rendered.subject,
      text: rendered.text,
      html: rendered.html,
      messageId: messageIdFor(message.deliveryId, domain),
      priority: important ? ('high' as const) : ('normal' as const),
      headers: {
        'Auto-Submitted': 'auto-generated',
        'X-Auto-Response-Suppress': 'All',
        'X-Vigie-Alert-Id': message.alertId,
        'X-Vigie-Delivery-Id': message.deliveryId,
        'X-Vigie-Severity': message.severity,
        ...(message.drill ? { 'X-Vigie-Drill': 'yes' } : {}),
      },
    };

    let timer: NodeJS.Timeout | undefined;
    let onAbort: (() => void) | undefined;
    const deadline = new Promise<DeliveryResult>((resolve) => {
      timer = setTimeout(() => resolve({ ok: false, retryable: true, error: `SMTP timeout: no answer within ${timeoutMs} ms` }), timeoutMs);
      onAbort = () => resolve({ ok: false, retryable: true, error: 'email send aborted' });
      opts?.signal?.addEventListener('abort', onAbort, { once: true });
    });
    const attempt = transport.sendMail(mail).then(
      (info): DeliveryResult => {
        const status = Number(/^\d{3}/.exec(info.response ?? '')?.[0]);
        if (info.rejected.length > 0) {
          return { ok: false, retryable: false, error: `SMTP: recipient rejected: ${info.response}`, ...(status ? { status } : {}) };
        }
        return { ok: true, providerId: info.messageId, ...(status ? { status } : {}) };
      },
      (err: unknown) => classifySmtpError(err),
    );
    try {
      return await Promise.race([attempt, deadline]);
    } finally {
      clearTimeout(timer);
      if (onAbort) opts?.signal?.removeEventListener('abort', onAbort);
    }
  }

  return {
    kind: 'email',
    send,
    close: () => transport.close(),
  };
}
