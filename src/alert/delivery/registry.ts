/**
 * The channel registry: which Channel instance delivers each contact kind, and the one place where
 * maintenance and drill modes are enforced before anything leaves Vigie.
 *
 * - Maintenance mode: nothing is sent; the delivery is recorded as `skipped-maintenance`.
 * - Drill mode: the page says DRILL (the message is marked `drill: true` if it was not) and reaches
 *   only the contacts explicitly allowed for drills (`drillTargets`); the others are recorded as
 *   `skipped-drill`, so a drill shows who *would* have been paged without waking anyone.
 *
 * `deliver` never throws for a delivery problem: a missing channel is a permanent failure, a
 * channel that throws (they should not) is a retryable one, both with a message saying what to do.
 */
import type { AlertMessage, Channel, DeliveryResult } from '../message.ts';
import type { SlackTarget } from '../channels/slack/slack-channel.ts';
import type { TeamsTarget } from '../channels/teams/teams-channel.ts';
import type { WebhookTarget } from '../channels/webhook/webhook-channel.ts';
import type { InAppTarget } from '../channels/inapp/inapp-channel.ts';
import type { Contact, ContactChannel } from './user.ts';

/** The target type each contact kind's channel takes. */
export interface ContactTargets {
  email: { to: string };
  sms: { to: string };
  slack: SlackTarget;
  teams: TeamsTarget;
  webhook: WebhookTarget;
  inapp: InAppTarget;
}

export type ChannelMap = { [K in ContactChannel]?: Channel<ContactTargets[K]> };

export interface DeliverOptions {
  /** A drill page: says DRILL, reaches only `drillTargets`. Default: the message's own `drill`. */
  drill?: boolean;
  /** Contact ids that drills may really reach (e.g. the person running the drill). */
  drillTargets?: readonly string[];
  /** Maintenance mode: nothing is sent. */
  maintenance?: boolean;
  signal?: AbortSignal;
}

/** What happened to one delivery, to record (the durable loop retries `failed` ones that are retryable). */
export type DeliveryOutcome =
  | { outcome: 'delivered'; channel: ContactChannel; contactId: string; result: Extract<DeliveryResult, { ok: true }>; drill: boolean }
  | { outcome: 'failed'; channel: ContactChannel; contactId: string; result: Extract<DeliveryResult, { ok: false }>; drill: boolean }
  | { outcome: 'skipped-drill' | 'skipped-maintenance'; channel: ContactChannel; contactId: string; reason: string; drill: boolean };

export class ChannelRegistry {
  readonly #channels: ChannelMap = {};

  constructor(channels: ChannelMap = {}) {
    for (const [kind, channel] of Object.entries(channels) as [ContactChannel, Channel<never>][]) this.#set(kind, channel);
  }

  /** Adds or replaces the channel for `kind`; refuses a channel of another kind (a wiring mistake). */
  register<K extends ContactChannel>(kind: K, channel: Channel<ContactTargets[K]>): void {
    this.#set(kind, channel as Channel<never>);
  }

  #set(kind: ContactChannel, channel: Channel<never>): void {
    if (channel.kind !== kind)
      throw new TypeError(`ChannelRegistry: the ${channel.kind} channel cannot deliver "${kind}" contacts; register it under "${channel.kind}"`);
    (this.#channels as Record<ContactChannel, Channel<never>>)[kind] = channel;
  }

  /** The channel kinds that can deliver now. */
  kinds(): ContactChannel[] {
    return Object.keys(this.#channels) as ContactChannel[];
  }

  async deliver(contact: Contact, message: AlertMessage, options: DeliverOptions = {}): Promise<DeliveryOutcome> {
    const drill = options.drill ?? message.drill;
    const base = { channel: contact.channel, contactId: contact.id, drill };
    if (options.maintenance)
      return { ...base, outcome: 'skipped-maintenance', reason: 'maintenance mode is on: nothing is sent until it is turned off' };
    if (drill && !(options.drillTargets ?? []).includes(contact.id))
      return {
        ...base,
        outcome: 'skipped-drill',
        reason: `drill: contact "${contact.id}" is not allowed for drills, so it was not paged (add it to the drill targets to really page it)`,
      };
    const channel = this.#channels[contact.channel] as Channel<Contact['target']> | undefined;
    if (channel === undefined)
      return {
        ...base,
        outcome: 'failed',
        result: {
          ok: false,
          retryable: false,
          error: `no ${contact.channel} channel is configured; configure one or change contact "${contact.id}"`,
        },
      };
    const sent = drill && !message.drill ? { ...message, drill: true } : message;
    let result: DeliveryResult;
    try {
      result = await channel.send(sent, contact.target, options.signal ? { signal: options.signal } : undefined);
    } catch (err) {
      // Channels report failures as results; a throw is a bug in one, retried rather than lost.
      result = { ok: false, retryable: true, error: `${contact.channel} channel failed unexpectedly: ${err instanceof Error ? err.message : String(err)}` };
    }
    return result.ok ? { ...base, outcome: 'delivered', result } : { ...base, outcome: 'failed', result };
  }
}
