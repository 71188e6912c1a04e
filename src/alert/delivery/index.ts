/**
 * Delivery building blocks for the durable alerting loop: users' notification rules and their plan,
 * the channel registry (maintenance and drill modes), retry/back-off, rate limits and idempotency
 * keys. All pure or side-effect-free except `ChannelRegistry.deliver`, which calls the channels.
 */
export { CONTACT_CHANNELS, ContactSchema, RuleStepSchema, UserSchema, planUserNotifications, validateUser } from './user.ts';
export type { Contact, ContactChannel, PlannedNotification, RuleStep, User, UserResult } from './user.ts';
export { ChannelRegistry } from './registry.ts';
export type { ChannelMap, ContactTargets, DeliverOptions, DeliveryOutcome } from './registry.ts';
export { DEFAULT_RETRY_POLICY, RetryPolicySchema, backoffMs, nextAttemptAt, retryDecision } from './retry.ts';
export type { RetryDecision, RetryPolicy } from './retry.ts';
export { ChannelRateLimiter, ChannelRateLimitsSchema, DEFAULT_CHANNEL_RATE_LIMITS, RateLimitSchema, RateLimiter, targetKey } from './rate-limit.ts';
export type { ChannelRateLimits, RateLimit, TakeResult } from './rate-limit.ts';
export { deliveryId } from './delivery-id.ts';
