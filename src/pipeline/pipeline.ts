import type { PipelineListener } from '../bus/events.ts';
import type { Brand } from '../domain/brand.ts';
import { systemClock, type Clock } from '../domain/clock.ts';
import type { WorkspaceId } from '../domain/ids.ts';
import { EMPTY_ENRICHMENT, type Mention, type MentionDraft } from '../domain/mention.ts';
import type { Source, SourceItem } from '../listen/source.ts';
import { silentLogger, type Logger } from '../observe/logger.ts';
import type { Metrics } from '../observe/metrics.ts';
import type { Store } from '../store/store.ts';
import { DEFAULT_INFLUENCER_FOLLOWERS } from '../understand/baseline/audience.ts';
import type { Enricher } from '../understand/enricher.ts';
import { Batch } from './batch.ts';
import { BrandAssigner } from './brand-assigner.ts';
import { persistBatch, type PersistContext } from './persist.ts';
import { SeriesAggregator } from './series-aggregator.ts';

export const DEFAULT_BATCH_SIZE = 2000;
/** A batch that is not full is persisted anyway this long after its first item (live sources). */
export const DEFAULT_MAX_BATCH_DELAY_MS = 1000;

export interface PipelineDeps {
  store: Store;
  workspaceId: WorkspaceId;
  brands: readonly Brand[];
  enricher: Enricher;
  listeners?: readonly PipelineListener[];
  metrics?: Metrics;
  logger?: Logger;
  clock?: Clock;
  batchSize?: number;
  maxBatchDelayMs?: number;
  bucketMs?: number;
  allowedLatenessMs?: number;
  influencerFollowers?: number;
  /** `--brand` on import: every mention goes to that brand (in addition to those it matches). */
  forceBrandId?: string | null;
}

export interface PipelineProgress {
  read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  unmatched: number;
  rejected: number;
  deleted: number;
  batches: number;
}

export interface RunSummary extends PipelineProgress {
  durationMs: number;
  /** True when the run ended because its signal was aborted (everything read was still persisted). */
  stopped: boolean;
  lastCheckpoint: string | null;
}

export interface RunOptions {
  signal?: AbortSignal;
  /** Start from the checkpoint stored for this source (else from the start). */
  resume?: boolean;
  onProgress?: (p: PipelineProgress) => void;
}

export interface Pipeline {
  run(source: Source, options?: RunOptions): Promise<RunSummary>;
  setBrands(brands: readonly Brand[]): void;
}

/**
 * source → (parsed, validated by the source) → match brands → enrich → persist in batches
 * (upsert: the same id is stored once, an edit updates its row) → series → events.
 *
 * - A mention that matches no brand is counted `unmatched` and not stored: Vigie keeps what is
 *   about a watched brand (an import with `forceBrandId` attaches every mention to that brand).
 * - Back-pressure: the source is pulled only while fewer than two batches are in memory (the one
 *   being filled, the one being written), so memory stays bounded whatever the input rate.
 * - After each batch: mentions, deletes and rejects, then the series deltas, then the
 *   checkpoint, then the events (see persist.ts for the crash window).
 * - A graceful stop (the signal) persists the batch being filled, the series and the checkpoint
 *   and returns with `stopped: true`; `resume` continues from that checkpoint.
 */
