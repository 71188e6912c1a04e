/**
 * Test helpers for the Reddit source: an injected clock whose sleeps end at once (recording the
 * delay and moving time forward), a source wired to the local test server, and a reader that
 * stops after a number of poll rounds or items.
 */
import type { Brand } from '../../domain/brand.ts';
import type { LiveClock, LiveSource } from '../live/live-source.ts';
import type { SourceItem } from '../source.ts';
import { RedditSourceConfigSchema, type RedditSourceConfigInput } from './config.ts';
import { createRedditSource } from './reddit-source.ts';
import { TEST_CREDENTIALS, type RedditTestServer } from './test-server.ts';

/** The tests' poll interval: 7 s, a value no back-off step takes. */
export const INTERVAL_MS = 7000;

export interface TestClock extends LiveClock {
  t: number;
  sleeps: number[];
  /** Called at each sleep, before time moves on. */
  onSleep: ((ms: number) => void) | null;
}

export function testClock(startMs: number): TestClock {
  const c: TestClock = {
    t: startMs,
    sleeps: [],
    onSleep: null,
    now: () => c.t,
    sleep: async (ms) => {
      c.sleeps.push(ms);
      c.onSleep?.(ms);
      c.t += ms;
    },
  };
  return c;
}

export function testBrand(name: string, aliases: string[] = [], keywords: string[] = []): Brand {
  return {
    id: name.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
    workspaceId: 'ws-test' as Brand['workspaceId'],
    name,
    aliases,
    keywords,
    handles: [],
    queries: [],
    languages: [],
    ownedAccounts: [],
    employeeHandles: [],
    employeeDomains: [],
    createdAt: 0,
  };
}

export function testSource(
  server: RedditTestServer,
  clock: LiveClock,
  overrides: Partial<RedditSourceConfigInput> = {},
  brands: () => readonly Brand[] = () => [testBrand('Corvane Cycles', ['Corvane'])],
): LiveSource {
  const config = RedditSourceConfigSchema.parse({
    ...TEST_CREDENTIALS,
    tokenUrl: server.tokenUrl,
    apiBaseUrl: server.url,
    pollIntervalSeconds: INTERVAL_MS / 1000,
    ...overrides,
  });
  return createRedditSource(config, { id: 'reddit-test', clock, brands });
}

export interface ReadOptions {
  from?: string | null;
  /** Stop after this many poll rounds (pauses of INTERVAL_MS). */
  rounds?: number;
  /** Stop after this many items. */
  items?: number;
  /** Called at the end of each round (before the pause), e.g. to add posts. */
  betweenRounds?: (round: number) => void;
}

/** Reads until `rounds` rounds or `items` items, whichever comes first (at most 50 rounds). */
export async function readSome(source: LiveSource, clock: TestClock, o: ReadOptions): Promise<SourceItem[]> {
  const ac = new AbortController();
  const rounds = o.rounds ?? 50;
  let done = 0;
  const previous = clock.onSleep;
  clock.onSleep = (ms) => {
    previous?.(ms);
    if (ms !== INTERVAL_MS) return;
    done++;
    o.betweenRounds?.(done);
    if (done >= rounds) ac.abort();
  };
  const items: SourceItem[] = [];
  try {
    for await (const item of source.read({ from: o.from ?? null, signal: ac.signal })) {
      items.push(item);
      if (o.items !== undefined && items.length >= o.items) break;
    }
  } finally {
    clock.onSleep = previous;
  }
  return items;
}

export function mentionIds(items: readonly SourceItem[]): string[] {
  return items.flatMap((i) => (i.kind === 'mention' ? [i.mention.id] : []));
}
