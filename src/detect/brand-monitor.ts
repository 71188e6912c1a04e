import type { WorkspaceId } from '../domain/ids.ts';
import type { Mention } from '../domain/mention.ts';
import { addCounts, type SeriesBucket } from '../domain/series.ts';
import { maxSeverity, severityRank, type Signal, type SignalKind } from '../domain/signal.ts';
import type { DetectionOptions } from './config.ts';
import { CountBurstDetector, type CountBurstOptions } from './detectors/count-burst.ts';
import { ReachNegativityDetector } from './detectors/reach-negativity.ts';
import { ShareShiftDetector } from './detectors/share-shift.ts';
import { ThreadTriggers } from './detectors/thread-triggers.ts';
import { DEFAULT_TRIGGER_BURST_SETTINGS, TriggerBurstDetector, type TriggerBurstSettings, type TriggerRateOptions } from './detectors/trigger-burst.ts';
import { createVolumeDetector } from './detectors/volume.ts';
import { CategoryPresence } from './category-presence.ts';
import { FeedHealthDetector } from './feed-health.ts';
import { computeSeverity, type SeverityOptions } from './severity.ts';
import { fmt, summaryOf, type SummaryReading } from './signal-summary.ts';
import type { BrandExplainer, SeverityInput, StreamingDetector } from './types.ts';

const MINUTE = 60_000;

/** Per detection bucket, what the mentions say beyond the series (filled from mentions.stored). */
interface BucketExtras {
  negativeReach: number;
  /** Reach of the bucket's most reached negative post. */
  negativeTop: number;
  /** Negative mentions by influencers, and by media or journalists (the brand's own accounts excluded). */
  negInfluencer: number;
  negMedia: number;
  /** Mentions by the brand's employees, whatever their tone (a clumsy post is rarely "negative"). */
  employees: number;
  /** Mentions of the bucket per crisis-trigger category. */
  categories: Map<string, number>;
  /** Per watched crisis-trigger category, the authors of the bucket's negative mentions carrying it. */
  triggers: Map<string, Set<string>>;
}

interface Totals {
  count: number;
  negative: number;
  reach: number;
  negativeReach: number;
  negativeTop: number;
  influencer: number;
  media: number;
  negInfluencer: number;
  negMedia: number;
  employees: number;
}

interface Reading extends SummaryReading {
  score: number;
}

interface Episode {
  signal: Signal;
  calm: number;
  lastEmittedScore: number;
  lastEmittedAt: number;
}

export interface BrandMonitorOptions {
  workspaceId: WorkspaceId;
  brandId: string;
  detection: DetectionOptions;
  severity: SeverityOptions;
  explainer: BrandExplainer | null;
  /** Authors with at least this many followers are influencers. */
  influencerFollowers: number;
  drill: boolean;
  /** Called with every new or changed signal, in order. */
  emit: (signal: Signal) => void;
  /** The crisis-trigger burst settings (from resolveTriggerBurstSettings); default DEFAULT_TRIGGER_BURST_SETTINGS. */
  triggers?: TriggerBurstSettings;
}

/** Mentions held for judging at most (beyond, the oldest are read at once: memory stays bounded). */
const MAX_PENDING_MENTIONS = 200_000;

const KINDS: readonly Exclude<SignalKind, 'feed_quiet'>[] = [
  'volume',
  'negative_volume',
  'negative_share',
  'reach_negativity',
  'influencer_arrival',
  'trigger_burst',
];

/**
 * Watches one brand: fed the closed one-minute buckets of its series (and the mentions behind
 * them), judged every detection bucket (five minutes by default) once the watermark has passed
 * it, with empty minutes counted as zeros. Runs one detector per signal kind, turns scores into
 * episodes (open → updated → closed) with a severity and evidence, and emits them.
 */
