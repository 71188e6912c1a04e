import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NewBrandSchema } from '../domain/brand.ts';
import { workspaceId } from '../domain/ids.ts';
import { severityRank, type Severity, type Signal } from '../domain/signal.ts';
import type { GroundTruth } from '../demo/truth.ts';
import { openFileSource } from '../listen/import/file-source.ts';
import { silentLogger } from '../observe/logger.ts';
import { createPipeline } from '../pipeline/pipeline.ts';
import { openStore } from '../store/open.ts';
import { createBaselineEnricher } from '../understand/baseline/enricher.ts';
import type { Enricher } from '../understand/enricher.ts';
import { DEFAULT_DETECTION_OPTIONS, type DetectionOptions } from './config.ts';
import { DetectionEngine } from './engine.ts';
import { createBrandExplainer } from './explain/explainer.ts';

export interface ScenarioFiles {
  /** The X NDJSON stream. */
  streamPath: string;
  /** Its ground truth (scenario.truth.json). */
  truthPath: string;
  /** The brand (brand.json, a NewBrand). */
  brandPath: string;
}

export interface ScenarioEvaluation {
  onsetToSignalBuckets: number | null;
  onsetToSignalMinutes: number | null;
  maxSeverity: Severity | null;
  /** Signals that started in the baseline (before the onset): all, and SEV3 or worse. */
  falseSignalsBaseline: number;
  falseSignalsBaselineSev3Plus: number;
  /** The false signals themselves: kind, severity and the factors that made it. */
  baselineSignals: { id: string; kind: string; severity: Severity; factors: string[] }[];
  /** The first signal at or after the onset. */
  firstSignal: Signal | null;
  bucketMs: number;
  onset: string;
  signals: Signal[];
  mentions: number;
  durationMs: number;
}

export class ScenarioFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScenarioFileError';
  }
}

function readJson(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ScenarioFileError(`cannot read the ${what} ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ScenarioFileError(`the ${what} ${path} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
}

export interface ScenarioEvaluationOptions {
  detection?: Partial<DetectionOptions>;
  /**
   * The enricher the pipeline runs (the production one with its sentiment and category models, or
   * the CLI's choice). Default: the baseline enricher, which gives no crisis-trigger categories,
   * so `trigger_burst` stays silent with it.
   */
  enricher?: Enricher;
}

/**
 * Replays a scenario through the real pipeline (the given enricher, else the baseline one;
 * embedded store in a temporary directory) with the production detection engine, and measures it
 * against the ground truth: time from the onset to the first signal, the highest severity, false
 * signals in the baseline.
 */
export async function evaluateScenario(files: ScenarioFiles, options: ScenarioEvaluationOptions = {}): Promise<ScenarioEvaluation> {
  const truth = readJson(files.truthPath, 'ground truth') as GroundTruth;
  if (typeof truth !== 'object' || truth === null || typeof truth.onsetMs !== 'number' || typeof truth.brandId !== 'string') {
    throw new ScenarioFileError(`the ground truth ${files.truthPath} has no onsetMs or brandId: is it a scenario.truth.json written by vigie?`);
  }
  const brandParsed = NewBrandSchema.safeParse(readJson(files.brandPath, 'brand file'));
  if (!brandParsed.success) {
    throw new ScenarioFileError(`the brand file ${files.brandPath} is not a brand: ${brandParsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'vigie-eval-scenario-'));
  const started = performance.now();
  const store = await openStore({ sqlitePath: join(dir, 'eval.db'), logger: silentLogger, threaded: false });
  try {
    await store.migrate();
    const ws = workspaceId('eval');
    await store.upsertWorkspace({ id: ws, name: 'Scenario evaluation', createdAt: 0 });
    const brand = await store.createBrand(ws, brandParsed.data, truth.onsetMs);
    const signals: Signal[] = [];
    const engine = new DetectionEngine({
      workspaceId: ws,
      detection: options.detection,
      explainer: () => createBrandExplainer(),
      sinks: [{ publish: (s) => void signals.push(s) }, { publish: (s) => store.upsertSignal(ws, s) }],
      drill: true,
    });
    const pipeline = createPipeline({
      store,
      workspaceId: ws,
      brands: [brand],
      enricher: options.enricher ?? createBaselineEnricher({ influencerFollowers: 10_000 }),
      listeners: [engine],
      logger: silentLogger,
      influencerFollowers: 10_000,
    });
    const summary = await pipeline.run(openFileSource(files.streamPath, 'x'));
    await engine.flush();
    const bucketMs = (options.detection?.bucketMinutes ?? DEFAULT_DETECTION_OPTIONS.bucketMinutes) * 60_000;
    const onsetBucket = Math.floor(truth.onsetMs / bucketMs) * bucketMs;
    const byStart = new Map<string, Signal>();
    for (const s of signals) byStart.set(s.id, s);
    const episodes = [...byStart.values()];
    const baseline = episodes.filter((s) => s.startedAt < onsetBucket && s.kind !== 'feed_quiet');
    const after = episodes.filter((s) => s.startedAt >= onsetBucket && s.kind !== 'feed_quiet').sort((a, b) => a.startedAt - b.startedAt);
    const first = after[0] ?? null;
    // The signal is known once its bucket has closed: count that bucket.
    const knownAt = first === null ? null : first.startedAt + first.bucketMs;
    let max: Severity | null = null;
    for (const s of after) if (max === null || severityRank(s.severity) < severityRank(max)) max = s.severity;
    return {
      onsetToSignalBuckets: knownAt === null ? null : Math.round((knownAt - onsetBucket) / bucketMs),
      onsetToSignalMinutes: knownAt === null ? null : Math.round(((knownAt - truth.onsetMs) / 60_000) * 10) / 10,
      maxSeverity: max,
      falseSignalsBaseline: baseline.length,
      falseSignalsBaselineSev3Plus: baseline.filter((s) => severityRank(s.severity) <= 3).length,
      baselineSignals: baseline.map((s) => ({ id: s.id, kind: s.kind, severity: s.severity, factors: s.factors.map((f) => `${f.name} ${f.points}`) })),
      firstSignal: first,
      bucketMs,
      onset: new Date(truth.onsetMs).toISOString(),
      signals: episodes.sort((a, b) => a.startedAt - b.startedAt),
      mentions: summary.inserted,
      durationMs: Math.round(performance.now() - started),
    };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
