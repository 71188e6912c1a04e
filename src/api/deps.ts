import type { InAppRouteDeps } from './routes/inapp.ts';
import type { AlertEngine } from '../alert/engine/engine.ts';
import type { MessageLang } from '../alert/message.ts';
import type { AlertingRuntime } from '../alert/setup.ts';
import type { Clock } from '../domain/clock.ts';
import type { WorkspaceId } from '../domain/ids.ts';
import type { SourceManager } from '../listen/sources/manager.ts';
import type { Logger } from '../observe/logger.ts';
import type { Metrics } from '../observe/metrics.ts';
import type { Store } from '../store/store.ts';
import type { BrandAdapters } from '../understand/sentiment/adapter/brand-adapters.ts';

/** What the HTTP API needs; one workspace per app. */
export interface ApiDeps {
  store: Store;
  workspaceId: WorkspaceId;
  metrics: Metrics;
  logger?: Logger;
  clock?: Clock;
  /** The brands' sentiment adapters of an ingesting process: refitted at once after a correction. */
  sentimentAdapters?: Pick<BrandAdapters, 'refresh'>;
  /** The escalation engine when alerting is enabled: without it, alerts can be read but not acted on. */
  alerting?: ApiAlerting;
  /** The in-app page streams (`GET /api/inapp/stream`) when alerting is enabled. */
  inapp?: InAppRouteDeps;
  /** The live sources of a `vigie serve` process (`/api/sources`); without it their actions answer 503. */
  sources?: SourcesControl;
}

/** What the /api/sources routes use of the SourceManager. */
export type SourcesControl = Pick<SourceManager, 'status' | 'statusOf' | 'start' | 'stop' | 'test' | 'webhook' | 'has'>;

/** What the alert routes need of alerting: the engine's transitions and the ack-link secret. */
export interface ApiAlerting {
  engine: Pick<AlertEngine, 'acknowledge' | 'resolve' | 'silence' | 'unsilence'>;
  /** Verifies the one-click acknowledgement links. */
  ackSecret: string;
  /** The language of the page an ack link answers with, from the user it acknowledges as (default 'en'). */
  langOf?: (user: string) => MessageLang;
  /**
   * The alerting configuration in force and its replacement (an AlertingRuntime gives both), for the
   * /api/alerting routes (policies, schedules, teams, users, on-call, the YAML); without it they answer 503.
   */
  configuration?: AlertingConfiguration;
}

/** Reads the alerting file in force and replaces it (validated, written atomically, swapped in the engine). */
export type AlertingConfiguration = Pick<AlertingRuntime, 'file' | 'replace'>;

/** ApiDeps with the optional parts filled in. */
export interface ResolvedDeps extends ApiDeps {
  logger: Logger;
  clock: Clock;
}

/** Runs one store call and records its duration in `vigie_store_seconds{store, op}`. */
export async function timed<T>(deps: ApiDeps, op: string, call: () => Promise<T>): Promise<T> {
  const end = deps.metrics.storeSeconds.startTimer({ store: deps.store.kind, op });
  try {
    return await call();
  } finally {
    end();
  }
}