export class BrandMonitor {
  readonly brandId: string;
  private readonly o: BrandMonitorOptions;
  private readonly stepMs: number;
  private readonly rate: TriggerRateOptions;
  private readonly volume: StreamingDetector;
  private readonly volumeRate: CountBurstDetector;
  private readonly negative: CountBurstDetector;
  private readonly voices: CountBurstDetector;
  private readonly share: ShareShiftDetector;
  private readonly reach: ReachNegativityDetector;
  /**
   * The crisis-trigger burst detector and its thread memory, made at the first mention seen (a
   * brand known only from stored series costs nothing more).
   */
  private live: { triggers: TriggerBurstDetector; threads: ThreadTriggers; sentiments: ReadonlySet<string> } | null = null;
  /**
   * First detection bucket with mentions seen (live data). The stored series replayed by
   * `DetectionEngine.prime` carry no categories, so the trigger detector starts here: it neither
   * learns nor judges the buckets before.
   */
  private liveFrom: number | null = null;
  private readonly feed: FeedHealthDetector;
  /** Minute buckets not judged yet, by start. */
  private readonly pendingMinutes = new Map<number, SeriesBucket>();
  private readonly extras = new Map<number, BucketExtras>();
  /** Start of the next minute to feed the feed-health detector, and of the next detection bucket. */
  private nextMinute: number | null = null;
  private nextStep: number | null = null;
  private current = zeroTotals();
  /** The last `contextBuckets` detection buckets' totals (newest last). */
  private readonly context: Totals[] = [];
  /** Crisis-trigger categories of the context window, against the brand's usual shares. */
  private readonly categories: CategoryPresence;
  /** Mentions observed but not read yet (see observeMention). */
  private pendingMentions: Mention[] = [];
  private pendingSorted = true;
  private readonly episodes = new Map<SignalKind, Episode>();
  /** Usual reach per detection bucket (decayed mean of calm buckets). */
  private usualReach: number | null = null;
  private silent = false;
  private firstStep: number | null = null;
  readonly stats = { buckets: 0, lateIgnored: 0 };

  constructor(options: BrandMonitorOptions) {
    this.o = options;
    this.brandId = options.brandId;
    const d = options.detection;
    this.stepMs = d.bucketMinutes * MINUTE;
    const rate = {
      bucketMs: this.stepMs,
      binHalfLifeDays: 14,
      globalHalfLifeDays: 3,
      priorBuckets: 60 / d.bucketMinutes,
      maxEvidenceBuckets: 48,
      utcOffsetMinutes: d.utcOffsetMinutes,
      minRate: 0.002 * d.bucketMinutes,
      learnCapFactor: 3,
    };
    const burst = (windows: readonly number[], minCount: number): CountBurstOptions => ({
      ...rate,
      windows,
      minDecades: d.minDecades,
      fullDecades: d.fullDecades,
      minCount,
    });
    this.volume = createVolumeDetector();
    this.volumeRate = new CountBurstDetector(burst(d.windows, 3));
    this.negative = new CountBurstDetector(burst(d.windows, 3));
    this.voices = new CountBurstDetector(burst(d.windows.filter((w) => w > 1).length > 0 ? d.windows.filter((w) => w > 1) : d.windows, 2));
    this.share = new ShareShiftDetector({
      windows: d.windows,
      minTotal: d.shareMinMentions,
      minDecades: d.minDecades,
      fullDecades: d.fullDecades,
      halfLifeBuckets: (7 * 24 * 60) / d.bucketMinutes,
      minShare: 0.05,
      priorShare: 0.15,
      priorMentions: 50,
    });
    this.reach = new ReachNegativityDetector({
      windows: d.windows,
      minRatio: d.reachMinRatio,
      fullRatio: d.reachMinRatio * 10,
      minPosts: 3,
      floorReach: d.reachFloor,
      halfLifeBuckets: (7 * 24 * 60) / d.bucketMinutes,
      warmupBuckets: (24 * 60) / d.bucketMinutes,
    });
    this.rate = rate;
    this.feed = new FeedHealthDetector({ bucketMs: MINUTE });
    this.categories = new CategoryPresence(this.o.detection.bucketMinutes, this.o.detection.contextBuckets);
  }

  /**
   * Takes a stored mention. It is held until the detection bucket it belongs to is judged, and
   * read then, in time order: a pipeline batch can span hours of a quiet brand, and the explainer,
   * which keeps a bounded recent horizon, must not have moved past a bucket when it explains it.
   */
  observeMention(m: Mention): void {
    const last = this.pendingMentions[this.pendingMentions.length - 1];
    if (last !== undefined && m.createdAt < last.createdAt) this.pendingSorted = false;
    this.pendingMentions.push(m);
    if (this.pendingMentions.length > MAX_PENDING_MENTIONS) this.drainMentions(Number.POSITIVE_INFINITY, this.pendingMentions.length - MAX_PENDING_MENTIONS);
  }

