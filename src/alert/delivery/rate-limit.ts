/**
 * Rate limits per channel: token buckets (`limit` deliveries per `windowMs`, refilled smoothly) kept
 * per key — a channel kind ("slack") and a target ("slack:https://hooks…") — so a storm of pages
 * neither trips a provider's limit (Slack: about one message per second per webhook; Twilio:
 * per-number rates) nor floods one person. A page over the limit is *delayed*, never dropped:
 * `take` answers when to try again, and the caller reschedules the delivery for then.
 *
 * Time is injected (`now`, epoch ms); a clock that goes backwards refills nothing. Buckets that are
 * full again are equivalent to absent ones and are pruned, so memory follows the active keys only.
 */
import { z } from 'zod';
import type { ContactChannel } from './user.ts';

export const RateLimitSchema = z.strictObject({
  limit: z
    .number({ message: 'must be a number of deliveries' })
    .int({ message: 'must be a whole number of deliveries' })
    .min(1, { message: 'must be at least 1' })
    .max(1_000_000, { message: 'must be at most 1000000' }),
  windowMs: z
    .number({ message: 'must be a number of milliseconds' })
    .int({ message: 'must be a whole number of milliseconds' })
    .min(1, { message: 'must be at least 1 ms' })
    .max(24 * 3_600_000, { message: 'must be at most one day (86400000 ms)' }),
});
export type RateLimit = z.infer<typeof RateLimitSchema>;

/** The answer of `take`: go now, or not before `retryAt` (epoch ms). */
export type TakeResult = { ok: true } | { ok: false; retryAt: number };

interface Bucket {
  tokens: number;
  at: number;
}

/** Above this many buckets, `take` prunes the full ones. */
const PRUNE_ABOVE = 10_000;

/** Token buckets with one limit, one per key. */
export class RateLimiter {
  readonly limit: number;
  readonly windowMs: number;
  readonly #buckets = new Map<string, Bucket>();

  constructor(limit: RateLimit) {
    const r = RateLimitSchema.safeParse(limit);
    if (!r.success) {
      const why = r.error.issues.map((i) => `${i.path.join('.') || '(limit)'} ${i.message}`).join('; ');
      throw new RangeError(`rate limit ${JSON.stringify(limit)}: ${why}`);
    }
    this.limit = r.data.limit;
    this.windowMs = r.data.windowMs;
  }

