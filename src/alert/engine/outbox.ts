/**
 * The delivery outbox of the escalation engine: claims the due deliveries (every workspace of the
 * store) and sends them through the channel registry (drill and maintenance enforced there), then
 * marks each sent, skipped (drill, maintenance), retried later (back-off with jitter) or dead; one
 * over its rate limit is postponed without counting an attempt. Sends run concurrently: a slow or
 * failing channel never holds up the others.
 */
import type { AlertingStore, Delivery } from '../../store/alerting-types.ts';
import type { ChannelRegistry } from '../delivery/registry.ts';
import { retryDecision, type RetryPolicy } from '../delivery/retry.ts';
import { targetKey, type ChannelRateLimiter } from '../delivery/rate-limit.ts';
import { ContactSchema } from '../delivery/user.ts';
import type { AlertMessage, DeliveryResult } from '../message.ts';
import type { DeliverSummary, EngineEvent } from './engine-options.ts';

export interface OutboxOptions {
  store: AlertingStore;
  registry: ChannelRegistry;
  /** The worker's id in claims. */
  owner: string;
  leaseMs: number;
  /** Deliveries claimed (and sent at once) per pass. */
  batch: number;
  retry: RetryPolicy;
  random: () => number;
  rateLimits?: ChannelRateLimiter;
  /** Read at each delivery (a configuration reload applies at once). */
  drillTargets: () => readonly string[];
  maintenance: () => boolean;
  emit: (type: EngineEvent['type'], alertId: string, detail: string) => void;
}

export class Outbox {
  readonly #o: OutboxOptions;

  constructor(options: OutboxOptions) {
    this.#o = options;
  }

  async deliverDue(now: number): Promise<DeliverSummary> {
    const claimed = await this.#o.store.claimDueDeliveries(now, { owner: this.#o.owner, leaseMs: this.#o.leaseMs, limit: this.#o.batch });
    const sum: DeliverSummary = { claimed: claimed.length, sent: 0, skipped: 0, retried: 0, dead: 0 };
    await Promise.all(claimed.map(async (d) => { sum[await this.#deliver(d, now)]++; }));
    return sum;
  }

  async #deliver(d: Delivery, now: number): Promise<'sent' | 'skipped' | 'retried' | 'dead'> {
    const contact = ContactSchema.safeParse(d.target);
    let result: DeliveryResult;
    if (!contact.success) {
      result = { ok: false, retryable: false, error: `delivery ${d.id} has an unusable target (${contact.error.issues[0]?.message ?? 'invalid'}); requeue it after fixing the contact` };
    } else {
      const limited = this.#o.rateLimits?.take(contact.data.channel, targetKey(contact.data.channel, contact.data.target), now);
      if (limited !== undefined && !limited.ok) {
        await this.#o.store.postponeDelivery(d.id, this.#o.owner, limited.retryAt);
        this.#o.emit('retry', d.alertId, `delivery ${d.id} by ${d.channel} is over its rate limit, postponed to ${new Date(limited.retryAt).toISOString()} (no attempt counted)`);
        return 'retried';
      }
      const out = await this.#o.registry.deliver(contact.data, d.message as AlertMessage, {
        drillTargets: this.#o.drillTargets(),
        maintenance: this.#o.maintenance(),
      });
      if (out.outcome !== 'delivered' && out.outcome !== 'failed') {
        await this.#o.store.markDeliverySkipped(d.id, this.#o.owner, out.reason, now);
        this.#o.emit('skipped', d.alertId, `delivery ${d.id}: ${out.reason}`);
        return 'skipped';
      }
      result = out.result;
    }
    const decision = retryDecision(Math.max(1, d.attempts), result, now, this.#o.retry, this.#o.random);
    if (decision.kind === 'delivered') {
      await this.#o.store.markDeliverySent(d.id, this.#o.owner, now);
      this.#o.emit('delivered', d.alertId, `delivery ${d.id} sent by ${d.channel}`);
      return 'sent';
    }
    const error = result.ok ? '' : result.error;
    if (decision.kind === 'retry') {
      await this.#o.store.markDeliveryFailed(d.id, this.#o.owner, error, decision.at, now);
      this.#o.emit('retry', d.alertId, `delivery ${d.id} by ${d.channel} failed (attempt ${d.attempts}), retried at ${new Date(decision.at).toISOString()}: ${error}`);
      return 'retried';
    }
    await this.#o.store.markDeliveryFailed(d.id, this.#o.owner, decision.reason, null, now);
    this.#o.emit('dead', d.alertId, `delivery ${d.id} by ${d.channel} is dead-lettered: ${decision.reason}`);
    return 'dead';
  }
}
