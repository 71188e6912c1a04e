import type { Severity, SignalKind } from '../domain/signal.ts';

/** The languages Vigie's pages and e-mails are written in. */
export type MessageLang = 'fr' | 'en';

/** Normal pages follow a user's default notification rules; important ones their urgent rules. */
export type Urgency = 'normal' | 'important';

/**
 * What every notification says, whatever the channel (e-mail, Slack, Teams, webhook, SMS, in-app):
 * what happened, how severe, why, where to look, and how to acknowledge. Channels render it in
 * their own format; nothing here is channel-specific.
 */
export interface AlertMessage {
  /** The alert's id (stable across its notifications). */
  alertId: string;
  /** Idempotency key of this one delivery (alert, step, attempt group): receivers de-duplicate on it. */
  deliveryId: string;
  workspaceId: string;
  brand: { id: string; name: string };
  severity: Severity;
  kind: SignalKind;
  /** One line: what happened ("Negative mentions 5× the usual level in 15 min"). */
  title: string;
  /** Why: the severity factors and the evidence in a few short lines. */
  why: string[];
  /** A few posts that show it (text, author, link), most reached first. */
  samples: { text: string; author: string | null; url: string | null }[];
  /** Where to look: the alert in Vigie. */
  url: string;
  /** The signed, expiring one-click acknowledgement link. */
  ackUrl: string;
  /** When the signal started (epoch ms). */
  startedAt: number;
  urgency: Urgency;
  /** Drill pages say DRILL everywhere and reach no real channel unless asked. */
  drill: boolean;
  lang: MessageLang;
}

/** The outcome of one delivery attempt. `retryable` failures are retried with back-off; others go to the dead-letter list. */
export type DeliveryResult =
  | { ok: true; status?: number; providerId?: string }
  | { ok: false; retryable: boolean; status?: number; error: string; retryAfterMs?: number };

/** A notification channel: renders an AlertMessage in its format and delivers it to one target. */
export interface Channel<Target> {
  readonly kind: 'email' | 'slack' | 'teams' | 'webhook' | 'sms' | 'inapp';
  send(message: AlertMessage, target: Target, options?: { signal?: AbortSignal }): Promise<DeliveryResult>;
}
