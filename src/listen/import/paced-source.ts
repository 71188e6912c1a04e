import { systemClock, type Clock } from '../../domain/clock.ts';
import type { Source, SourceItem, SourceOptions } from '../source.ts';

/** The longest wait between two items, whatever the gap in the data (a night's silence is cut short). */
export const MAX_REPLAY_GAP_MS = 5_000;

export interface PacedSourceOptions {
  /** How many times faster than real time (1 = real time, 60 = an hour a minute). */
  speed: number;
  clock?: Clock;
  /** Waits `ms`; resolves early when the signal aborts (injected by tests). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** A sleep that ends early, without error, when the signal aborts. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

function timeOf(item: SourceItem): number | null {
  if (item.kind === 'mention') return item.mention.editedAt ?? item.mention.createdAt;
  if (item.kind === 'delete') return item.at;
  return null;
}

/**
 * Replays a source at the pace of its items' times (`createdAt`, or `editedAt` for an edit, `at`
 * for a delete) divided by `speed`: the first item at once, then each after its gap from the
 * previous one, the wait capped at MAX_REPLAY_GAP_MS. Rejects and items going back in time are
 * passed on at once. The schedule follows the clock, so a slow consumer does not accumulate delay.
 */
export function pacedSource(source: Source, options: PacedSourceOptions): Source {
  const { speed } = options;
  if (typeof speed !== 'number' || !Number.isFinite(speed) || speed <= 0) {
    throw new Error(`replay speed must be a number greater than 0 (1 = real time, 60 = an hour a minute), not ${String(speed)}`);
  }
  const clock = options.clock ?? systemClock;
  const sleep = options.sleep ?? abortableSleep;
  const paced: Source = {
    id: source.id,
    kind: `paced:${source.kind}`,
    async *read(readOptions: SourceOptions = {}): AsyncGenerator<SourceItem> {
      const { signal } = readOptions;
      let lastData: number | null = null;
      let due = 0; // wall-clock time the next item is due at
      for await (const item of source.read(readOptions)) {
        if (signal?.aborted) return;
        const t = timeOf(item);
        if (t !== null) {
          const now = clock.now();
          if (lastData === null) due = now;
          else if (t > lastData) {
            due = Math.max(due, now - MAX_REPLAY_GAP_MS) + Math.min((t - lastData) / speed, MAX_REPLAY_GAP_MS);
            const wait = Math.min(due - now, MAX_REPLAY_GAP_MS);
            if (wait > 0) await sleep(wait, signal);
            if (signal?.aborted) return;
          }
          if (lastData === null || t > lastData) lastData = t;
        }
        yield item;
      }
    },
  };
  if (source.progress !== undefined) paced.progress = () => source.progress!();
  return paced;
}