  /** Reads the held mentions created before `before` (at most `limit` of them), oldest first. */
  private drainMentions(before: number, limit = Number.POSITIVE_INFINITY): void {
    const pending = this.pendingMentions;
    if (pending.length === 0) return;
    if (!this.pendingSorted) {
      pending.sort((a, b) => a.createdAt - b.createdAt);
      this.pendingSorted = true;
    }
    let i = 0;
    while (i < pending.length && i < limit && pending[i]!.createdAt < before) this.readMention(pending[i++]!);
    if (i > 0) pending.splice(0, i);
  }

  /** Adds what the series does not carry (negative reach, employees, categories) for the severity. */
  private readMention(m: Mention): void {
    this.o.explainer?.observe(m);
    if (this.live === null) {
      const settings = this.o.triggers ?? DEFAULT_TRIGGER_BURST_SETTINGS;
      this.live = { triggers: new TriggerBurstDetector(this.rate, settings), threads: new ThreadTriggers(settings.categories), sentiments: new Set(settings.sentiments) };
    }
    const live = this.live;
    // Remembered even when late, so that later replies still find their thread's categories.
    const triggers = live.threads.observe(m);
    const step = Math.floor(m.createdAt / this.stepMs) * this.stepMs;
    if (this.nextStep !== null && step < this.nextStep) return;
    let e = this.extras.get(step);
    if (e === undefined) {
      e = { negativeReach: 0, negativeTop: 0, negInfluencer: 0, negMedia: 0, employees: 0, categories: new Map(), triggers: new Map() };
      this.extras.set(step, e);
    }
    if (this.liveFrom === null || step < this.liveFrom) this.liveFrom = step;
    const who = m.enrichment.stakeholder;
    if (m.enrichment.sentiment?.label === 'negative' && who !== 'brand') {
      e.negativeReach += m.enrichment.reach;
      if (m.enrichment.reach > e.negativeTop) e.negativeTop = m.enrichment.reach;
      if (who === 'journalist' || who === 'media') e.negMedia++;
      // The stakeholder rules decide (per-platform thresholds); followers only without them.
      else if (who === 'influencer' || (who === null && (m.author.followers ?? 0) >= this.o.influencerFollowers)) e.negInfluencer++;
    }
    if (who === 'employee') e.employees++;
    for (const c of m.enrichment.categories) if (c !== 'none') e.categories.set(c, (e.categories.get(c) ?? 0) + 1);
    // Crisis triggers: negative mentions (by default) not by the brand itself (its recall notice
    // is not a burn), with the categories of their thread; the detector counts each author once.
    const label = m.enrichment.sentiment?.label;
    if (label !== undefined && live.sentiments.has(label) && who !== 'brand') {
      for (const c of triggers) {
        let authors = e.triggers.get(c);
        if (authors === undefined) e.triggers.set(c, (authors = new Set()));
        authors.add(m.author.id);
      }
    }
  }

  /** A closed one-minute bucket (late ones for a minute already judged are only counted). */
  addBucket(b: SeriesBucket, late: boolean): void {
    if (this.nextMinute !== null && b.start < this.nextMinute) {
      if (late) this.stats.lateIgnored++;
      return;
    }
    const had = this.pendingMinutes.get(b.start);
    if (had === undefined) this.pendingMinutes.set(b.start, { ...b });
    else addCounts(had, b);
    if (this.nextMinute === null) {
      this.nextMinute = b.start;
      this.nextStep = Math.floor(b.start / this.stepMs) * this.stepMs;
      this.nextMinute = this.nextStep;
    }
  }

  /**
   * Judges every minute and detection bucket that ends at or before `watermark`. A gap of more
   * than `maxGapMs` without any data (a replay jumping ahead) is skipped rather than walked.
   */
  advance(watermark: number, maxGapMs = 7 * 86_400_000): void {
    if (this.nextMinute === null || this.nextStep === null) {
      this.drainMentions(watermark);
      return;
    }
    let minute: number = this.nextMinute;
    let step: number = this.nextStep;
    if (watermark - minute > maxGapMs && this.pendingMinutes.size === 0) {
      step = Math.floor((watermark - this.stepMs) / this.stepMs) * this.stepMs;
      minute = step;
    }
    while (minute + MINUTE <= watermark) {
      const b = this.pendingMinutes.get(minute);
      if (b !== undefined) this.pendingMinutes.delete(minute);
      this.minute(minute, b);
      minute += MINUTE;
      if (minute >= step + this.stepMs) {
        this.drainMentions(step + this.stepMs);
        this.step(step);
        step += this.stepMs;
      }
    }
    this.nextMinute = minute;
    this.nextStep = step;
  }

