/**
 * Helpers for the Mastodon connector's tests and fuzz run (not a test file itself): an injected
 * clock whose sleeps resolve at once while recording their delays, a source pointed at local
 * test servers, and a reader that collects what the source yields in the background.
 */
import type { Brand } from '../../domain/brand.ts';
import type { MentionDraft } from '../../domain/mention.ts';
import type { LiveClock, LiveSource } from '../live/live-source.ts';
import type { SourceItem } from '../source.ts';
import type { MastodonInstanceConfig } from './mastodon-config.ts';
import { createMastodonSource } from './mastodon-source.ts';
import { T0, waitUntil, type MastodonTestServer } from './test-server.ts';

export interface TestClock extends LiveClock {
  t: number;
  /** Every sleep asked for, in order (back-off delays, rate-limit waits). */
  delays: number[];
}

export function testClock(start = T0 + 3_600_000): TestClock {
  const c: TestClock = {
    t: start,
    delays: [],
    now: () => c.t,
    sleep: async (ms) => {
      c.delays.push(ms);
      c.t += ms;
      // Let I/O run between attempts, so a loop of instant failures cannot starve the event loop.
      await new Promise((r) => setImmediate(r));
    },
  };
  return c;
}

export interface TestInstance {
  server: MastodonTestServer;
  transport?: 'websocket' | 'sse';
  hashtags?: string[];
  token?: string;
  extra?: Partial<MastodonInstanceConfig>;
}

export function testSource(
  instances: TestInstance[],
  clock: LiveClock,
  over: Record<string, unknown> = {},
  brands: () => readonly Brand[] = () => [],
): LiveSource {
  return createMastodonSource(
    {
      instances: instances.map((i) => ({
        baseUrl: i.server.url,
        domain: i.server.domain,
        token: i.token ?? i.server.token,
        transport: i.transport ?? 'websocket',
        hashtags: i.hashtags ?? ['Brumaire'],
        hashtagsFromBrands: false,
        ...i.extra,
      })),
      ...over,
    },
    { id: 'masto', clock, brands },
  );
}

export interface Reading {
  items: SourceItem[];
  mentions(): MentionDraft[];
  /** Waits until at least `n` items of `kind` (default: mentions) were yielded. */
  waitFor(n: number, kind?: SourceItem['kind'], what?: string): Promise<void>;
  /** Resolves when read() ended by itself. */
  ended: Promise<void>;
  stop(): Promise<void>;
  lastCheckpoint(): string | null;
}

const open = new Set<Reading>();

/** Stops every reading still going (call it in `after`, so a failed test leaves no loop running). */
export async function stopAllReadings(): Promise<void> {
  await Promise.allSettled([...open].map((r) => r.stop()));
}

export function startReading(source: LiveSource, from: string | null = null): Reading {
  const ac = new AbortController();
  const items: SourceItem[] = [];
  let failure: unknown = null;
  const ended = (async () => {
    try {
      for await (const item of source.read({ from, signal: ac.signal })) items.push(item);
    } catch (e) {
      failure = e;
    }
  })();
  const count = (kind: SourceItem['kind']): number => items.filter((i) => i.kind === kind).length;
  const reading: Reading = {
    items,
    mentions: () => items.flatMap((i) => (i.kind === 'mention' ? [i.mention] : [])),
    waitFor: (n, kind = 'mention', what) => waitUntil(() => count(kind) >= n || failure !== null, what ?? `${n} ${kind} items (have ${count(kind)})`),
    ended,
    stop: async () => {
      ac.abort();
      await ended;
      open.delete(reading);
      if (failure !== null) throw failure;
    },
    lastCheckpoint: () => items.at(-1)?.checkpoint ?? null,
  };
  open.add(reading);
  return reading;
}
