// Test support (not a test): the API app with the in-app stream route on a real HTTP server and a
// real SQLite store in a temp directory, closed when the test ends.
import type { TestContext } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InAppHub } from '../../alert/channels/inapp/hub.ts';
import { createInAppChannel } from '../../alert/channels/inapp/inapp-channel.ts';
import { ChannelRegistry } from '../../alert/delivery/registry.ts';
import { ManualClock } from '../../domain/clock.ts';
import { workspaceId } from '../../domain/ids.ts';
import { createMetrics } from '../../observe/metrics.ts';
import { silentLogger } from '../../observe/logger.ts';
import { openStore } from '../../store/open.ts';
import type { Store } from '../../store/store.ts';
import { createApp } from '../app.ts';
import { startServer, type RunningServer } from '../server.ts';
import type { InAppRouteDeps } from './inapp.ts';
import { openSse, type SseClient } from './sse-test-client.ts';

export const WS = workspaceId('lumen-co');

export interface InAppRig {
  url: string;
  store: Store;
  hub: InAppHub;
  registry: ChannelRegistry;
  open(user: string, headers?: Record<string, string>): Promise<SseClient>;
}

/**
 * The API app with the in-app route, served on a free port; closed (hub first, so open streams end,
 * then the server, the store and the temp directory) when the test ends.
 */
export async function startInAppApi(t: TestContext, over: Partial<InAppRouteDeps> | null = {}, users = ['ana', 'bob']): Promise<InAppRig> {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-inapp-'));
  const clients: SseClient[] = [];
  const hub = over?.hub ?? new InAppHub({ bootId: 'boot1' });
  let store: Store | null = null;
  let server: RunningServer | null = null;
  t.after(async () => {
    for (const c of clients) c.close();
    hub.close();
    await server?.close();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  store = await openStore({ databaseUrl: null, sqlitePath: join(dir, 'vigie.db') });
  const inapp: InAppRouteDeps | undefined = over === null ? undefined : { hub, userExists: (id) => users.includes(id), ...over };
  const app = createApp({
    store, workspaceId: WS, metrics: createMetrics({ defaults: false }), logger: silentLogger, clock: new ManualClock(0), ...(inapp === undefined ? {} : { inapp }),
  });
  server = await startServer(app, { host: '127.0.0.1', port: 0 });
  const url = server.url;
  return {
    url,
    store,
    hub,
    registry: new ChannelRegistry({ inapp: createInAppChannel(hub) }),
    async open(user, headers = {}) {
      const c = await openSse(`${url}/api/inapp/stream?user=${encodeURIComponent(user)}`, headers);
      clients.push(c);
      return c;
    },
  };
}
