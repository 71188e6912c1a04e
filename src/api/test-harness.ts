// Test support (not a test): a real SQLite store in a temp directory, the app on a real HTTP
// server on a free port, closed when the test ends. Fixtures are about an invented brand,
// Lumen Coffee.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { ManualClock } from '../domain/clock.ts';
import { workspaceId, type WorkspaceId } from '../domain/ids.ts';
import { EMPTY_ENRICHMENT, type Mention } from '../domain/mention.ts';
import type { SeriesBucket } from '../domain/series.ts';
import type { Logger } from '../observe/logger.ts';
import { createMetrics, type Metrics } from '../observe/metrics.ts';
import { openStore } from '../store/open.ts';
import type { Store } from '../store/store.ts';
import { createApp } from './app.ts';
import { startServer } from './server.ts';

export const WS: WorkspaceId = workspaceId('lumen-co');
/** "Now" for the tests' clock: 2024-05-02T00:00:00Z. */
export const NOW = Date.UTC(2024, 4, 2);

export interface TestApi {
  url: string;
  store: Store;
  metrics: Metrics;
  clock: ManualClock;
  get(path: string): Promise<{ status: number; body: unknown; text: string; type: string | null }>;
}

export async function startTestApi(
  t: TestContext,
  options: { logger?: Logger; wrap?: (store: Store) => Store } = {},
): Promise<TestApi> {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-api-'));
  const store = await openStore({ sqlitePath: join(dir, 'vigie.db') });
  await store.upsertWorkspace({ id: WS, name: 'Lumen Coffee Co', createdAt: NOW });
  const metrics = createMetrics({ defaults: false });
  const clock = new ManualClock(NOW);
  const app = createApp({
    store: options.wrap ? options.wrap(store) : store,
    workspaceId: WS,
    metrics,
    clock,
    ...(options.logger ? { logger: options.logger } : {}),
  });
  const server = await startServer(app, { host: '127.0.0.1', port: 0 });
  t.after(async () => {
    await server.close();
    await store.close().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    url: server.url,
    store,
    metrics,
    clock,
    async get(path) {
      const res = await fetch(server.url + path);
      const text = await res.text();
      const type = res.headers.get('content-type');
      const body: unknown = type?.includes('json') ? JSON.parse(text) : null;
      return { status: res.status, body, text, type };
    },
  };
}

export async function addLumenBrand(store: Store, id = 'lumen', name = 'Lumen Coffee'): Promise<void> {
  await store.createBrand(WS, { id, name, handles: ['lumencoffee'], keywords: ['cold brew'] }, NOW - 86_400_000);
}

export function lumenMention(i: number, overrides: Partial<Mention> = {}): Mention {
  const createdAt = NOW - 3_600_000 + i * 60_000;
  return {
    id: `mastodon:${1000 + i}`,
    workspaceId: WS,
    platform: 'mastodon',
    url: `https://coffee.example/@fan${i}/${1000 + i}`,
    author: { id: `mastodon:fan${i % 7}`, handle: `fan${i % 7}`, name: null, followers: i * 10, verified: false, kind: 'person' },
    text: i % 2 === 0 ? `Lumen cold brew number ${i} is great` : `Lumen espresso ${i} was burnt`,
    lang: 'en',
    createdAt,
    receivedAt: createdAt + 2000,
    editedAt: null,
    deletedAt: null,
    relations: { replyTo: null, quoteOf: null, repostOf: null, conversationId: null },
    engagement: { likes: i, reposts: 0, replies: 0, quotes: 0, views: null },
    brandIds: ['lumen'],
    matchingRules: [],
    enrichment: EMPTY_ENRICHMENT,
    raw: JSON.stringify({ id: String(1000 + i), content: `<p>raw ${i}</p>` }),
    ...overrides,
  };
}

export function minuteBucket(start: number, count: number, brandId = 'lumen'): SeriesBucket {
  return {
    workspaceId: WS,
    brandId,
    start,
    bucketMs: 60_000,
    count,
    negative: Math.floor(count / 2),
    positive: 1,
    reach: count * 100,
    uniqueAuthors: count,
    influencer: 0,
    media: 1,
  };
}

/** Asserts the common error shape and returns it. */
export function errorOf(body: unknown): { code: string; message: string; details: unknown } {
  const e = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
  if (!e || typeof e.code !== 'string' || typeof e.message !== 'string' || !('details' in e)) {
    throw new Error(`not an error body: ${JSON.stringify(body)}`);
  }
  return { code: e.code, message: e.message, details: e.details };
}
