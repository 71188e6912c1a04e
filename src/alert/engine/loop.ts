/**
 * The engine's heartbeat with real timers: two loops side by side until the AbortSignal fires, one
 * running the due timers (escalation steps, held pages, alert timers), one sending the due outbox
 * deliveries. Each drains what is due (a full batch leaves more) for a few rounds, then sleeps
 * `intervalMs`. They are separate so that a slow channel (an SMTP server taking seconds) never
 * delays the next escalation step, and a burst of steps never holds up the pages already due.
 * A pass that throws (the store briefly unavailable) is reported and its loop carries on; the
 * passes of one loop never overlap.
 */
import type { AlertEngine, DeliverSummary, RunSummary } from './engine.ts';

export interface RunLoopOptions {
  /** Pause between passes, ms (1 – 60 000). */
  intervalMs: number;
  /** Stops the loops; the promise resolves once the passes in flight end. */
  signal: AbortSignal;
  /** Told about a pass that failed as a whole. */
  onError?: (error: unknown) => void;
  /** Told after each pass of either loop (for metrics). */
  onPass?: (pass: { run: RunSummary } | { deliver: DeliverSummary }, ms: number) => void;
}

/** Passes in a row while work keeps coming, before a loop sleeps. */
const MAX_ROUNDS = 10;
/** Longest the delivery loop waits for a burst of due steps to be run. */
const MAX_HOLD_MS = 2000;

export async function runLoop(engine: Pick<AlertEngine, 'runDue' | 'deliverDue'>, options: RunLoopOptions): Promise<void> {
  const { intervalMs } = options;
  if (!Number.isInteger(intervalMs) || intervalMs < 1 || intervalMs > 60_000)
    throw new RangeError(`runLoop: intervalMs must be a whole number of milliseconds from 1 to 60000 (got ${intervalMs})`);
  // Steps first: while the timer loop is catching up on a burst (a full batch left more), the
  // delivery loop waits, at most MAX_HOLD_MS at a time, so the CPU goes to deciding who is paged;
  // the pages those steps queued then go out in order of due time.
  let burst: { done: Promise<void>; end(): void } | null = null;
  await Promise.all([
    loop(options, async () => {
      const run = await engine.runDue();
      const more = run.timers > run.failed;
      if (more && burst === null) {
        let end = (): void => {};
        const done = new Promise<void>((resolve) => { end = resolve; });
        burst = { done, end };
      } else if (!more && burst !== null) {
        burst.end();
        burst = null;
      }
      return { pass: { run }, more };
    }, () => { burst?.end(); burst = null; }),
    loop(options, async () => {
      if (burst !== null) await Promise.race([burst.done, new Promise((resolve) => setTimeout(resolve, MAX_HOLD_MS))]);
      const deliver = await engine.deliverDue();
      return { pass: { deliver }, more: deliver.claimed > 0 };
    }),
  ]);
}

async function loop(
  options: RunLoopOptions,
  pass: () => Promise<{ pass: { run: RunSummary } | { deliver: DeliverSummary }; more: boolean }>,
  onIdle?: () => void,
): Promise<void> {
  const { intervalMs, signal } = options;
  while (!signal.aborted) {
    try {
      for (let round = 0; round < MAX_ROUNDS && !signal.aborted; round++) {
        const started = performance.now();
        const r = await pass();
        options.onPass?.(r.pass, performance.now() - started);
        if (!r.more) break;
      }
    } catch (e) {
      options.onError?.(e);
    }
    onIdle?.();
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
