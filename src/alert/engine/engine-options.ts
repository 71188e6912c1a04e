/** The escalation engine's options, events and pass summaries (engine.ts re-exports them). */
import type { WorkspaceId } from '../../domain/ids.ts';
import type { Signal } from '../../domain/signal.ts';
import type { AlertingStore } from '../../store/alerting-types.ts';
import type { Alert } from '../alert.ts';
import type { ChannelRegistry } from '../delivery/registry.ts';
import type { RetryPolicy } from '../delivery/retry.ts';
import type { ChannelRateLimiter } from '../delivery/rate-limit.ts';
import type { EngineConfig, RoutingFacts } from './config.ts';

/** Something the engine did or could not do, for logs, the API and tests. */
export interface EngineEvent {
  type:
    | 'alert' | 'unrouted' | 'escalation-started' | 'step' | 'nobody' | 'incident' | 'stopped'
    | 'tick' | 'delivered' | 'skipped' | 'retry' | 'dead' | 'error';
  alertId: string;
  /** One English sentence. */
  detail: string;
}

export interface AlertEngineOptions {
  store: AlertingStore;
  workspaceId: WorkspaceId;
  /** Read on every use: configuration edits apply to new work; running escalations keep their snapshot. */
  config: () => EngineConfig;
  registry: ChannelRegistry;
  /** The clock (epoch ms); injected so tests drive time. */
  clock: () => number;
  /** Vigie's public base URL for alert and ack links, e.g. https://vigie.example. */
  baseUrl: string;
  /** HMAC secret of the one-click ack links (at least 16 bytes). */
  ackSecret: string;
  /** How long an ack link works (default 24 h). */
  ackLinkTtlMs?: number;
  /** This worker's id in claims (default host:pid:uuid). */
  owner?: string;
  /** Claim lease (default 60 s): a crashed worker's claims come back after it. */
  leaseMs?: number;
  /** Timers claimed per runDue call (default 1000, the most a claim takes: a burst of due steps is worked through in few passes). */
  batch?: number;
  /** Deliveries claimed (and sent at once) per deliverDue call (default 100). */
  deliveryBatch?: number;
  /**
   * How many alerts' timers runDue handles at once (default 512). The timers of one alert always
   * run one after another, in claim order; different alerts' run concurrently so store round trips
   * overlap and the SQLite writer commits their writes together (the more in flight, the more
   * writes share one commit: 256 → 512 took the escalation bench's p99 from ~2.0 s to ~1.6 s).
   */
  concurrency?: number;
  retry?: RetryPolicy;
  /** Jitter source for retries (default Math.random). */
  random?: () => number;
  /** Contact ids drills may really reach (others are recorded as skipped). */
  drillTargets?: readonly string[] | (() => readonly string[]);
  /**
   * Rate limits per channel kind and target (none by default). A delivery over the limit is
   * postponed to when the limit allows it, without counting the attempt (it was not tried). The
   * buckets live in this engine: instances sharing a store each apply the limits on their own.
   */
  rateLimits?: ChannelRateLimiter;
  /** Maintenance mode: nothing is sent (deliveries are recorded as skipped). */
  maintenance?: () => boolean;
  /** Categories, language and source of a signal's mentions, for routing and category grouping. */
  routingFacts?: (signal: Signal) => RoutingFacts;
  /** The `declareIncident` step (the respond issue fills it). `key` is stable for the step: make it idempotent on it. */
  onIncident?: (alert: Alert, key: string) => Promise<void> | void;
  onEvent?: (event: EngineEvent) => void;
  /** How long a timer whose handler failed waits before it is tried again (default 30 s). */
  failedTimerDelayMs?: number;
}

export interface RunSummary {
  timers: number;
  failed: number;
}
export interface DeliverSummary {
  claimed: number;
  sent: number;
  skipped: number;
  /** Failed and due again later, or postponed by a rate limit. */
  retried: number;
  dead: number;
}
