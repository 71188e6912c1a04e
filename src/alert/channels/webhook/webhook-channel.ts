/**
 * Generic webhook channel: posts the alert as JSON (see webhook-body.ts) signed per Standard
 * Webhooks. `webhook-id` is the message's `deliveryId`, the same on every retry, so receivers
 * de-duplicate on it. Never throws for a delivery failure: see http-delivery.ts.
 */
import type { AlertMessage, Channel, DeliveryResult } from '../../message.ts';
import { classifyAnswer, DEFAULT_TIMEOUT_MS, postJson } from './http-delivery.ts';
import { parseWebhookSecret, signWebhook } from './standard-webhooks.ts';
import { messageProblem } from '../render/message-check.ts';
import { checkTargetUrl } from './target-url.ts';
import { webhookBody } from './webhook-body.ts';

export interface WebhookTarget {
  url: string;
  /** `whsec_` + base64 of 24 to 64 random bytes, shared with the receiver. */
  secret: string;
}

export interface WebhookChannelOptions {
  /** Per-attempt timeout (default 10 s). */
  timeoutMs?: number;
  /** Clock (epoch ms) for `webhook-timestamp` and the body's `timestamp`. */
  now?: () => number;
}

/** Checks a target before it is saved; `undefined` when it is fine, otherwise what to fix. */
export function checkWebhookTarget(target: WebhookTarget): string | undefined {
  const url = checkTargetUrl(target.url, 'url');
  if (!url.ok) return url.error;
  const secret = parseWebhookSecret(target.secret);
  return secret.ok ? undefined : secret.error;
}

export function createWebhookChannel(options: WebhookChannelOptions = {}): Channel<WebhookTarget> {
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return {
    kind: 'webhook',
    async send(message: AlertMessage, target: WebhookTarget, sendOptions?: { signal?: AbortSignal }): Promise<DeliveryResult> {
      const url = checkTargetUrl(target.url, 'webhook url');
      if (!url.ok) return { ok: false, retryable: false, error: url.error };
      const problem = messageProblem(message);
      if (problem !== null) return { ok: false, retryable: false, error: `webhook: ${problem}` };
      const secret = parseWebhookSecret(target.secret);
      if (!secret.ok) return { ok: false, retryable: false, error: `webhook ${secret.error}` };
      if (message.deliveryId === '') {
        return { ok: false, retryable: false, error: 'webhook: message.deliveryId is empty; it becomes webhook-id and must be set' };
      }
      const sentAt = now();
      const timestamp = Math.floor(sentAt / 1000);
      const body = webhookBody(message, sentAt);
      const headers = {
        'webhook-id': message.deliveryId,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': signWebhook(target.secret, message.deliveryId, timestamp, body),
      };
      const outcome = await postJson(url.url, body, {
        service: 'webhook',
        timeoutMs,
        headers,
        now,
        ...(sendOptions?.signal ? { signal: sendOptions.signal } : {}),
      });
      if (outcome.kind === 'failed') return outcome.result;
      return classifyAnswer(outcome, 'webhook');
    },
  };
}