export function createPipeline(deps: PipelineDeps): Pipeline {
  const batchSize = deps.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new Error(`pipeline: batchSize must be a positive integer (got ${batchSize})`);
  }
  const maxDelay = deps.maxBatchDelayMs ?? DEFAULT_MAX_BATCH_DELAY_MS;
  const clock = deps.clock ?? systemClock;
  const logger = deps.logger ?? silentLogger;
  const influencerFollowers = deps.influencerFollowers ?? DEFAULT_INFLUENCER_FOLLOWERS;
  const assigner = new BrandAssigner(deps.brands, deps.forceBrandId ?? null);

  const prepare = (draft: MentionDraft, brandIds: string[]): Mention => {
    const brands: Brand[] = [];
    for (const id of brandIds) {
      const b = assigner.brand(id);
      if (b !== undefined) brands.push(b);
    }
    const mention: Mention = { ...draft, workspaceId: deps.workspaceId, brandIds, enrichment: EMPTY_ENRICHMENT };
    const { lang, enrichment } = deps.enricher.enrich({ mention, brands });
    mention.lang = lang;
    mention.enrichment = enrichment;
    return mention;
  };

  // The enricher's batch pass (a transformer model), while the next batch fills. Its failure keeps
  // the first pass's enrichment: a model that stops answering must not stop ingestion.
  const refineBatch = async (mentions: Mention[]): Promise<void> => {
    const refine = deps.enricher.refine;
    if (refine === undefined || mentions.length === 0) return;
    try {
      await refine.call(deps.enricher, mentions);
    } catch (e) {
      logger.warn({ err: e instanceof Error ? e.message : String(e), mentions: mentions.length }, 'enricher batch pass failed: first-pass enrichment kept');
    }
  };

  return {
    setBrands(brands) {
      assigner.setBrands(brands);
    },
    async run(source, options = {}) {
      const started = clock.now();
      const signal = options.signal;
      const totals: PipelineProgress = { read: 0, inserted: 0, updated: 0, unchanged: 0, unmatched: 0, rejected: 0, deleted: 0, batches: 0 };
      const ctx: PersistContext = {
        store: deps.store,
        workspaceId: deps.workspaceId,
        sourceId: source.id,
        sourceKind: source.kind,
        listeners: deps.listeners ?? [],
        metrics: deps.metrics,
        logger,
        clock,
        series: new SeriesAggregator({
          workspaceId: deps.workspaceId,
          bucketMs: deps.bucketMs,
          allowedLatenessMs: deps.allowedLatenessMs,
          influencerFollowers,
        }),
        totals,
        lastWatermark: Number.NEGATIVE_INFINITY,
      };
      const from = options.resume ? await deps.store.getCheckpoint(deps.workspaceId, source.id) : null;
      let lastCheckpoint = from;
      let batch = new Batch();
      let writing: Promise<void> | null = null;
      const inFlight = (): number => batch.size + (writing === null ? 0 : batchSize);

      // Writes the batch being filled; waits for the previous write first (at most one in progress).
      const ship = async (final: boolean): Promise<void> => {
        if (writing !== null) {
          const w = writing;
          writing = null;
          await w;
        }
        const full = batch;
        batch = new Batch();
        if (full.read === 0) return;
        lastCheckpoint = full.checkpoint ?? lastCheckpoint;
        deps.metrics?.inFlight.set(full.size);
        const p = refineBatch(full.mentions)
          .then(() => persistBatch(ctx, full))
          .then(() => options.onProgress?.({ ...totals }));
        if (final) await p;
        else {
          writing = p;
          // An error is raised by the next await of `writing`; this only avoids an unhandled rejection meanwhile.
          p.catch(() => undefined);
        }
      };

      const iterator = source.read({ from, signal })[Symbol.asyncIterator]();
      let timer: { promise: Promise<'timeout'>; cancel: () => void } | null = null;
      try {
        for (;;) {
          if (signal?.aborted) break;
          let next: IteratorResult<SourceItem>;
          if (batch.read > 0 && maxDelay > 0) {
            // A live source may go quiet: persist a partial batch after maxDelay rather than wait.
            timer ??= delay(Math.max(0, batch.startedAt + maxDelay - clock.now()));
            const pending = iterator.next();
            const first = await Promise.race([pending, timer.promise]);
            if (first === 'timeout') {
              timer = null;
              await ship(false);
              next = await pending;
            } else next = first;
          } else next = await iterator.next();
          if (next.done) break;
          const item = next.value;
          if (batch.read === 0) {
            batch.startedAt = clock.now();
            timer?.cancel();
            timer = null;
          }
          batch.read++;
          batch.checkpoint = item.checkpoint;
          if (item.kind === 'mention') {
            const draft = item.mention;
            const brandIds = assigner.assign(draft);
            if (brandIds.length === 0) batch.unmatched++;
            else {
              batch.mentions.push(prepare(draft, brandIds));
              if (draft.receivedAt < batch.oldestReceivedAt) batch.oldestReceivedAt = draft.receivedAt;
            }
          } else if (item.kind === 'delete') batch.deletes.push({ id: item.id, at: item.at });
          else batch.rejects.push({ ...item.reject, workspaceId: deps.workspaceId, at: clock.now() });
          // Unmatched mentions are not kept, but they count too so that the checkpoint moves on.
          if (batch.size >= batchSize || batch.read >= 4 * batchSize) {
            await ship(false);
            deps.metrics?.inFlight.set(inFlight());
          }
        }
      } finally {
        timer?.cancel();
        try {
          await ship(true);
        } finally {
          await iterator.return?.();
        }
      }
      deps.metrics?.inFlight.set(0);
      return { ...totals, durationMs: clock.now() - started, stopped: signal?.aborted ?? false, lastCheckpoint };
    },
  };
}

function delay(ms: number): { promise: Promise<'timeout'>; cancel: () => void } {
  let handle: NodeJS.Timeout | undefined;
  const promise = new Promise<'timeout'>((resolve) => {
    handle = setTimeout(() => resolve('timeout'), ms);
  });
  return { promise, cancel: () => clearTimeout(handle) };
}
