/**
 * The engine's heartbeat with real timers: every `intervalMs` it runs the due timers, then sends
 * the due deliveries, until the AbortSignal fires. A pass that throws (the store briefly
 * unavailable) is reported and the loop carries on; passes never overlap.
 */
import type { AlertEngine, DeliverSummary, RunSummary } from './engine.ts';

export interface RunLoopOptions {
  /** Pause between passes, ms (1 – 60 000). */
  intervalMs: number;
  /** Stops the loop; the promise resolves once the pass in flight ends. */
  signal: AbortSignal;
  /** Told about a pass that failed as a whole. */
  onError?: (error: unknown) => void;
  /** Told after each pass (for metrics). */
  onPass?: (pass: { run: RunSummary; deliver: DeliverSummary; ms: number }) => void;
}

/** Passes of runDue + deliverDue in a row while work keeps coming, before the loop sleeps. */
const MAX_ROUNDS = 10;

export async function runLoop(engine: Pick<AlertEngine, 'runDue' | 'deliverDue'>, options: RunLoopOptions): Promise<void> {
  const { intervalMs, signal } = options;
  if (!Number.isInteger(intervalMs) || intervalMs < 1 || intervalMs > 60_000)
    throw new RangeError(`runLoop: intervalMs must be a whole number of milliseconds from 1 to 60000 (got ${intervalMs})`);
  while (!signal.aborted) {
    const started = performance.now();
    try {
      // Drain what is due (a full batch leaves more), at most a few rounds before sleeping.
      let run: RunSummary = { timers: 0, failed: 0 };
      let deliver: DeliverSummary = { claimed: 0, sent: 0, skipped: 0, retried: 0, dead: 0 };
      for (let round = 0; round < MAX_ROUNDS && !signal.aborted; round++) {
        run = await engine.runDue();
        deliver = await engine.deliverDue();
        if (run.timers === run.failed && deliver.claimed === 0) break;
      }
      options.onPass?.({ run, deliver, ms: performance.now() - started });
    } catch (e) {
      options.onError?.(e);
    }
    if (signal.aborted) break;
    await new Promise<void>((resolve) => {
      const t = setTimeout(done, intervalMs);
      function done(): void {
        clearTimeout(t);
        signal.removeEventListener('abort', done);
        resolve();
      }
      signal.addEventListener('abort', done, { once: true });
    });
  }
}
