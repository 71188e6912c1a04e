/**
 * Builds the AlertMessage of one page: what happened (the alert's title), how severe, why (the
 * context captured when the escalation started), where to look (the alert in Vigie) and a signed,
 * expiring one-click acknowledgement link for the person (or shared channel) paged.
 */
import { signAckLink } from '../ack-link.ts';
import type { Alert } from '../alert.ts';
import type { AlertMessage, MessageLang, Urgency } from '../message.ts';
import type { Signal } from '../../domain/signal.ts';

/** Why an alert pages, captured from its signal when the escalation starts (kept in the snapshot). */
export interface PageContext {
  why: string[];
  samples: AlertMessage['samples'];
  /** When the signal started (epoch ms). */
  startedAt: number;
}

/** The context of a signal: its severity factors and its most reached posts (3 at most). */
export function pageContext(signal: Signal): PageContext {
  const why = signal.factors.map((f) => f.detail).filter((d) => d.trim() !== '').slice(0, 6);
  if (why.length === 0) why.push(signal.summary);
  const posts = signal.evidence?.topPosts ?? [];
  return {
    why,
    samples: posts.slice(0, 3).map((p) => ({ text: p.text, author: p.authorHandle, url: p.url })),
    startedAt: signal.startedAt,
  };
}

/** The context of an alert when its signal is not at hand (a re-page after an ack timeout, a reminder). */
export function fallbackContext(alert: Alert): PageContext {
  return { why: [alert.title], samples: [], startedAt: alert.createdAt };
}

export interface PageLinks {
  /** Vigie's public base URL, e.g. https://vigie.example (no trailing slash needed). */
  baseUrl: string;
  ackSecret: string;
  ackLinkTtlMs: number;
}

export interface PageFor {
  deliveryId: string;
  urgency: Urgency;
  lang: MessageLang;
  /** Who the ack link acknowledges as (a user id, or `channel:<id>`). */
  ackAs: string;
  now: number;
  brandName: string;
}

export function pageMessage(alert: Alert, context: PageContext, links: PageLinks, to: PageFor): AlertMessage {
  const base = links.baseUrl.replace(/\/+$/, '');
  const token = signAckLink(links.ackSecret, { alertId: alert.id, user: to.ackAs, expiresAt: to.now + links.ackLinkTtlMs });
  return {
    alertId: alert.id,
    deliveryId: to.deliveryId,
    workspaceId: alert.workspaceId,
    brand: { id: alert.brandId, name: to.brandName },
    severity: alert.severity,
    kind: alert.kind,
    title: alert.title.trim() === '' ? `${alert.severity} ${alert.kind} alert on ${to.brandName}` : alert.title,
    why: context.why,
    samples: context.samples,
    url: `${base}/alerts/${encodeURIComponent(alert.id)}`,
    ackUrl: `${base}/ack/${token}`,
    startedAt: context.startedAt,
    urgency: to.urgency,
    drill: alert.drill,
    lang: to.lang,
  };
}
