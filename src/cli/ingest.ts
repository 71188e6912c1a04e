import type { PipelineListener } from '../bus/events.ts';
import type { Source } from '../listen/source.ts';
import { createPipeline, type RunSummary } from '../pipeline/pipeline.ts';
import { createBaselineEnricher } from '../understand/baseline/enricher.ts';
import type { AppContext } from './context.ts';
import { createProgress } from './progress.ts';
import { stopOnSignals } from './signals.ts';

export interface IngestOptions {
  brandId?: string | null;
  resume?: boolean;
  /** Plain progress lines rather than a bar (also when `--json`). */
  plainProgress?: boolean;
  quiet?: boolean;
  listeners?: readonly PipelineListener[];
  label: string;
  /** An outer signal (the demo's); SIGINT/SIGTERM also stop gracefully. */
  signal?: AbortSignal;
}

/**
 * Pushes a source through the whole pipeline into the context's store, with a progress display
 * and a graceful stop on SIGINT/SIGTERM (everything in flight is flushed, the checkpoint saved).
 */
export async function ingest(ctx: AppContext, source: Source, options: IngestOptions): Promise<RunSummary> {
  const brands = await ctx.store.listBrands(ctx.workspaceId);
  const pipeline = createPipeline({
    store: ctx.store,
    workspaceId: ctx.workspaceId,
    brands,
    enricher: createBaselineEnricher({ influencerFollowers: ctx.config.pipeline.influencerFollowers }),
    listeners: options.listeners ?? [],
    metrics: ctx.metrics,
    logger: ctx.logger,
    batchSize: ctx.config.pipeline.batchSize,
    allowedLatenessMs: ctx.config.pipeline.allowedLatenessMs,
    influencerFollowers: ctx.config.pipeline.influencerFollowers,
    forceBrandId: options.brandId ?? null,
  });
  const stop = stopOnSignals((sig) => process.stderr.write(`\n${sig}: stopping, flushing what is in flight…\n`));
  const signal = options.signal ? AbortSignal.any([stop.signal, options.signal]) : stop.signal;
  const progress = options.quiet ? null : createProgress({ label: options.label, plain: options.plainProgress });
  try {
    return await pipeline.run(source, {
      signal,
      resume: options.resume ?? false,
      onProgress: (p) => {
        const at = source.progress?.();
        progress?.update({ done: at?.done ?? p.read, total: at?.total ?? null, items: p.read });
      },
    });
  } finally {
    progress?.stop();
    stop.dispose();
  }
}

export function summaryLines(s: RunSummary): string[] {
  const rate = s.durationMs > 0 ? Math.round((s.read * 1000) / s.durationMs) : 0;
  return [
    `${s.stopped ? 'Stopped' : 'Done'}: ${s.read.toLocaleString('en')} records read in ${(s.durationMs / 1000).toFixed(1)} s (${rate.toLocaleString('en')}/s)`,
    `  stored: ${s.inserted.toLocaleString('en')} new, ${s.updated.toLocaleString('en')} updated, ${s.unchanged.toLocaleString('en')} already stored`,
    `  not stored: ${s.unmatched.toLocaleString('en')} matched no brand, ${s.rejected.toLocaleString('en')} rejected${s.deleted ? `; ${s.deleted} deleted on their platform` : ''}`,
  ];
}
