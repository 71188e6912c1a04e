import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * Prometheus metrics, served on `/metrics`. One registry per process (tests make their own).
 * Labels stay low-cardinality: source kind and store kind, never a mention or brand id.
 */
export interface Metrics {
  readonly registry: Registry;
  /** Mentions read from sources, by outcome (inserted, updated, unchanged, deleted). */
  readonly ingested: Counter<'source' | 'outcome'>;
  /** Records rejected by sources (did not parse or validate). */
  readonly rejected: Counter<'source'>;
  /** Seconds between a mention's receipt and its persistence, per batch (the pipeline's lag). */
  readonly lagSeconds: Gauge<'source'>;
  /** Duration of store calls, by operation. */
  readonly storeSeconds: Histogram<'store' | 'op'>;
  /** Mentions in flight in the pipeline (read, not yet persisted). */
  readonly inFlight: Gauge;
}

export function createMetrics(options: { defaults?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.defaults !== false) collectDefaultMetrics({ register: registry, prefix: 'vigie_' });
  return {
    registry,
    ingested: new Counter({
      name: 'vigie_ingest_mentions_total',
      help: 'Mentions read from sources, by outcome',
      labelNames: ['source', 'outcome'],
      registers: [registry],
    }),
    rejected: new Counter({
      name: 'vigie_ingest_rejects_total',
      help: 'Records rejected by sources because they did not parse or validate',
      labelNames: ['source'],
      registers: [registry],
    }),
    lagSeconds: new Gauge({
      name: 'vigie_ingest_lag_seconds',
      help: 'Seconds between receipt and persistence of the last batch',
      labelNames: ['source'],
      registers: [registry],
    }),
    storeSeconds: new Histogram({
      name: 'vigie_store_seconds',
      help: 'Duration of store operations',
      labelNames: ['store', 'op'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    inFlight: new Gauge({
      name: 'vigie_pipeline_in_flight',
      help: 'Mentions read and not yet persisted',
      registers: [registry],
    }),
  };
}
