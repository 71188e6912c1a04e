import type { Clock } from '../domain/clock.ts';
import { systemClock } from '../domain/clock.ts';
import type { WorkspaceId } from '../domain/ids.ts';
import type { Logger } from '../observe/logger.ts';
import { silentLogger } from '../observe/logger.ts';
import type { Store } from '../store/store.ts';

const DAY_MS = 86_400_000;

/**
 * Deletes the workspace's mentions created more than `days` days before `now`. Series buckets
 * are aggregates and are kept. Signals are the crisis history and are kept too, but the posts
 * their evidence quotes (texts, handles: copies of mentions) do not outlive the mentions: the
 * evidence of signals whose window ended before the same cutoff keeps its terms, hashtags and
 * counts, and loses its top posts, top authors, storylines and samples. `redacted` counts those
 * signals. `days` of 0 (or less) keeps everything.
 */
export async function runRetention(store: Store, ws: WorkspaceId, days: number, now: number): Promise<{ purged: number; redacted: number }> {
  if (!(days > 0)) return { purged: 0, redacted: 0 };
  const cutoff = now - days * DAY_MS;
  const purged = await store.purgeMentionsBefore(ws, cutoff);
  const redacted = await store.redactSignalEvidenceBefore(ws, cutoff);
  return { purged, redacted };
}

export interface RetentionRun {
  purged: number;
  /** Signals whose evidence lost its quoted posts. */
  redacted: number;
  workspaces: number;
  /** Workspaces whose purge failed (logged). */
  failed: number;
}

/** A cancellable timer; the default is an unref'd setTimeout, so it never keeps the process alive. */
export type SetTimer = (fn: () => void, ms: number) => { clear(): void };

const defaultSetTimer: SetTimer = (fn, ms) => {
  const t = setTimeout(fn, ms);
  t.unref();
  return { clear: () => clearTimeout(t) };
};

export interface RetentionJobOptions {
  store: Store;
  /** The workspaces to purge, asked again at every run. */
  workspaces: () => Promise<WorkspaceId[]>;
  days: number;
  intervalMs: number;
  /** Delay before the first run (default 5 s: shortly after start, once the rest is up). */
  firstDelayMs?: number;
  clock?: Clock;
  logger?: Logger;
  setTimer?: SetTimer;
}

export interface RetentionJob {
  /** Stops the schedule; resolves when a run in progress has finished. */
  stop(): Promise<void>;
  /** Runs now (or joins the run in progress). Never rejects: errors are logged and counted. */
  runNow(): Promise<RetentionRun>;
}

/**
 * Runs `runRetention` for every workspace on a schedule: first after `firstDelayMs`, then
 * `intervalMs` after each run ends (runs never overlap). `days = 0` disables it. Errors are
 * logged, never thrown, so the job cannot crash the process.
 */
export function startRetentionJob(options: RetentionJobOptions): RetentionJob {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  const setTimer = options.setTimer ?? defaultSetTimer;
  const enabled = options.days > 0;
  let timer: { clear(): void } | null = null;
  let running: Promise<RetentionRun> | null = null;
  let stopped = false;

  const runOnce = async (): Promise<RetentionRun> => {
    const result: RetentionRun = { purged: 0, redacted: 0, workspaces: 0, failed: 0 };
    if (!enabled) return result;
    let list: WorkspaceId[];
    try {
      list = await options.workspaces();
    } catch (err) {
      logger.error({ err }, 'retention: cannot list workspaces; will retry at the next run');
      result.failed += 1;
      return result;
    }
    for (const ws of list) {
      try {
        const { purged, redacted } = await runRetention(options.store, ws, options.days, clock.now());
        result.purged += purged;
        result.redacted += redacted;
        result.workspaces += 1;
        if (purged > 0) logger.info({ workspace: ws, purged, days: options.days }, 'retention: old mentions deleted');
        if (redacted > 0) logger.info({ workspace: ws, redacted, days: options.days }, 'retention: posts quoted by old signal evidence removed');
      } catch (err) {
        result.failed += 1;
        logger.error({ err, workspace: ws }, 'retention: purge failed; will retry at the next run');
      }
    }
    return result;
  };

  const runNow = (): Promise<RetentionRun> => {
    if (running !== null) return running;
    running = runOnce().finally(() => {
      running = null;
    });
    return running;
  };

  const schedule = (ms: number): void => {
    if (stopped || !enabled) return;
    timer = setTimer(() => {
      timer = null;
      void runNow().then(() => schedule(options.intervalMs));
    }, ms);
  };

  schedule(options.firstDelayMs ?? 5_000);
  if (!enabled) logger.info('retention: disabled (days = 0)');

  return {
    runNow,
    async stop() {
      stopped = true;
      timer?.clear();
      timer = null;
      if (running !== null) await running;
    },
  };
}