  private minute(start: number, b: SeriesBucket | undefined): void {
    const c = this.current;
    if (b !== undefined) {
      c.count += b.count;
      c.negative += b.negative;
      c.reach += b.reach;
      c.influencer += b.influencer;
      c.media += b.media;
    }
    const health = this.feed.update(start, b?.count ?? 0);
    if (health.quiet) {
      this.silent = true;
      const input = this.severityInput('feed_quiet', health.score, health.observed, health.expected);
      const sev = computeSeverity({ ...input, silentForMs: health.silentForMs }, this.o.severity);
      const summary = `Listening went quiet: ${fmt(health.observed)} mentions in the last ${Math.round(health.windowMs / MINUTE)} min where ${fmt(health.expected)} were expected`;
      this.touch('feed_quiet', start, MINUTE, health.score, health.observed, health.expected, sev, summary, false);
    } else if (this.silent) {
      this.silent = false;
      this.close('feed_quiet', start);
    }
  }

  private step(start: number): void {
    this.stats.buckets++;
    const c = this.current;
    const e = this.extras.get(start);
    this.extras.delete(start);
    for (const k of this.extras.keys()) if (k < start) this.extras.delete(k);
    // Without the mentions (warming up from the stored series), the negative reach is estimated
    // and counted as one post's (so it never makes a reach wave on its own).
    c.negativeReach = e?.negativeReach ?? (c.count > 0 ? (c.reach * c.negative) / c.count : 0);
    c.negativeTop = e?.negativeTop ?? c.negativeReach;
    c.employees = e?.employees ?? 0;
    c.negInfluencer = e?.negInfluencer ?? 0;
    c.negMedia = e?.negMedia ?? 0;
    this.context.push(c);
    this.categories.push(c.count, e?.categories);
    if (this.context.length > this.o.detection.contextBuckets) {
      this.context.shift();
    }
    const t = start;
    const readings = new Map<SignalKind, Reading>();
    let vScore = this.volume.update(t, c.count);
    const vRate = this.volumeRate.update(t, c.count);
    // Warming up (the first day of a series, nothing primed): the volume detector does not know
    // the daily rhythm yet and would take the first morning for a spike, so it must be confirmed
    // by the count test, whose predictive is still wide (see docs/detection.md).
    if (this.firstStep === null) this.firstStep = t;
    if (t - this.firstStep < 86_400_000) vScore = Math.min(vScore, vRate.score);
    readings.set('volume', { score: vScore, observed: c.count, expected: vRate.expected / vRate.windowBuckets, what: 'mentions', windowBuckets: 1 });
    const n = this.negative.update(t, c.negative);
    readings.set('negative_volume', { score: n.score, observed: n.observed, expected: n.expected, what: 'negative mentions', windowBuckets: n.windowBuckets });
    const s = this.share.update(c.negative, c.count);
    readings.set('negative_share', { score: s.score, observed: s.share, expected: s.usual, what: 'negative share', windowBuckets: s.windowBuckets });
    const r = this.reach.update(c.negativeReach, c.negativeTop, c.negative);
    readings.set('reach_negativity', { score: r.score, observed: r.observed, expected: r.expected, what: 'reach of negative mentions', windowBuckets: r.windowBuckets });
    const v = this.voices.update(t, c.influencer + c.media);
    readings.set('influencer_arrival', { score: v.score, observed: v.observed, expected: v.expected, what: 'influencer and media mentions', windowBuckets: v.windowBuckets });
    if (this.live !== null && this.liveFrom !== null && t >= this.liveFrom) {
      const g = this.live.triggers.update(t, e?.triggers ?? new Map());
      readings.set('trigger_burst', {
        score: g.score,
        observed: g.observed,
        expected: g.expected,
        what: 'negative mentions with a crisis trigger',
        windowBuckets: g.windowBuckets,
        triggers: g.categories,
      });
    } else {
      readings.set('trigger_burst', { score: 0, observed: 0, expected: 0, what: 'negative mentions with a crisis trigger', windowBuckets: 1 });
    }

    const calmNow = [...readings.values()].every((r) => r.score < this.o.detection.closeScore);
    if (calmNow) this.usualReach = this.usualReach === null ? c.reach : this.usualReach * 0.995 + c.reach * 0.005;

    for (const kind of KINDS) {
      const r = readings.get(kind) as Reading;
      const open = this.episodes.get(kind);
      if (r.score >= this.o.detection.openScore || (open !== undefined && r.score >= this.o.detection.closeScore)) {
        const input = this.severityInput(kind, r.score, r.observed, r.expected);
        const sev = computeSeverity(input, this.o.severity);
        this.touch(kind, t, this.stepMs, r.score, r.observed, r.expected, sev, summaryOf(kind, r, this.stepMs), true);
      } else if (open !== undefined) {
        open.calm++;
        if (open.calm >= this.o.detection.calmBuckets) this.close(kind, t);
      }
    }
    this.current = zeroTotals();
  }

