import type { PipelineEvent, PipelineListener } from '../bus/events.ts';
import type { Clock } from '../domain/clock.ts';
import type { WorkspaceId } from '../domain/ids.ts';
import type { Mention } from '../domain/mention.ts';
import type { Logger } from '../observe/logger.ts';
import type { Metrics } from '../observe/metrics.ts';
import type { Store } from '../store/store.ts';
import { deletesByTime, type Batch } from './batch.ts';
import type { PipelineProgress } from './pipeline.ts';
import type { SeriesAggregator } from './series-aggregator.ts';

export interface PersistContext {
  store: Store;
  workspaceId: WorkspaceId;
  sourceId: string;
  sourceKind: string;
  listeners: readonly PipelineListener[];
  metrics: Metrics | undefined;
  logger: Logger;
  clock: Clock;
  series: SeriesAggregator;
  totals: PipelineProgress;
  /** The last watermark announced to listeners. */
  lastWatermark: number;
}

/**
 * Persists one batch, in this order: mentions (upsert), deletes, rejects; then the series deltas
 * of the newly inserted mentions; then the checkpoint; then the events to listeners.
 *
 * Crash window: the store has no transaction spanning these calls. A crash after the mentions
 * and before the series loses that batch's series (at most one batch: on resume the batch is read
 * again from the previous checkpoint, its mentions come back `unchanged` and are not counted
 * again). A crash after the series and before the checkpoint re-reads the batch, which is then
 * all `unchanged`: nothing is counted twice.
 */
export async function persistBatch(ctx: PersistContext, batch: Batch): Promise<void> {
  const { store, workspaceId: ws, totals, metrics } = ctx;
  const timed = async <T>(op: string, f: () => Promise<T>): Promise<T> => {
    const t = performance.now();
    try {
      return await f();
    } finally {
      metrics?.storeSeconds.observe({ store: store.kind, op }, (performance.now() - t) / 1000);
    }
  };

  const stored: Mention[] = [];
  if (batch.mentions.length > 0) {
    const outcomes = await timed('upsertMentions', () => store.upsertMentions(ws, batch.mentions));
    if (outcomes.length !== batch.mentions.length) {
      throw new Error(`store.upsertMentions returned ${outcomes.length} outcomes for ${batch.mentions.length} mentions`);
    }
    let inserted = 0;
    let updated = 0;
    for (let i = 0; i < outcomes.length; i++) {
      const m = batch.mentions[i]!;
      const o = outcomes[i];
      if (o === 'inserted') {
        inserted++;
        ctx.series.add(m);
        stored.push(m);
      } else if (o === 'updated') {
        updated++;
        stored.push(m);
      }
    }
    const unchanged = outcomes.length - inserted - updated;
    totals.inserted += inserted;
    totals.updated += updated;
    totals.unchanged += unchanged;
    if (metrics) {
      const source = ctx.sourceKind;
      if (inserted) metrics.ingested.inc({ source, outcome: 'inserted' }, inserted);
      if (updated) metrics.ingested.inc({ source, outcome: 'updated' }, updated);
      if (unchanged) metrics.ingested.inc({ source, outcome: 'unchanged' }, unchanged);
    }
  }
  if (batch.deletes.length > 0) {
    for (const [at, ids] of deletesByTime(batch.deletes)) await timed('markDeleted', () => store.markDeleted(ws, ids, at));
    totals.deleted += batch.deletes.length;
    metrics?.ingested.inc({ source: ctx.sourceKind, outcome: 'deleted' }, batch.deletes.length);
  }
  if (batch.rejects.length > 0) {
    await timed('addRejects', () => store.addRejects(ws, batch.rejects));
    totals.rejected += batch.rejects.length;
    metrics?.rejected.inc({ source: ctx.sourceKind }, batch.rejects.length);
  }
  const now = ctx.clock.now();
  const { deltas, closed, watermark } = ctx.series.drain(now);
  if (deltas.length > 0) await timed('addSeries', () => store.addSeries(ws, deltas));
  if (batch.checkpoint !== null) {
    const checkpoint = batch.checkpoint;
    await timed('setCheckpoint', () => store.setCheckpoint(ws, ctx.sourceId, checkpoint));
  }
  totals.read += batch.read;
  totals.unmatched += batch.unmatched;
  totals.batches++;
  if (metrics && batch.oldestReceivedAt !== Number.POSITIVE_INFINITY) {
    metrics.lagSeconds.set({ source: ctx.sourceKind }, Math.max(0, now - batch.oldestReceivedAt) / 1000);
  }

  if (stored.length > 0) await emit(ctx, { type: 'mentions.stored', workspaceId: ws, mentions: stored });
  for (const c of closed) await emit(ctx, { type: 'bucket.closed', workspaceId: ws, bucket: c.bucket, late: c.late });
  if (Number.isFinite(watermark) && watermark > ctx.lastWatermark) {
    ctx.lastWatermark = watermark;
    await emit(ctx, { type: 'watermark', workspaceId: ws, at: watermark });
  }
}

/** Hands an event to every listener; one that throws is logged and ingestion goes on. */
async function emit(ctx: PersistContext, event: PipelineEvent): Promise<void> {
  for (const [index, listener] of ctx.listeners.entries()) {
    try {
      await listener.onEvent(event);
    } catch (err) {
      ctx.logger.error({ err, listener: index, event: event.type }, 'pipeline listener failed; ingestion goes on');
    }
  }
}
