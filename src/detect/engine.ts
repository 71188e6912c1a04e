import type { TriggerBurstSettings } from './detectors/trigger-burst.ts';
import type { PipelineEvent, PipelineListener } from '../bus/events.ts';
import type { Brand } from '../domain/brand.ts';
import type { WorkspaceId } from '../domain/ids.ts';
import type { Signal } from '../domain/signal.ts';
import type { Logger } from '../observe/logger.ts';
import type { Store } from '../store/store.ts';
import { BrandMonitor } from './brand-monitor.ts';
import { resolveDetectionOptions, type DetectionOptions } from './config.ts';
import { DEFAULT_SEVERITY_OPTIONS, type SeverityOptions } from './severity.ts';
import type { BrandExplainer } from './types.ts';

export interface SignalSink {
  publish(signal: Signal): void | Promise<void>;
}

export interface DetectionEngineOptions {
  workspaceId: WorkspaceId;
  /** Global defaults; per-brand overrides in `perBrand` (validated when the engine starts). */
  detection?: Partial<DetectionOptions>;
  perBrand?: Readonly<Record<string, Partial<DetectionOptions>>>;
  severity?: SeverityOptions;
  /** The crisis-trigger burst detector's settings (default DEFAULT_TRIGGER_BURST_SETTINGS). */
  triggers?: TriggerBurstSettings;
  /** Makes each brand's "why it spikes" explainer; null: signals carry no evidence. */
  explainer?: (() => BrandExplainer) | null;
  sinks: readonly SignalSink[];
  /** Authors with at least this many followers are influencers (the pipeline's setting). */
  influencerFollowers?: number;
  /** Signals are marked as drill (replays and exercises that must not page anyone). */
  drill?: boolean;
  logger?: Logger;
}

/**
 * Detection as a pipeline listener: routes each brand's closed buckets and stored mentions to its
 * BrandMonitor, advances every monitor on each watermark, and hands signals to the sinks (the
 * store, the alerting stage) in the order they were made.
 */
export class DetectionEngine implements PipelineListener {
  private readonly monitors = new Map<string, BrandMonitor>();
  private readonly o: DetectionEngineOptions;
  private readonly defaults: DetectionOptions;
  private readonly perBrand = new Map<string, DetectionOptions>();
  private queue: Signal[] = [];
  readonly published: { count: number } = { count: 0 };

  constructor(options: DetectionEngineOptions) {
    this.o = options;
    this.defaults = resolveDetectionOptions(options.detection ?? {});
    for (const [brandId, overrides] of Object.entries(options.perBrand ?? {})) {
      this.perBrand.set(brandId, resolveDetectionOptions({ ...this.defaults, ...overrides }, `brands.${brandId}.detection`));
    }
  }

  monitor(brandId: string): BrandMonitor {
    let m = this.monitors.get(brandId);
    if (m === undefined) {
      m = new BrandMonitor({
        workspaceId: this.o.workspaceId,
        brandId,
        detection: this.perBrand.get(brandId) ?? this.defaults,
        severity: this.o.severity ?? DEFAULT_SEVERITY_OPTIONS,
        ...(this.o.triggers === undefined ? {} : { triggers: this.o.triggers }),
        explainer: this.o.explainer ? this.o.explainer() : null,
        influencerFollowers: this.o.influencerFollowers ?? 10_000,
        drill: this.o.drill ?? false,
        emit: (s) => this.queue.push(s),
      });
      this.monitors.set(brandId, m);
    }
    return m;
  }

  async onEvent(event: PipelineEvent): Promise<void> {
    if (event.workspaceId !== this.o.workspaceId) return;
    switch (event.type) {
      case 'mentions.stored':
        for (const m of event.mentions) for (const b of m.brandIds) this.monitor(b).observeMention(m);
        return;
      case 'bucket.closed':
        this.monitor(event.bucket.brandId).addBucket(event.bucket, event.late);
        return;
      case 'watermark':
        for (const m of this.monitors.values()) m.advance(event.at);
        await this.flush();
        return;
    }
  }

  /** Hands queued signals to every sink; a failing sink is logged and the others still get them. */
  async flush(): Promise<void> {
    const batch = this.queue;
    this.queue = [];
    for (const s of batch) {
      for (const sink of this.o.sinks) {
        try {
          await sink.publish(s);
        } catch (err) {
          this.o.logger?.error({ err, signal: s.id }, 'signal sink failed');
        }
      }
      this.published.count++;
    }
  }

  /**
   * Warms the detectors up from the stored series (the last `primeDays` before `until`), so a
   * restart does not start blind. Nothing is published for that history.
   */
  async prime(store: Store, brands: readonly Brand[], until: number): Promise<number> {
    let buckets = 0;
    for (const brand of brands) {
      const days = (this.perBrand.get(brand.id) ?? this.defaults).primeDays;
      if (days <= 0) continue;
      const from = until - days * 86_400_000;
      const series = await store.getSeries(this.o.workspaceId, { brandId: brand.id, from, to: until, bucketMs: 60_000 });
      if (series.length === 0) continue;
      const m = this.monitor(brand.id);
      for (const b of series) m.addBucket(b, false);
      m.advance(Math.floor(until / 60_000) * 60_000);
      buckets += series.length;
    }
    this.queue = [];
    return buckets;
  }

  get brandCount(): number {
    return this.monitors.size;
  }

  openSignals(): Signal[] {
    return [...this.monitors.values()].flatMap((m) => m.openSignals());
  }
}

