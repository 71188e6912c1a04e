/**
 * When to try a failed delivery again: exponential back-off with jitter, capped, honouring the
 * receiver's `Retry-After`, and a dead-letter verdict when retrying cannot help (a permanent
 * failure) or the attempts are used up. Pure and deterministic given the injected `random`, so the
 * durable delivery loop can store the next attempt time and tests can check exact values.
 *
 * Jitter (see "Exponential Backoff And Jitter", AWS Architecture Blog): with
 * `cap = min(maxMs, baseMs · 2^(attempt−1))`,
 * - `full`:  delay = random · cap            (spreads retries most; may retry at once)
 * - `equal`: delay = cap/2 + random · cap/2  (never sooner than half the back-off)
 */
import { z } from 'zod';
import type { DeliveryResult } from '../message.ts';

/** Most attempts one delivery may have (first try included). */
export const MAX_ATTEMPTS_LIMIT = 50;
/** Longest delay between two attempts a policy may set: one day. */
export const MAX_DELAY_LIMIT_MS = 24 * 3_600_000;

export const RetryPolicySchema = z
  .strictObject({
    /** Attempts in all, the first one included (1 = never retry). */
    maxAttempts: z
      .number({ message: 'must be a number of attempts' })
      .int({ message: 'must be a whole number of attempts' })
      .min(1, { message: 'must be at least 1 (the first attempt)' })
      .max(MAX_ATTEMPTS_LIMIT, { message: `must be at most ${MAX_ATTEMPTS_LIMIT}` }),
    /** Back-off before the first retry, before jitter (ms). */
    baseMs: z
      .number({ message: 'must be a number of milliseconds' })
      .int({ message: 'must be a whole number of milliseconds' })
      .min(1, { message: 'must be at least 1 ms' })
      .max(MAX_DELAY_LIMIT_MS, { message: `must be at most ${MAX_DELAY_LIMIT_MS} ms (one day)` }),
    /** Largest back-off, before jitter (ms). */
    maxMs: z
      .number({ message: 'must be a number of milliseconds' })
      .int({ message: 'must be a whole number of milliseconds' })
      .min(1, { message: 'must be at least 1 ms' })
      .max(MAX_DELAY_LIMIT_MS, { message: `must be at most ${MAX_DELAY_LIMIT_MS} ms (one day)` }),
    jitter: z.enum(['full', 'equal'], { message: 'must be full or equal' }),
  })
  .refine((p) => p.maxMs >= p.baseMs, { path: ['maxMs'], message: 'must be at least baseMs' });
export type RetryPolicy = z.infer<typeof RetryPolicySchema>;

/** A sensible default for pages: 8 attempts over about 4 minutes (1 s, 2 s, 4 s … capped at 60 s). */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 8, baseMs: 1_000, maxMs: 60_000, jitter: 'full' };

/** What to do after an attempt. */
export type RetryDecision =
  | { kind: 'delivered' }
  | { kind: 'retry'; at: number; delayMs: number }
  | { kind: 'dead-letter'; reason: string };

/** The back-off before retry number `attempt` (1 = after the first attempt), jitter applied. */
export function backoffMs(attempt: number, policy: RetryPolicy, random: () => number): number {
  if (!Number.isInteger(attempt) || attempt < 1) throw new RangeError(`backoffMs: attempt must be a whole number ≥ 1 (got ${attempt})`);
  // 2^(attempt-1) overflows to Infinity for huge attempts; min() keeps the cap.
  const cap = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(attempt - 1, 60));
  const r = random();
  if (!(r >= 0 && r < 1)) throw new RangeError(`backoffMs: random() must return a number in [0, 1) (got ${r})`);
  return Math.floor(policy.jitter === 'full' ? r * cap : cap / 2 + (r * cap) / 2);
}

/**
 * After attempt number `attempt` (1 for the first try) ended with `result` at `now`: delivered,
 * retry at a time, or dead-letter (with the reason to show in the dead-letter list). A retry waits
 * at least the receiver's `retryAfterMs` (even beyond `maxMs`: it asked for it), and at most
 * MAX_DELAY_LIMIT_MS.
 */
export function retryDecision(attempt: number, result: DeliveryResult, now: number, policy: RetryPolicy, random: () => number): RetryDecision {
  if (!Number.isInteger(attempt) || attempt < 1) throw new RangeError(`retryDecision: attempt must be a whole number ≥ 1 (got ${attempt})`);
  if (result.ok) return { kind: 'delivered' };
  if (!result.retryable) return { kind: 'dead-letter', reason: `permanent failure: ${result.error}` };
  if (attempt >= policy.maxAttempts)
    return { kind: 'dead-letter', reason: `gave up after ${attempt} attempt${attempt === 1 ? '' : 's'}: ${result.error}` };
  let delayMs = backoffMs(attempt, policy, random);
  const after = result.retryAfterMs;
  if (after !== undefined && Number.isFinite(after) && after > delayMs) delayMs = Math.ceil(after);
  delayMs = Math.min(delayMs, MAX_DELAY_LIMIT_MS);
  return { kind: 'retry', at: now + delayMs, delayMs };
}

/**
 * The time of the next attempt, or `null` when there is none: the delivery succeeded, failed for
 * good (not retryable), or used its `maxAttempts` — the two failures go to the dead-letter list
 * (use `retryDecision` for the reason).
 */
export function nextAttemptAt(attempt: number, result: DeliveryResult, now: number, policy: RetryPolicy, random: () => number): number | null {
  const d = retryDecision(attempt, result, now, policy, random);
  return d.kind === 'retry' ? d.at : null;
}
