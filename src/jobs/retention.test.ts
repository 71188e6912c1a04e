import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { pino } from 'pino';
import { ManualClock } from '../domain/clock.ts';
import { workspaceId } from '../domain/ids.ts';
import { EMPTY_ENRICHMENT, type Mention } from '../domain/mention.ts';
import { openStore } from '../store/open.ts';
import { makeSignal } from '../store/test-signals.ts';
import type { Store } from '../store/store.ts';
import { runRetention, startRetentionJob, type SetTimer } from './retention.ts';

const DAY = 86_400_000;
const NOW = Date.UTC(2024, 5, 1);
const WS = workspaceId('lumen-co');
const OTHER = workspaceId('other');

function mention(ws: typeof WS, n: number, ageDays: number): Mention {
  const createdAt = NOW - ageDays * DAY;
  return {
    id: `rss:lumen-${n}`,
    workspaceId: ws,
    platform: 'rss',
    url: null,
    author: { id: 'rss:blog', handle: null, name: 'Coffee blog', followers: null, verified: false, kind: 'unknown' },
    text: `Lumen Coffee review ${n}`,
    lang: 'en',
    createdAt,
    receivedAt: createdAt,
    editedAt: null,
    deletedAt: null,
    relations: { replyTo: null, quoteOf: null, repostOf: null, conversationId: null },
    engagement: { likes: 0, reposts: 0, replies: 0, quotes: 0, views: null },
    brandIds: [],
    matchingRules: [],
    enrichment: EMPTY_ENRICHMENT,
    raw: null,
  };
}

async function seededStore(t: TestContext): Promise<Store> {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-retention-'));
  const store = await openStore({ sqlitePath: join(dir, 'vigie.db') });
  t.after(async () => {
    await store.close().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });
  for (const ws of [WS, OTHER]) {
    await store.upsertWorkspace({ id: ws, name: ws, createdAt: 0 });
    await store.upsertMentions(ws, [mention(ws, 1, 120), mention(ws, 2, 31), mention(ws, 3, 29), mention(ws, 4, 0)]);
  }
  return store;
}

/** A timer the test fires by hand. */
function manualTimers(): { setTimer: SetTimer; pending: { fn: () => void; ms: number; cleared: boolean }[] } {
  const pending: { fn: () => void; ms: number; cleared: boolean }[] = [];
  const setTimer: SetTimer = (fn, ms) => {
    const entry = { fn, ms, cleared: false };
    pending.push(entry);
    return { clear: () => void (entry.cleared = true) };
  };
  return { setTimer, pending };
}

test('runRetention deletes mentions older than the window and keeps the rest and other workspaces', async (t) => {
  const store = await seededStore(t);
  assert.deepEqual(await runRetention(store, WS, 30, NOW), { purged: 2, redacted: 0 });
  assert.equal(await store.countMentions(WS), 2);
  assert.equal(await store.getMention(WS, 'rss:lumen-3') !== null, true);
  assert.equal(await store.countMentions(OTHER), 4);
  assert.deepEqual(await runRetention(store, WS, 0, NOW), { purged: 0, redacted: 0 });
  assert.equal(await store.countMentions(WS), 2);
});

test('runRetention keeps signals but empties the posts quoted by evidence older than the window', async (t) => {
  const store = await seededStore(t);
  const old = makeSignal(WS, 0, { startedAt: NOW - 40 * DAY, evidence: { ...makeSignal(WS, 0).evidence!, from: NOW - 41 * DAY, to: NOW - 40 * DAY } });
  const fresh = makeSignal(WS, 1, { startedAt: NOW - DAY, evidence: { ...makeSignal(WS, 1).evidence!, from: NOW - 2 * DAY, to: NOW - DAY } });
  await store.upsertSignal(WS, old);
  await store.upsertSignal(WS, fresh);
  await store.upsertSignal(OTHER, { ...old, workspaceId: OTHER });
  assert.deepEqual(await runRetention(store, WS, 30, NOW), { purged: 2, redacted: 1 });
  const kept = await store.getSignal(WS, old.id);
  assert.deepEqual(kept?.evidence?.topPosts, []);
  assert.deepEqual(kept?.evidence?.samples, []);
  assert.deepEqual(kept?.evidence?.terms, old.evidence?.terms);
  assert.deepEqual(kept?.factors, old.factors);
  assert.deepEqual(await store.getSignal(WS, fresh.id), fresh);
  assert.deepEqual(await store.getSignal(OTHER, old.id), { ...old, workspaceId: OTHER });
  assert.equal(await store.countSignals(WS), 2);
});

test('the job runs shortly after start, then on its interval, for every workspace', async (t) => {
  const store = await seededStore(t);
  const clock = new ManualClock(NOW);
  const { setTimer, pending } = manualTimers();
  const job = startRetentionJob({ store, workspaces: async () => [WS, OTHER], days: 30, intervalMs: 3_600_000, clock, setTimer });
  assert.equal(pending.length, 1);
  assert.equal(pending[0]?.ms, 5_000);
  pending[0]?.fn();
  // The run is in progress: runNow joins it.
  assert.deepEqual(await job.runNow(), { purged: 4, redacted: 0, workspaces: 2, failed: 0 });
  await new Promise((r) => setImmediate(r));
  assert.equal(pending.length, 2);
  assert.equal(pending[1]?.ms, 3_600_000);

  clock.advance(DAY * 2);
  assert.deepEqual(await job.runNow(), { purged: 2, redacted: 0, workspaces: 2, failed: 0 });
  await job.stop();
  assert.equal(pending[1]?.cleared, true);
});

test('days = 0 disables the job', async (t) => {
  const store = await seededStore(t);
  const { setTimer, pending } = manualTimers();
  const job = startRetentionJob({ store, workspaces: async () => [WS], days: 0, intervalMs: 60_000, setTimer });
  assert.equal(pending.length, 0);
  assert.deepEqual(await job.runNow(), { purged: 0, redacted: 0, workspaces: 0, failed: 0 });
  assert.equal(await store.countMentions(WS), 4);
  await job.stop();
});

test('errors are logged, never thrown, and the schedule goes on', async (t) => {
  const store = await seededStore(t);
  const lines: { level: number; msg: string; workspace?: string }[] = [];
  const logger = pino({ level: 'info' }, { write: (s: string) => void lines.push(JSON.parse(s)) });
  const { setTimer, pending } = manualTimers();
  let listFails = true;
  const job = startRetentionJob({
    store,
    workspaces: async () => {
      if (listFails) throw new Error('workspace list unavailable');
      return [WS];
    },
    days: 30,
    intervalMs: 60_000,
    clock: new ManualClock(NOW),
    logger,
    setTimer,
  });
  assert.deepEqual(await job.runNow(), { purged: 0, redacted: 0, workspaces: 0, failed: 1 });
  assert.ok(lines.some((l) => l.level === 50 && l.msg.startsWith('retention: cannot list workspaces')));

  listFails = false;
  await store.close();
  assert.deepEqual(await job.runNow(), { purged: 0, redacted: 0, workspaces: 0, failed: 1 });
  assert.ok(lines.some((l) => l.level === 50 && l.workspace === 'lumen-co' && l.msg.startsWith('retention: purge failed')));

  pending[0]?.fn();
  await job.stop();
  assert.equal(pending.length, 1, 'no run is scheduled after stop');
});
