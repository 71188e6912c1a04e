import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { NewBrand } from '../domain/brand.ts';
import { KERLANN } from './brand.ts';
import { startRun } from './generator.ts';
import { streamMessage } from './message.ts';
import { DAY_MS } from './schedule.ts';
import { type GroundTruth, TruthCollector } from './truth.ts';

export type { GroundTruth } from './truth.ts';

export interface ScenarioOptions {
  /** Seeds every random draw; the same seed gives byte-identical output. Default 20260309. */
  seed?: number;
  /** Start of the baseline. Default Monday 2026-03-02T00:00:00Z. */
  start?: Date;
  /** Days of ordinary chatter before the crisis (1–60). Default 7. */
  baselineDays?: number;
}

export interface Scenario {
  brand: NewBrand;
  /** The X filtered-stream NDJSON lines (without line ends), generated lazily on each call. */
  lines(): Iterable<string>;
  /** What really happened (computed on first read, by one pass over the generator). */
  readonly truth: GroundTruth;
}

export const DEFAULT_SEED = 20260309;
export const DEFAULT_START = new Date('2026-03-02T00:00:00Z');

interface Resolved {
  seed: number;
  startMs: number;
  baselineDays: number;
}

function resolve(options: ScenarioOptions = {}): Resolved {
  const seed = options.seed ?? DEFAULT_SEED;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new RangeError(`demo scenario: seed must be an integer from 0 to 4294967295, got ${seed}`);
  }
  const startMs = (options.start ?? DEFAULT_START).getTime();
  if (!Number.isFinite(startMs) || startMs < Date.UTC(2011, 0, 1)) {
    throw new RangeError('demo scenario: start must be a valid date after 2011-01-01 (X snowflake ids need it)');
  }
  const baselineDays = options.baselineDays ?? 7;
  if (!Number.isInteger(baselineDays) || baselineDays < 1 || baselineDays > 60) {
    throw new RangeError(`demo scenario: baselineDays must be an integer from 1 to 60, got ${baselineDays}`);
  }
  return { seed, startMs, baselineDays };
}

function computeTruth(r: Resolved): GroundTruth {
  const run = startRun(r.seed, r.startMs, r.baselineDays);
  const truth = new TruthCollector();
  for (const post of run.posts) truth.add(post);
  return truth.finish(r.seed, KERLANN.id, run.schedule);
}

/** A deterministic crisis scenario for the invented brand Kerlann (see docs/demo-scenario.md). */
export function generateScenario(options?: ScenarioOptions): Scenario {
  const r = resolve(options);
  let truth: GroundTruth | null = null;
  return {
    brand: structuredClone(KERLANN),
    *lines() {
      const run = startRun(r.seed, r.startMs, r.baselineDays);
      for (const post of run.posts) yield JSON.stringify(streamMessage(post, run.accounts));
    },
    get truth() {
      truth ??= computeTruth(r);
      return truth;
    },
  };
}

/**
 * Writes `scenario.ndjson` (one X stream message per line, LF-terminated), `scenario.truth.json`
 * beside it and `brand.json` into `dir` (created if missing), in one pass over the generator.
 */
export async function writeScenario(
  dir: string,
  options?: ScenarioOptions,
): Promise<{ streamPath: string; truthPath: string; brandPath: string; truth: GroundTruth; brand: NewBrand }> {
  const r = resolve(options);
  await mkdir(dir, { recursive: true });
  const streamPath = join(dir, 'scenario.ndjson');
  const truthPath = join(dir, 'scenario.truth.json');
  const brandPath = join(dir, 'brand.json');
  const out = createWriteStream(streamPath, { encoding: 'utf8' });
  const failed = new Promise<never>((_, reject) => out.once('error', reject));
  failed.catch(() => undefined);
  const run = startRun(r.seed, r.startMs, r.baselineDays);
  const collector = new TruthCollector();
  let chunk = '';
  for (const post of run.posts) {
    collector.add(post);
    chunk += JSON.stringify(streamMessage(post, run.accounts)) + '\n';
    if (chunk.length > 256 * 1024) {
      if (!out.write(chunk)) await Promise.race([once(out, 'drain'), failed]);
      chunk = '';
    }
  }
  out.end(chunk);
  await Promise.race([once(out, 'finish'), failed]);
  const truth = collector.finish(r.seed, KERLANN.id, run.schedule);
  await writeFile(truthPath, JSON.stringify(truth, null, 2) + '\n');
  await writeFile(brandPath, JSON.stringify(KERLANN, null, 2) + '\n');
  return { streamPath, truthPath, brandPath, truth, brand: structuredClone(KERLANN) };
}

/** How long the scenario spans (ms), for callers that size a replay. */
export function scenarioSpanMs(options?: ScenarioOptions): number {
  return (resolve(options).baselineDays + 3) * DAY_MS;
}
