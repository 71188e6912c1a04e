import type { Clock } from '../domain/clock.ts';
import type { WorkspaceId } from '../domain/ids.ts';
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
}

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
