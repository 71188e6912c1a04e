/**
 * The idempotency key of one delivery: the same alert, escalation step, contact and attempt group
 * always give the same key, so a retry (or a replay after a crash) carries the id the receiver has
 * already seen and is de-duplicated (Standard Webhooks `webhook-id`, e-mail Message-ID, …). A new
 * attempt group (a reminder, a repeat of the policy) is a new page and gets a new key.
 *
 * The key is `dlv_` + 32 hex characters (128 bits of SHA-256 over an unambiguous encoding of the
 * four parts): safe in headers, URLs and Message-IDs, and it reveals nothing about the alert.
 */
import { createHash } from 'node:crypto';

export function deliveryId(alertId: string, step: number, contactId: string, attemptGroup: number): string {
  if (typeof alertId !== 'string' || alertId === '') throw new TypeError('deliveryId: alertId must be a non-empty string');
  if (typeof contactId !== 'string' || contactId === '') throw new TypeError('deliveryId: contactId must be a non-empty string');
  if (!Number.isSafeInteger(step) || step < 0) throw new RangeError(`deliveryId: step must be a whole number ≥ 0 (got ${step})`);
  if (!Number.isSafeInteger(attemptGroup) || attemptGroup < 0)
    throw new RangeError(`deliveryId: attemptGroup must be a whole number ≥ 0 (got ${attemptGroup})`);
  // JSON of an array: no separator can be forged ("a|b" + "c" vs "a" + "b|c").
  const digest = createHash('sha256').update(JSON.stringify(['vigie.delivery.v1', alertId, step, contactId, attemptGroup])).digest('hex');
  return `dlv_${digest.slice(0, 32)}`;
}