  private severityInput(kind: SignalKind, score: number, observed: number, expected: number): SeverityInput {
    const w = zeroTotals();
    for (const c of this.context) addTotals(w, c);
    const categories = this.categories.present(w.count, this.o.severity.categories);
    const last = this.context[this.context.length - 1];
    const before = this.context.slice(0, -1);
    const meanBefore = before.length > 0 ? before.reduce((a, c) => a + c.count, 0) / before.length : null;
    return {
      kind,
      score,
      observed,
      expected,
      mentions: w.count,
      negative: w.negative,
      usualNegativeShare: this.share.usual,
      reach: w.reach,
      negativeReach: w.negativeReach,
      usualReach: this.usualReach === null ? null : this.usualReach * this.context.length,
      influencers: w.negInfluencer,
      media: w.negMedia,
      employees: w.employees,
      velocity: last !== undefined && meanBefore !== null && meanBefore > 0 ? last.count / meanBefore : null,
      categories,
    };
  }

  private touch(
    kind: SignalKind,
    t: number,
    bucketMs: number,
    score: number,
    observed: number,
    expected: number,
    sev: ReturnType<typeof computeSeverity>,
    summary: string,
    explain: boolean,
  ): void {
    const clamped = Math.max(0, Math.min(1, score));
    let ep = this.episodes.get(kind);
    if (ep === undefined) {
      const signal: Signal = {
        id: `${this.brandId}:${kind}:${t}`,
        workspaceId: this.o.workspaceId,
        brandId: this.brandId,
        kind,
        status: 'open',
        startedAt: t,
        updatedAt: t,
        endedAt: null,
        bucketMs,
        score: clamped,
        severity: sev.severity,
        factors: sev.factors,
        observed,
        expected,
        summary,
        evidence: explain ? this.explain(t) : null,
        drill: this.o.drill,
      };
      ep = { signal, calm: 0, lastEmittedScore: clamped, lastEmittedAt: t };
      this.episodes.set(kind, ep);
      this.o.emit(structuredClone(signal));
      return;
    }
    ep.calm = 0;
    const s = ep.signal;
    s.updatedAt = t;
    const worse = severityRank(sev.severity) < severityRank(s.severity);
    const higher = clamped > s.score;
    if (higher) {
      s.score = clamped;
      s.observed = observed;
      s.expected = expected;
      s.summary = summary;
    }
    if (worse) {
      s.severity = maxSeverity(s.severity, sev.severity);
      s.factors = sev.factors;
    }
    // Re-emit when it got worse, grew clearly, or every hour while it lasts (fresh evidence).
    const due = t - ep.lastEmittedAt >= 3_600_000;
    if (worse || clamped >= ep.lastEmittedScore + 0.1 || due) {
      if (explain) s.evidence = this.explain(t);
      ep.lastEmittedScore = s.score;
      ep.lastEmittedAt = t;
      this.o.emit(structuredClone(s));
    }
  }

  private close(kind: SignalKind, t: number): void {
    const ep = this.episodes.get(kind);
    if (ep === undefined) return;
    this.episodes.delete(kind);
    ep.signal.status = 'closed';
    ep.signal.endedAt = t;
    this.o.emit(structuredClone(ep.signal));
  }

  /** Evidence for the episode: the context window ending with the current bucket. */
  private explain(t: number): Signal['evidence'] {
    if (this.o.explainer === null) return null;
    const from = t - (this.o.detection.contextBuckets - 1) * this.stepMs;
    return this.o.explainer.explain(from, t + this.stepMs);
  }

  /** Signals still open (for a graceful stop, or a status view). */
  openSignals(): Signal[] {
    return [...this.episodes.values()].map((e) => structuredClone(e.signal));
  }
}

function addTotals(into: Totals, from: Totals): void {
  for (const k of Object.keys(into) as (keyof Totals)[]) into[k] += from[k];
}

function zeroTotals(): Totals {
  return { count: 0, negative: 0, reach: 0, negativeReach: 0, negativeTop: 0, influencer: 0, media: 0, negInfluencer: 0, negMedia: 0, employees: 0 };
}
