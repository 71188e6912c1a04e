import type { InAppHub } from '../alert/channels/inapp/hub.ts';
import { setupAlerting, type AlertingRuntime } from '../alert/setup.ts';
import type { PipelineListener } from '../bus/events.ts';
import { DetectionEngine, type SignalSink } from '../detect/engine.ts';
import { resolveTriggerBurstSettings } from '../detect/detectors/trigger-burst.ts';
import { createBrandExplainer } from '../detect/explain/explainer.ts';
import type { Signal } from '../domain/signal.ts';
import type { Source } from '../listen/source.ts';
import { createPipeline, type RunSummary } from '../pipeline/pipeline.ts';
import { BrandAdapters } from '../understand/sentiment/adapter/brand-adapters.ts';
import { loadSentimentModel } from '../understand/sentiment/default-model.ts';
import { buildEnricher } from '../understand/build-enricher.ts';
import type { Enricher } from '../understand/enricher.ts';
import type { AppContext } from './context.ts';
import { CliError } from './errors.ts';
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
  /** Runs the detectors on what is ingested (default true); signals go to the store and `signalSinks`. */
  detect?: boolean;
  signalSinks?: readonly SignalSink[];
  /** Marks the signals as drill (replays that must not page anyone). */
  drill?: boolean;
  /** An outer signal (the demo's); SIGINT/SIGTERM also stop gracefully. */
  signal?: AbortSignal;
}

/**
 * Pushes a source through the whole pipeline into the context's store, with a progress display
 * and a graceful stop on SIGINT/SIGTERM (everything in flight is flushed, the checkpoint saved).
 */
export async function ingest(ctx: AppContext, source: Source, options: IngestOptions): Promise<RunSummary> {
  const brands = await ctx.store.listBrands(ctx.workspaceId);
  // With alerting on, signals also go to the escalation engine: it records the alerts and their due
  // steps in the store, and the `vigie serve` loop pages (drill signals stay drills).
  const alerting = options.detect === false ? null : await openAlerting(ctx);
  const sinks = alerting === null ? options.signalSinks : [...(options.signalSinks ?? []), { publish: async (s: Signal) => void (await alerting.engine.onSignal(s)) }];
  const engine = options.detect === false ? null : createDetectionEngine(ctx, { ...options, ...(sinks === undefined ? {} : { signalSinks: sinks }) });
  const enricher = await createProductionEnricher(ctx);
  const pipeline = createPipeline({
    store: ctx.store,
    workspaceId: ctx.workspaceId,
    brands,
    enricher,
    listeners: [...(engine ? [engine] : []), ...(options.listeners ?? [])],
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
    await enricher.close?.();
    alerting?.close();
  }
}

/** The escalation engine when `alerting.enabled`, else null; a bad alerting file is a CliError naming its lines. */
export async function openAlerting(ctx: AppContext, inapp?: InAppHub): Promise<AlertingRuntime | null> {
  if (!ctx.config.alerting.enabled) return null;
  try {
    return await setupAlerting({ store: ctx.store, workspaceId: ctx.workspaceId, settings: ctx.config.alerting, logger: ctx.logger, ...(inapp ? { inapp } : {}) });
  } catch (e) {
    throw new CliError(`alerting is enabled but cannot start:\n${e instanceof Error ? e.message : String(e)}`);
  }
}

/**
 * The configured enricher (docs/understanding.md), with each brand's sentiment adapter rebuilt
 * from its analysts' stored corrections when `understand.sentiment.adapters` is on.
 */
export async function createProductionEnricher(ctx: AppContext): Promise<Enricher> {
  const u = ctx.config.understand;
  let adapters: BrandAdapters | null = null;
  if (u.sentiment.adapters) adapters = await BrandAdapters.load(ctx.store, ctx.workspaceId, loadSentimentModel(u.sentiment.model ?? undefined));
  return buildEnricher({
    understand: u,
    stakeholders: u.stakeholders,
    logger: ctx.logger,
    sentimentFor:
      adapters === null || adapters.brands().length === 0
        ? undefined
        : (brandIds) => {
            // A mention of several brands takes the first one's adapter that has learnt something.
            for (const id of brandIds) if (adapters.adapterFor(id) !== null) return adapters.modelFor(id);
            return undefined;
          },
  });
}

/** The production detection engine for a CLI run: signals stored, then handed to the extra sinks. */
export function createDetectionEngine(ctx: AppContext, options: Pick<IngestOptions, 'signalSinks' | 'drill'>): DetectionEngine {
  const { perBrand, triggers, ...defaults } = ctx.config.detection;
  const ws = ctx.workspaceId;
  return new DetectionEngine({
    workspaceId: ws,
    detection: defaults,
    perBrand: perBrand as Record<string, Partial<typeof defaults>>,
    triggers: resolveTriggerBurstSettings(triggers, 'detection.triggers'),
    explainer: () => createBrandExplainer(),
    influencerFollowers: ctx.config.pipeline.influencerFollowers,
    sinks: [{ publish: (s) => ctx.store.upsertSignal(ws, s) }, ...(options.signalSinks ?? [])],
    drill: options.drill ?? false,
    logger: ctx.logger,
  });
}

export function summaryLines(s: RunSummary): string[] {
  const rate = s.durationMs > 0 ? Math.round((s.read * 1000) / s.durationMs) : 0;
  return [
    `${s.stopped ? 'Stopped' : 'Done'}: ${s.read.toLocaleString('en')} records read in ${(s.durationMs / 1000).toFixed(1)} s (${rate.toLocaleString('en')}/s)`,
    `  stored: ${s.inserted.toLocaleString('en')} new, ${s.updated.toLocaleString('en')} updated, ${s.unchanged.toLocaleString('en')} already stored`,
    `  not stored: ${s.unmatched.toLocaleString('en')} matched no brand, ${s.rejected.toLocaleString('en')} rejected${s.deleted ? `; ${s.deleted} deleted on their platform` : ''}`,
  ];
}
