import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { workspaceId } from '../../../domain/ids.ts';
import type { Mention } from '../../../domain/mention.ts';
import { StoreError } from '../../store.ts';
import { makeMention, makeMentions } from '../../test-mentions.ts';
import { SqliteStore } from '../sqlite-store.ts';
import { ThreadedSqliteStore } from './threaded-store.ts';

const dir = mkdtempSync(join(tmpdir(), 'vigie-threaded-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const WS = workspaceId('brioche-lune');
let n = 0;
async function fresh(): Promise<{ store: ThreadedSqliteStore; path: string }> {
  const path = join(dir, `t${n++}.db`);
  const store = await ThreadedSqliteStore.open(path);
  await store.migrate();
  return { store, path };
}
const isCode = (code: string) => (e: unknown): boolean => e instanceof StoreError && e.code === code;

test('errors keep their class, code and message across the thread', async () => {
  const { store } = await fresh();
  await store.createBrand(WS, { id: 'lune', name: 'Brioche Lune' }, 1);
  await assert.rejects(store.createBrand(WS, { id: 'lune', name: 'Again' }, 2), (e) =>
    isCode('conflict')(e) && /brand "lune" already exists/.test((e as Error).message));
  await assert.rejects(store.upsertMentions(workspaceId('other'), [makeMention(WS, 1)]), isCode('invalid'));
  await assert.rejects(store.updateBrand(WS, { ...(await store.getBrand(WS, 'lune'))!, id: 'absent' }), isCode('not_found'));
  // The thread is still usable after failures.
  assert.deepEqual(await store.upsertMentions(WS, [makeMention(WS, 1)]), ['inserted']);
  await store.close();
});

test('a mention that cannot be serialised is refused as invalid, and nothing else is lost', async () => {
  const { store } = await fresh();
  const bad = { ...makeMention(WS, 1), extra: () => 1 } as unknown as Mention;
  await assert.rejects(store.upsertMentions(WS, [bad]), (e) => isCode('invalid')(e) && /cannot be serialised/.test((e as Error).message));
  assert.deepEqual(await store.upsertMentions(WS, [makeMention(WS, 2)]), ['inserted']);
  assert.equal(await store.countMentions(WS), 1);
  await store.close();
});

test('writes run in call order; reads see every acknowledged write; close drains what is pending', async () => {
  const { store, path } = await fresh();
  const writes = [0, 1, 2, 3, 4].map((b) => store.upsertMentions(WS, makeMentions(WS, b * 500, 500)));
  const checkpoint = store.setCheckpoint(WS, 'x', '2500');
  await writes[0];
  assert.ok((await store.countMentions(WS)) >= 500, 'the first batch is visible once acknowledged');
  await store.close(); // not awaiting the other writes: close must still store them
  assert.ok((await Promise.all(writes)).every((o) => o.every((x) => x === 'inserted')));
  await checkpoint;
  const plain = new SqliteStore(path);
  assert.equal(await plain.countMentions(WS), 2500);
  assert.equal(await plain.getCheckpoint(WS, 'x'), '2500');
  await plain.close();
  await assert.rejects(store.setCheckpoint(WS, 'x', '1'), (e) => isCode('unavailable')(e) && /closed/.test((e as Error).message));
  await store.close(); // twice is fine
});

test('a writer thread that dies fails pending and later writes as unavailable, and close still works', async () => {
  const { store } = await fresh();
  const pending = store.upsertMentions(WS, makeMentions(WS, 0, 2000));
  await store.killWriterForTest();
  await assert.rejects(pending, (e) => isCode('unavailable')(e) && /writer thread stopped/.test((e as Error).message));
  await assert.rejects(store.setCheckpoint(WS, 'x', '1'), isCode('unavailable'));
  await store.close();
});

test('opening refuses :memory: and a file that is not a database, naming it', async () => {
  await assert.rejects(ThreadedSqliteStore.open(':memory:'), (e) => isCode('invalid')(e) && /needs a file/.test((e as Error).message));
  const path = join(dir, 'text.db');
  writeFileSync(path, 'not a database at all '.repeat(300));
  await assert.rejects(ThreadedSqliteStore.open(path), (e) => isCode('unavailable')(e) && (e as Error).message.includes(path));
});

test('an open store that is idle does not keep the process alive', () => {
  const script = `import { ThreadedSqliteStore } from ${JSON.stringify(new URL('./threaded-store.ts', import.meta.url).href)};
    const s = await ThreadedSqliteStore.open(${JSON.stringify(join(dir, 'idle.db'))});
    await s.migrate();
    console.log('migrated');`;
  const r = spawnSync(process.execPath, ['--disable-warning=ExperimentalWarning', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 30_000 });
  assert.equal(r.signal, null, `the process did not exit by itself: ${r.stderr}`);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /migrated/);
});

test('writes posted together share one commit, and a failing one leaves nothing of itself while the others stand', async () => {
  const { store, path } = await fresh();
  await store.createBrand(WS, { id: 'lune', name: 'Brioche Lune' }, 1);
  // Posted in one go: they reach the writer together and run as one group.
  const results = await Promise.allSettled([
    store.upsertMentions(WS, [makeMention(WS, 1)]),
    store.createBrand(WS, { id: 'lune', name: 'Again' }, 2), // conflict
    store.scheduleTimer(WS, { kind: 'reminder', ref: 'al-1', dueAt: 5 }),
    store.upsertMentions(WS, [makeMention(WS, 2), makeMention(WS, 3)]),
  ]);
  assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
  assert.ok(isCode('conflict')((results[1] as PromiseRejectedResult).reason));
  // Every acknowledged write is on disk, seen by another connection.
  const other = new SqliteStore(path);
  assert.equal((await other.searchMentions(WS, { limit: 10 })).items.length, 3);
  assert.equal((await other.getBrand(WS, 'lune'))?.name, 'Brioche Lune');
  assert.equal((await other.listTimers(WS, 'al-1')).length, 1);
  await other.close();
  await store.close();
});

test('a group is all or nothing per write: a write that fails halfway (a commitStep with a taken delivery id) undoes its own first statements', async () => {
  const { store } = await fresh();
  const other = workspaceId('other-ws');
  const page = (ws: string) => ({ id: 'same-id', alertId: 'al-1', channel: 'webhook' as const, target: {}, message: { ws }, createdAt: 1 });
  await store.enqueueDelivery(other, page('other'));
  await store.startEscalation(WS, { alertId: 'al-1', policyHash: 'h', policySnapshot: null, startedAt: 1 });
  const t = await store.scheduleTimer(WS, { kind: 'escalation-step', ref: 'al-1', dueAt: 1 });
  await store.claimDueTimers(WS, 1, { owner: 'w', leaseMs: 1000, limit: 5 });
  const mine = { id: 'mine', alertId: 'al-1', channel: 'webhook' as const, target: {}, message: {}, createdAt: 1 };
  await assert.rejects(
    store.commitStep(WS, { alertId: 'al-1', timerId: t.id, owner: 'w', from: 0, to: 1, deliveries: [mine, page('me')], next: { kind: 'complete' } }),
    (e) => isCode('conflict')(e) && /already used by another workspace/.test((e as Error).message),
  );
  assert.equal(await store.getDelivery(WS, 'mine'), null, 'the first page of the refused commit was undone');
  assert.equal((await store.getEscalation(WS, 'al-1'))?.step, 0);
  assert.equal((await store.listTimers(WS, 'al-1')).length, 1, 'the timer is still there, to be retried');
  await store.close();
});
