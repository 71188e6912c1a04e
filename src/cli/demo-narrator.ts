import type { Signal } from '../domain/signal.ts';
import type { PipelineEvent, PipelineListener } from '../bus/events.ts';

export interface NarratorPhase {
  name: string;
  start: number;
}

const PHASE_TEXT: Record<string, string> = {
  baseline: 'baseline week: ordinary chatter about the brand',
  onset: 'CRISIS ONSET (ground truth): a customer reports a defect',
  influencer: 'an influencer picks the story up',
  media: 'a journalist publishes an article',
  peak: 'the storm peaks',
  response: "the brand's response is published",
  recovery: 'recovery: negativity subsides',
};

/**
 * Tells in the terminal what happens while the demo replays: one line per simulated day in calm
 * times, one per hour around the crisis, and the ground-truth phases as the replay reaches them.
 * It reads the series the pipeline closes (`bucket.closed`), so what it prints is what is stored.
 */
export class DemoNarrator implements PipelineListener {
  private readonly write: (line: string) => void;
  private readonly brandId: string;
  private readonly phases: NarratorPhase[];
  private readonly detailFrom: number;
  private readonly detailTo: number;
  private period: { start: number; hourly: boolean; count: number; negative: number } | null = null;
  private nextPhase = 0;
  private readonly told = new Map<string, string>();
  peakHour: { start: number; count: number; negative: number } | null = null;
  private hour: { start: number; count: number; negative: number } | null = null;

  constructor(options: {
    brandId: string;
    phases: readonly NarratorPhase[];
    /** Hourly lines between these times (the crisis); daily lines elsewhere. */
    detailFrom: number;
    detailTo: number;
    write?: (line: string) => void;
  }) {
    this.brandId = options.brandId;
    this.phases = [...options.phases].sort((a, b) => a.start - b.start);
    this.detailFrom = options.detailFrom;
    this.detailTo = options.detailTo;
    this.write = options.write ?? ((line) => process.stdout.write(`${line}\n`));
  }

  onEvent(event: PipelineEvent): void {
    if (event.type !== 'bucket.closed' || event.bucket.brandId !== this.brandId) return;
    const b = event.bucket;
    while (this.nextPhase < this.phases.length && (this.phases[this.nextPhase]?.start ?? Infinity) <= b.start) {
      const p = this.phases[this.nextPhase++];
      if (p) this.write(`  ▶ ${stamp(p.start)}  ${PHASE_TEXT[p.name] ?? p.name}`);
    }
    this.trackHour(b.start, b.count, b.negative);
    const hourly = b.start >= this.detailFrom && b.start < this.detailTo;
    const start = hourly ? floorTo(b.start, 3_600_000) : floorTo(b.start, 86_400_000);
    if (this.period && (this.period.start !== start || this.period.hourly !== hourly)) this.flushPeriod();
    this.period ??= { start, hourly, count: 0, negative: 0 };
    this.period.count += b.count;
    this.period.negative += b.negative;
  }

  /** Tells a signal as it opens or gets worse (the store keeps every update). */
  onSignal(signal: Signal): void {
    if (signal.brandId !== this.brandId) return;
    const seen = this.told.get(signal.id);
    if (signal.status === 'closed' || seen === signal.severity) return;
    this.told.set(signal.id, signal.severity);
    this.flushPeriod();
    const verb = seen === undefined ? 'signal' : 'now';
    this.write(`  ⚠ ${stamp(signal.updatedAt)}  ${signal.severity} ${verb} — ${signal.kind}: ${signal.summary}`);
    const terms = signal.evidence?.terms.slice(0, 5).map((t) => t.term) ?? [];
    const tags = signal.evidence?.hashtags.slice(0, 3).map((t) => t.term) ?? [];
    if (terms.length + tags.length > 0 && seen === undefined) this.write(`      why: ${[...tags, ...terms].join(', ')}`);
  }

  /** Prints what is pending (the last period). */
  finish(): void {
    this.flushPeriod();
  }

  private trackHour(start: number, count: number, negative: number): void {
    const h = floorTo(start, 3_600_000);
    if (this.hour && this.hour.start !== h) this.hour = null;
    this.hour ??= { start: h, count: 0, negative: 0 };
    this.hour.count += count;
    this.hour.negative += negative;
    if (!this.peakHour || this.hour.count > this.peakHour.count) this.peakHour = { ...this.hour };
  }

  private flushPeriod(): void {
    const p = this.period;
    if (!p) return;
    this.period = null;
    const share = p.count ? Math.round((100 * p.negative) / p.count) : 0;
    const label = p.hourly ? `${stamp(p.start)}  1 hour` : `${new Date(p.start).toISOString().slice(0, 10)}  1 day `;
    const perHour = p.hourly ? p.count : Math.round(p.count / 24);
    const bar = '█'.repeat(Math.min(40, Math.ceil(perHour / 10)));
    this.write(`    ${label}  ${String(p.count).padStart(6)} mentions  ${String(share).padStart(3)}% negative  ${bar}`);
  }
}

function floorTo(t: number, ms: number): number {
  return Math.floor(t / ms) * ms;
}

function stamp(t: number): string {
  return new Date(t).toISOString().slice(0, 16).replace('T', ' ') + 'Z';
}
