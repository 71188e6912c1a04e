// Test support (not a test): a real SQLite store in a temp directory, the real pipeline, a
// SourceManager over given `sources:` entries and the HTTP API on a free port. The brand is an
// invented bakery, Fournil Kerbrat.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { createApp } from '../../api/app.ts';
import { startServer } from '../../api/server.ts';
import type { Brand } from '../../domain/brand.ts';
import { workspaceId } from '../../domain/ids.ts';
import { createMetrics } from '../../observe/metrics.ts';
import { createPipeline } from '../../pipeline/pipeline.ts';
import { openStore } from '../../store/open.ts';
import type { Store } from '../../store/store.ts';
import { createBaselineEnricher } from '../../understand/baseline/enricher.ts';
import type { LiveClock, LiveSource } from '../live/live-source.ts';
import { SourceManager } from './manager.ts';
import type { SecretReader } from './secrets.ts';
import type { SourceEntry } from './sources-config.ts';

export const RIG_WS = workspaceId('kerbrat');
export const RIG_T0 = Date.parse('2026-06-03T07:00:00.000Z');

export const KERBRAT: Brand = {
  id: 'kerbrat', workspaceId: RIG_WS, name: 'Fournil Kerbrat', aliases: ['Kerbrat'], handles: ['fournilkerbrat'], keywords: [], queries: [],
  languages: [], ownedAccounts: [], employeeHandles: [], employeeDomains: [], createdAt: RIG_T0 - 86_400_000,
};

export interface Rig {
  dir: string;
  store: Store;
  url: string;
  manager: SourceManager;
  /** A new manager on the same store (a restart of `vigie serve`); the old one must be closed first. */
  restart(): Promise<SourceManager>;
}

export async function startRig(
  t: TestContext,
  o: {
    entries: SourceEntry[];
    secrets: SecretReader;
    clock?: LiveClock;
    restart?: { initialMs: number; maxMs: number };
    /** Wraps the pipeline run (to make it fail, for instance). */
    run?: (inner: (s: LiveSource, signal: AbortSignal) => Promise<unknown>) => (s: LiveSource, signal: AbortSignal) => Promise<unknown>;
  },
): Promise<Rig> {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-sources-'));
  const store = await openStore({ sqlitePath: join(dir, 'vigie.db') });
  await store.upsertWorkspace({ id: RIG_WS, name: 'Kerbrat', createdAt: RIG_T0 });
  await store.createBrand(RIG_WS, KERBRAT, RIG_T0);
  const pipeline = createPipeline({ store, workspaceId: RIG_WS, brands: [KERBRAT], enricher: createBaselineEnricher(), batchSize: 100, maxBatchDelayMs: 10 });
  const inner = (s: LiveSource, signal: AbortSignal): Promise<unknown> => pipeline.run(s, { signal, resume: true });
  const make = (): SourceManager =>
    new SourceManager({
      entries: o.entries, store, workspaceId: RIG_WS, brands: () => [KERBRAT], secrets: o.secrets,
      run: o.run ? o.run(inner) : inner,
      ...(o.clock ? { clock: o.clock } : {}), ...(o.restart ? { restart: o.restart } : {}),
    });
  const rig: Rig = {
    dir, store, url: '', manager: make(),
    async restart() {
      rig.manager = make();
      await rig.manager.startAll({ feedHealthTimer: false });
      return rig.manager;
    },
  };
  await rig.manager.startAll({ feedHealthTimer: false });
  // The routes read the manager through this object, so that a restart is seen by the API.
  const sources = {
    status: () => rig.manager.status(),
    statusOf: (id: string) => rig.manager.statusOf(id),
    start: (id: string) => rig.manager.start(id),
    stop: (id: string) => rig.manager.stop(id),
    test: (id: string, signal?: AbortSignal) => rig.manager.test(id, signal),
    webhook: (id: string) => rig.manager.webhook(id),
    has: (id: string) => rig.manager.has(id),
  };
  const server = await startServer(createApp({ store, workspaceId: RIG_WS, metrics: createMetrics({ defaults: false }), sources }), { host: '127.0.0.1', port: 0 });
  rig.url = server.url;
  t.after(async () => {
    await rig.manager.close();
    await server.close();
    await store.close().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });
  return rig;
}

/** Polls `check` every 10 ms until it holds (at most `ms` of real time). */
export async function eventually(check: () => boolean | Promise<boolean>, ms = 5000, what = 'condition'): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