  /** Tokens of `key`'s bucket at `now` (refilled since its last use, at most `limit`). */
  #tokens(key: string, now: number): number {
    const b = this.#buckets.get(key);
    if (b === undefined) return this.limit;
    const elapsed = Math.max(0, now - b.at);
    return Math.min(this.limit, b.tokens + (elapsed * this.limit) / this.windowMs);
  }

  /** When `key` has a whole token again: `now` if it has one. Does not consume. */
  availableAt(key: string, now: number): number {
    const tokens = this.#tokens(key, now);
    if (tokens >= 1) return now;
    return now + Math.ceil(((1 - tokens) * this.windowMs) / this.limit);
  }

  /** Takes one token from `key` if it has one; otherwise says when to try again (nothing is consumed). */
  take(key: string, now: number): TakeResult {
    if (!Number.isFinite(now)) throw new RangeError(`RateLimiter.take: now must be an epoch time in ms (got ${now})`);
    const at = this.availableAt(key, now);
    if (at > now) return { ok: false, retryAt: at };
    this.#consume(key, now);
    return { ok: true };
  }

  /** Consumes one token that `availableAt` said is there. */
  #consume(key: string, now: number): void {
    const prev = this.#buckets.get(key);
    const tokens = this.#tokens(key, now) - 1;
    // Keep the latest time: a late caller with an older clock must not refill the bucket twice.
    this.#buckets.set(key, { tokens, at: Math.max(now, prev?.at ?? now) });
    if (this.#buckets.size > PRUNE_ABOVE) this.prune(now);
  }

  /** Forgets the buckets that are full again at `now` (they behave exactly like new ones). */
  prune(now: number): void {
    for (const key of [...this.#buckets.keys()]) if (this.#tokens(key, now) >= this.limit) this.#buckets.delete(key);
  }

  /** Number of keys currently tracked (for tests and metrics). */
  get size(): number {
    return this.#buckets.size;
  }

  /** @internal Takes a token only when every limiter in `pairs` has one, so a refused page consumes nothing. */
  static takeAll(pairs: readonly (readonly [RateLimiter, string])[], now: number): TakeResult {
    if (!Number.isFinite(now)) throw new RangeError(`RateLimiter.take: now must be an epoch time in ms (got ${now})`);
    let retryAt = now;
    for (const [limiter, key] of pairs) retryAt = Math.max(retryAt, limiter.availableAt(key, now));
    if (retryAt > now) return { ok: false, retryAt };
    for (const [limiter, key] of pairs) limiter.#consume(key, now);
    return { ok: true };
  }
}

/** Limits of one channel kind: over all its deliveries, and per target (one webhook, one phone). */
export const ChannelLimitsSchema = z.strictObject({
  perChannel: RateLimitSchema.optional(),
  perTarget: RateLimitSchema.optional(),
});
export const ChannelRateLimitsSchema = z.partialRecord(
  z.enum(['email', 'sms', 'slack', 'teams', 'webhook', 'inapp'], { message: 'must be one of email, sms, slack, teams, webhook, inapp' }),
  ChannelLimitsSchema,
);
export type ChannelRateLimits = z.infer<typeof ChannelRateLimitsSchema>;

/**
 * Defaults close to the providers' documented limits: Slack incoming webhooks about 1 message per
 * second each; Teams Workflows and generic webhooks a few per second; SMS 1 per second per sender
 * (long code) and a few per minute per phone; e-mail 10 per minute per mailbox.
 */
export const DEFAULT_CHANNEL_RATE_LIMITS: ChannelRateLimits = {
  slack: { perTarget: { limit: 1, windowMs: 1_000 } },
  teams: { perTarget: { limit: 4, windowMs: 1_000 } },
  webhook: { perTarget: { limit: 10, windowMs: 1_000 } },
  sms: { perChannel: { limit: 1, windowMs: 1_000 }, perTarget: { limit: 6, windowMs: 60_000 } },
  email: { perTarget: { limit: 10, windowMs: 60_000 } },
};

/**
 * Rate limits for every channel kind, per kind and per target. `take(kind, targetKey, now)` lets a
 * delivery go only when both the kind's and the target's buckets allow it (consuming from both),
 * otherwise answers the later of the two times. Kinds without limits always pass.
 */
export class ChannelRateLimiter {
  readonly #perChannel = new Map<ContactChannel, RateLimiter>();
  readonly #perTarget = new Map<ContactChannel, RateLimiter>();

  constructor(limits: ChannelRateLimits = DEFAULT_CHANNEL_RATE_LIMITS) {
    const r = ChannelRateLimitsSchema.safeParse(limits);
    if (!r.success) {
      const why = r.error.issues.map((i) => `${i.path.join('.') || '(limits)'}: ${i.message}`).join('; ');
      throw new RangeError(`channel rate limits: ${why}`);
    }
    for (const [kind, l] of Object.entries(r.data) as [ContactChannel, z.infer<typeof ChannelLimitsSchema>][]) {
      if (l.perChannel) this.#perChannel.set(kind, new RateLimiter(l.perChannel));
      if (l.perTarget) this.#perTarget.set(kind, new RateLimiter(l.perTarget));
    }
  }

  take(kind: ContactChannel, targetKey: string, now: number): TakeResult {
    const pairs: [RateLimiter, string][] = [];
    const c = this.#perChannel.get(kind);
    if (c) pairs.push([c, kind]);
    const t = this.#perTarget.get(kind);
    if (t) pairs.push([t, targetKey]);
    return RateLimiter.takeAll(pairs, now);
  }
}

/** The per-target key of a contact target: the address, phone number or URL (a webhook's secret is left out). */
export function targetKey(kind: ContactChannel, target: { to: string } | { url: string } | { user: string }): string {
  return `${kind}:${'to' in target ? target.to.toLowerCase() : 'url' in target ? target.url : target.user}`;
}
