/**
 * For the RSS connector's tests and fuzz: an injected clock whose sleep resolves at once (moving
 * time forward and recording the delay), and a reader that drives a source until a condition
 * holds or a number of sleeps has passed.
 */
import type { LiveClock, LiveSource } from '../live/live-source.ts';
import type { SourceItem } from '../source.ts';

export const T0 = Date.parse('2026-04-19T12:00:00Z');

export class TestClock implements LiveClock {
  t: number;
  readonly sleeps: number[] = [];
  /** Called after each sleep, with its index (0-based). */
  onSleep: ((index: number) => void) | null = null;

  constructor(start = T0) {
    this.t = start;
  }

  now(): number {
    return this.t;
  }

  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted === true) return;
    this.sleeps.push(ms);
    this.t += ms;
    this.onSleep?.(this.sleeps.length - 1);
  }
}

export interface DriveOptions {
  from?: string | null;
  /** Stop once this holds for the items so far (checked after each item). */
  until?: (items: readonly SourceItem[]) => boolean;
  /** Stop after this many sleeps of this run (a poll loop with nothing new never yields). Default 20. */
  sleeps?: number;
  /** Called at each sleep of this run with its index in this run. */
  onSleep?: (index: number) => void;
}

/** Reads `source` until `until` holds or `sleeps` sleeps have passed; returns the items. */
export async function drive(source: LiveSource, clock: TestClock, o: DriveOptions = {}): Promise<SourceItem[]> {
  const ctl = new AbortController();
  const first = clock.sleeps.length;
  const max = o.sleeps ?? 20;
  clock.onSleep = (i) => {
    o.onSleep?.(i - first);
    if (i - first + 1 >= max) ctl.abort();
  };
  const items: SourceItem[] = [];
  try {
    for await (const item of source.read({ from: o.from ?? null, signal: ctl.signal })) {
      items.push(item);
      if (o.until?.(items) === true) break;
    }
  } finally {
    clock.onSleep = null;
  }
  return items;
}

export function mentionIds(items: readonly SourceItem[]): string[] {
  return items.flatMap((i) => (i.kind === 'mention' ? [i.mention.id] : []));
}
