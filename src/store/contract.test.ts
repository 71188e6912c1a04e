// One contract suite, run against both stores: SQLite (a temp file) and PostgreSQL (a throwaway
// cluster started from Debian's binaries; skipped with a hint when they are missing, unless
// VIGIE_TEST_REQUIRE_POSTGRES=1, as in CI).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Brand } from '../domain/brand.ts';
import { workspaceId, type WorkspaceId } from '../domain/ids.ts';
import type { Mention } from '../domain/mention.ts';
import type { SeriesBucket } from '../domain/series.ts';
import type { Signal } from '../domain/signal.ts';
import { PostgresStore } from './postgres/pg-store.ts';
import { INSTALL_HINT, startTestCluster } from './postgres/test-cluster.ts';
import { SqliteStore } from './sqlite/sqlite-store.ts';
import { ThreadedSqliteStore } from './sqlite/threaded/threaded-store.ts';
import { StoreError, type Store } from './store.ts';
import { makeMention, makeMentions } from './test-mentions.ts';
import { alertingContract } from './test-alerting.ts';
import { correctionContract } from './test-corrections.ts';
import { makeSignal } from './test-signals.ts';

interface Opened { store: Store; applied: number[]; cleanup(): Promise<void>; reopen(): Promise<Store> }

const isInvalid = (e: unknown): boolean => e instanceof StoreError && e.code === 'invalid';
const T0 = Date.UTC(2025, 2, 1, 8, 0, 0);
const MIN = 60_000;

function bucket(ws: WorkspaceId, brandId: string, start: number, count: number, extra: Partial<SeriesBucket> = {}): SeriesBucket {
  return { workspaceId: ws, brandId, start, bucketMs: MIN, count, negative: 1, positive: 0, reach: 10.5, uniqueAuthors: count, influencer: 0, media: 1, ...extra };
}

function contract(name: Store['kind'], open: () => Promise<Opened>, skip?: string, variant?: string): void {
  const label = variant === undefined ? name : `${name} (${variant})`;
  describe(`store contract: ${label}`, { skip }, () => {
    let opened: Opened;
    let store: Store;
    let n = 0;
    const fresh = (): WorkspaceId => workspaceId(`ws-${variant ?? name}-${++n}`);
    before(async () => {
      opened = await open();
      store = opened.store;
    });
    after(async () => {
      await opened?.cleanup();
    });

    it('applies its migrations once; a second migrate() does nothing', async () => {
      assert.deepEqual(opened.applied, [1, 2, 3, 4]);
      assert.deepEqual(await store.migrate(), []);
      assert.equal(store.kind, name);
    });

    it('keeps workspaces', async () => {
      const ws = fresh();
      await store.upsertWorkspace({ id: ws, name: 'Brioche Lune', createdAt: T0 });
      await store.upsertWorkspace({ id: ws, name: 'Brioche Lune SA', createdAt: T0 });
      assert.deepEqual(await store.getWorkspace(ws), { id: ws, name: 'Brioche Lune SA', createdAt: T0 });
      assert.ok((await store.listWorkspaces()).some((w) => w.id === ws));
      assert.equal(await store.getWorkspace(fresh()), null);
    });

    it('isolates workspaces in every read and write', async () => {
      const a = fresh();
      const b = fresh();
      await store.createBrand(a, { id: 'lune', name: 'Lune' }, T0);
      const m = makeMention(a, 1, { brandIds: ['lune'], text: 'Croissant secret de Lune' });
      await store.upsertMentions(a, [m]);
      await store.addSeries(a, [bucket(a, 'lune', T0, 3)]);
      await store.addRejects(a, [{ workspaceId: a, source: 'file.csv', line: 2, reason: 'bad', excerpt: 'x', at: T0 }]);
      await store.setCheckpoint(a, 'x-stream', '42');

      assert.equal(await store.getBrand(b, 'lune'), null);
      assert.deepEqual(await store.listBrands(b), []);
      assert.equal(await store.getMention(b, m.id), null);
      assert.deepEqual((await store.searchMentions(b, { limit: 10 })).items, []);
      assert.deepEqual((await store.searchMentions(b, { limit: 10, q: 'croissant' })).items, []);
      assert.deepEqual((await store.searchMentions(b, { limit: 10, brandId: 'lune' })).items, []);
      assert.equal(await store.countMentions(b), 0);
      assert.equal(await store.countMentions(b, 'lune'), 0);
      assert.deepEqual(await store.getSeries(b, { brandId: 'lune', from: T0 - MIN, to: T0 + MIN, bucketMs: MIN }), []);
      assert.deepEqual(await store.listRejects(b, { limit: 10 }), []);
      assert.equal(await store.countRejects(b), 0);
      assert.equal(await store.getCheckpoint(b, 'x-stream'), null);
      assert.equal(await store.markDeleted(b, [m.id], T0), 0);
      assert.equal(await store.purgeMentionsBefore(b, T0 * 2), 0);
      assert.equal(await store.deleteBrand(b, 'lune'), false);
      await assert.rejects(store.upsertMentions(b, [m]), isInvalid);
      // A's data is intact.
      assert.equal((await store.getMention(a, m.id))?.text, 'Croissant secret de Lune');
      assert.equal(await store.countMentions(a, 'lune'), 1);
      assert.equal((await store.getSeries(a, { brandId: 'lune', from: T0, to: T0 + MIN, bucketMs: MIN }))[0]?.count, 3);
      assert.equal(await store.countRejects(a), 1);
      assert.equal(await store.getCheckpoint(a, 'x-stream'), '42');
      assert.ok(await store.getBrand(a, 'lune'));
    });

    it('creates, conflicts, updates, lists and deletes brands', async () => {
      const ws = fresh();
      const created = await store.createBrand(ws, { id: 'lune', name: 'Brioche Lune', keywords: ['croissant'] }, T0);
      assert.equal(created.workspaceId, ws);
      assert.deepEqual(created.handles, []);
      assert.deepEqual(await store.getBrand(ws, 'lune'), created);
      await assert.rejects(store.createBrand(ws, { id: 'lune', name: 'Other' }, T0), (e) => e instanceof StoreError && e.code === 'conflict' && /already exists/.test(e.message));
      await assert.rejects(store.createBrand(ws, { id: 'Bad Id', name: 'x' }, T0), (e) => isInvalid(e) && /id/.test((e as Error).message));
      await store.createBrand(ws, { id: 'aube', name: 'Aube' }, T0 + 1);
      const updated: Brand = { ...created, name: 'Brioche Lune SA', languages: ['fr'], createdAt: T0 + 999 };
      await store.updateBrand(ws, updated);
      const got = await store.getBrand(ws, 'lune');
      assert.equal(got?.name, 'Brioche Lune SA');
      assert.deepEqual(got?.languages, ['fr']);
      assert.equal(got?.createdAt, T0, 'the creation time is not replaced');
      await assert.rejects(store.updateBrand(ws, { ...created, id: 'nope' }), (e) => e instanceof StoreError && e.code === 'not_found');
      await assert.rejects(store.updateBrand(fresh(), created), isInvalid);
      assert.deepEqual((await store.listBrands(ws)).map((b) => b.id), ['aube', 'lune']);
      assert.equal(await store.deleteBrand(ws, 'aube'), true);
      assert.equal(await store.deleteBrand(ws, 'aube'), false);
      assert.equal(await store.getBrand(ws, 'aube'), null);
    });

    it('upserts: inserted, then unchanged, then updated by an edit that the full-text index follows', async () => {
      const ws = fresh();
      const m = makeMention(ws, 7, { text: 'Mon éclair était rassis', brandIds: ['lune'] });
      assert.deepEqual(await store.upsertMentions(ws, [m]), ['inserted']);
      assert.deepEqual(await store.getMention(ws, m.id), m);
      assert.deepEqual(await store.upsertMentions(ws, [m]), ['unchanged']);
      const edited = { ...m, text: 'Mon éclair était délicieux', editedAt: m.createdAt + 5000, brandIds: ['lune', 'aube'] };
      assert.deepEqual(await store.upsertMentions(ws, [edited]), ['updated']);
      assert.deepEqual(await store.getMention(ws, m.id), edited);
      assert.equal((await store.searchMentions(ws, { limit: 5, q: 'delicieux' })).items.length, 1);
      assert.equal((await store.searchMentions(ws, { limit: 5, q: 'rassis' })).items.length, 0);
      assert.equal(await store.countMentions(ws, 'aube'), 1);
      const liked = { ...edited, engagement: { ...edited.engagement, likes: 999 } };
      assert.deepEqual(await store.upsertMentions(ws, [liked, makeMention(ws, 8)]), ['updated', 'inserted']);
      assert.equal(await store.countMentions(ws), 2);
    });

    it('handles the same id twice in one batch as two successive upserts', async () => {
      const ws = fresh();
      const m = makeMention(ws, 1);
      const m2 = { ...m, text: 'second version', editedAt: m.createdAt + 1 };
      const o = makeMention(ws, 2);
      assert.deepEqual(await store.upsertMentions(ws, [m, o, m2, o]), ['inserted', 'inserted', 'updated', 'unchanged']);
      assert.equal((await store.getMention(ws, m.id))?.text, 'second version');
      assert.equal(await store.countMentions(ws), 2);
    });

    it('searches words regardless of accents and case, by brand and time range', async () => {
      const ws = fresh();
      await store.upsertMentions(ws, [
        makeMention(ws, 1, { text: 'Le CAFÉ de la gare est fermé', brandIds: ['lune'] }),
        makeMention(ws, 2, { text: 'un cafe serré, svp', brandIds: ['aube'] }),
        makeMention(ws, 3, { text: 'Thé glacé and croissant', brandIds: ['lune'] }),
      ]);
      const ids = async (q: Parameters<Store['searchMentions']>[1]): Promise<string[]> => (await store.searchMentions(ws, q)).items.map((m) => m.id);
      const [id1, id2, id3] = [1, 2, 3].map((i) => makeMention(ws, i).id);
      assert.deepEqual(await ids({ limit: 10, q: 'cafe' }), [id2, id1]);
      assert.deepEqual(await ids({ limit: 10, q: 'Café GARE' }), [id1]);
      assert.deepEqual(await ids({ limit: 10, q: 'cafe absent' }), []);
      assert.deepEqual(await ids({ limit: 10, q: 'THE' }), [id3]);
      assert.deepEqual(await ids({ limit: 10, q: 'and' }), [id3], 'AND is a plain word');
      assert.deepEqual(await ids({ limit: 10, brandId: 'lune' }), [id3, id1]);
      assert.deepEqual(await ids({ limit: 10, brandId: 'lune', q: 'cafe' }), [id1]);
      const t2 = makeMention(ws, 2).createdAt;
      assert.deepEqual(await ids({ limit: 10, from: t2 }), [id3, id2]);
      assert.deepEqual(await ids({ limit: 10, to: t2 }), [id1]);
      assert.deepEqual(await ids({ limit: 10, from: t2, to: t2 + 1, brandId: 'aube' }), [id2]);
    });

    it('paginates newest first with a cursor, without duplicates or gaps (ties broken by id)', async () => {
      const ws = fresh();
      const all = makeMentions(ws, 0, 25).map((m, i) => ({ ...m, createdAt: T0 + Math.floor(i / 4) * 1000, brandIds: ['lune'] }));
      await store.upsertMentions(ws, all);
      const expected = [...all].sort((x, y) => y.createdAt - x.createdAt || (x.id < y.id ? 1 : -1)).map((m) => m.id);
      for (const brandId of [undefined, 'lune']) {
        const seen: string[] = [];
        let cursor: string | undefined;
        let pages = 0;
        do {
          const page = await store.searchMentions(ws, { limit: 10, brandId, ...(cursor ? { cursor } : {}) });
          seen.push(...page.items.map((m) => m.id));
          cursor = page.nextCursor ?? undefined;
          pages++;
        } while (cursor);
        assert.equal(pages, 3);
        assert.deepEqual(seen, expected);
      }
      await assert.rejects(store.searchMentions(ws, { limit: 10, cursor: 'not a cursor!' }), isInvalid);
      await assert.rejects(store.searchMentions(ws, { limit: 10, cursor: Buffer.from('{"a":1}').toString('base64url') }), isInvalid);
      await assert.rejects(store.searchMentions(ws, { limit: 0 }), isInvalid);
      await assert.rejects(store.searchMentions(ws, { limit: 501 }), isInvalid);
    });

    it('never lets a hostile query reach the SQL: results or StoreError invalid', async () => {
      const ws = fresh();
      await store.upsertMentions(ws, [makeMention(ws, 1, { text: 'drop table mentions, said the café' })]);
      const hostile = ['"', '*', 'AND', '(', ')', "'; drop table mentions; --", 'a\0b', '\0', 'NEAR(a b)', 'café"*', '-', 'OR NOT',
        ':', '^', 'text:café', '\\', '$$', "''", '!!', 'a & b | !c', '{}', 'x'.repeat(300)];
      for (const q of hostile) {
        try {
          await store.searchMentions(ws, { limit: 10, q });
        } catch (e) {
          assert.ok(isInvalid(e), `query ${JSON.stringify(q)} threw ${String(e)}`);
          assert.match((e as Error).message, /no searchable word/);
        }
      }
      assert.equal((await store.searchMentions(ws, { limit: 10, q: "'; drop table mentions; --" })).items.length, 1);
      assert.equal((await store.searchMentions(ws, { limit: 10, q: 'café"*' })).items.length, 1);
      await assert.rejects(store.searchMentions(ws, { limit: 10, q: '"*()' }), isInvalid);
      assert.equal(await store.countMentions(ws), 1);
    });

    it('sums series added twice and rolls minutes up, non-empty buckets only, ascending', async () => {
      const ws = fresh();
      await store.addSeries(ws, [bucket(ws, 'lune', T0, 2), bucket(ws, 'lune', T0 + MIN, 1), bucket(ws, 'lune', T0 + 7 * MIN, 4)]);
      await store.addSeries(ws, [bucket(ws, 'lune', T0, 3, { reach: 1 }), bucket(ws, 'lune', T0 + 2 * MIN, 0)]);
      const minutes = await store.getSeries(ws, { brandId: 'lune', from: T0, to: T0 + 10 * MIN, bucketMs: MIN });
      assert.deepEqual(minutes.map((b) => [b.start - T0, b.count]), [[0, 5], [MIN, 1], [7 * MIN, 4]]);
      assert.deepEqual(minutes[0], { ...bucket(ws, 'lune', T0, 5), negative: 2, reach: 11.5, uniqueAuthors: 5, media: 2 });
      const five = await store.getSeries(ws, { brandId: 'lune', from: T0, to: T0 + 10 * MIN, bucketMs: 5 * MIN });
      assert.deepEqual(five.map((b) => [b.start - T0, b.bucketMs, b.count, b.negative, b.uniqueAuthors]), [[0, 5 * MIN, 6, 3, 6], [5 * MIN, 5 * MIN, 4, 1, 4]]);
      assert.deepEqual(await store.getSeries(ws, { brandId: 'lune', from: T0 + MIN, to: T0 + 2 * MIN, bucketMs: MIN }).then((s) => s.length), 1);
      await assert.rejects(store.getSeries(ws, { brandId: 'lune', from: T0, to: T0 + MIN, bucketMs: 90_000 }), isInvalid);
      await assert.rejects(store.addSeries(ws, [{ ...bucket(ws, 'lune', T0, 1), bucketMs: 5 * MIN }]), isInvalid);
      await assert.rejects(store.addSeries(ws, [bucket(ws, 'lune', T0 + 1, 1)]), isInvalid);
    });

    it('keeps rejects in order, by source, with counts', async () => {
      const ws = fresh();
      const r = (source: string, line: number | null) => ({ workspaceId: ws, source, line, reason: `line ${line}: bad date`, excerpt: 'a,b\tc\n', at: T0 });
      await store.addRejects(ws, [r('a.csv', 2), r('b.jsonl', null), r('a.csv', 9)]);
      assert.deepEqual(await store.listRejects(ws, { limit: 10 }), [r('a.csv', 2), r('b.jsonl', null), r('a.csv', 9)]);
      assert.deepEqual(await store.listRejects(ws, { source: 'a.csv', limit: 1 }), [r('a.csv', 2)]);
      assert.equal(await store.countRejects(ws), 3);
      assert.equal(await store.countRejects(ws, 'a.csv'), 2);
    });

    it('sets and overwrites checkpoints', async () => {
      const ws = fresh();
      assert.equal(await store.getCheckpoint(ws, 'bluesky'), null);
      await store.setCheckpoint(ws, 'bluesky', '1700000000000000');
      await store.setCheckpoint(ws, 'bluesky', '1700000000000999');
      assert.equal(await store.getCheckpoint(ws, 'bluesky'), '1700000000000999');
    });

    it('markDeleted purges text and raw, and search no longer finds it', async () => {
      const ws = fresh();
      const m = makeMention(ws, 1, { text: 'scandale chez Lune' });
      await store.upsertMentions(ws, [m, makeMention(ws, 2, { text: 'scandale ailleurs' })]);
      assert.equal(await store.markDeleted(ws, [m.id, 'x:unknown'], T0 + 5), 1);
      const got = await store.getMention(ws, m.id);
      assert.deepEqual([got?.text, got?.raw, got?.deletedAt], ['', null, T0 + 5]);
      assert.deepEqual((await store.searchMentions(ws, { limit: 10, q: 'scandale' })).items.map((x) => x.id), [makeMention(ws, 2).id]);
      assert.equal(await store.markDeleted(ws, [m.id], T0 + 6), 0);
      assert.deepEqual(await store.upsertMentions(ws, [m]), ['unchanged'], 'a replayed copy does not bring the text back');
      assert.equal((await store.getMention(ws, m.id))?.text, '');
    });

    it('purges mentions created before a time, with their brand links', async () => {
      const ws = fresh();
      const ms = makeMentions(ws, 0, 10).map((m) => ({ ...m, brandIds: ['lune'] }));
      await store.upsertMentions(ws, ms);
      assert.equal(await store.purgeMentionsBefore(ws, ms[4]!.createdAt), 4);
      assert.equal(await store.countMentions(ws), 6);
      assert.equal(await store.countMentions(ws, 'lune'), 6);
      assert.equal(await store.getMention(ws, ms[0]!.id), null);
      assert.equal((await store.searchMentions(ws, { limit: 100, brandId: 'lune' })).items.length, 6);
    });

    it('stores a signal with its evidence: get returns exactly what was upserted; a re-upsert replaces it', async () => {
      const ws = fresh();
      const s = makeSignal(ws, 0);
      await store.upsertSignal(ws, s);
      assert.deepEqual(await store.getSignal(ws, s.id), s);
      const evolved: Signal = {
        ...s, status: 'closed', updatedAt: s.updatedAt + 600_000, endedAt: s.startedAt + 1_800_000, score: 0.97, severity: 'SEV1',
        summary: 'Mentions 11× the usual level (420 vs 38 per 5 min)', drill: true,
        factors: [{ name: 'influencer', value: 2, points: 2.5, detail: '2 influencers' }],
        evidence: { ...s.evidence!, mentions: 420, topPosts: [], hashtags: [] },
      };
      await store.upsertSignal(ws, evolved);
      assert.deepEqual(await store.getSignal(ws, s.id), evolved);
      const bare: Signal = { ...makeSignal(ws, 1), evidence: null, factors: [] };
      await store.upsertSignal(ws, bare);
      assert.deepEqual(await store.getSignal(ws, bare.id), bare);
      assert.equal(await store.countSignals(ws), 2);
      assert.equal(await store.countSignals(ws, 'brioche-lune'), 2);
      assert.equal(await store.countSignals(ws, 'other'), 0);
      assert.equal(await store.getSignal(ws, 'absent'), null);
      assert.equal(await store.getSignal(ws, 'a\0b'), null);
    });

    it('stores NUL and lone surrogates in signal texts as U+FFFD, in every store alike', async () => {
      const ws = fresh();
      const s = makeSignal(ws, 2);
      const post = { ...s.evidence!.topPosts[0]!, text: 'nul\0here \uD800 end' };
      const dirty: Signal = { ...s, summary: 'a\0b', evidence: { ...s.evidence!, topPosts: [post], terms: [{ term: 't\0', count: 1, expected: 0, llr: 1 }] } };
      await store.upsertSignal(ws, dirty);
      const got = await store.getSignal(ws, s.id);
      assert.equal(got?.summary, 'a\uFFFDb');
      assert.equal(got?.evidence?.topPosts[0]?.text, 'nul\uFFFDhere \uFFFD end');
      assert.equal(got?.evidence?.terms[0]?.term, 't\uFFFD');
    });

    it('refuses an invalid signal, naming the field, and keeps the stored one', async () => {
      const ws = fresh();
      const s = makeSignal(ws, 3);
      await store.upsertSignal(ws, s);
      const bad = (signal: unknown): Signal => signal as Signal;
      await assert.rejects(store.upsertSignal(ws, bad({ ...s, score: 1.5 })), (e) => isInvalid(e) && /score/.test((e as Error).message));
      await assert.rejects(store.upsertSignal(ws, bad({ ...s, severity: 'SEV5' })), (e) => isInvalid(e) && /severity/.test((e as Error).message));
      await assert.rejects(store.upsertSignal(ws, bad({ ...s, evidence: { ...s.evidence, topPosts: [{ text: 'x' }] } })),
        (e) => isInvalid(e) && /evidence\.topPosts\.0/.test((e as Error).message));
      await assert.rejects(store.upsertSignal(fresh(), s), (e) => isInvalid(e) && /belongs to workspace/.test((e as Error).message));
      await assert.rejects(store.upsertSignal(ws, { ...s, id: 'a\0b' }), isInvalid);
      assert.deepEqual(await store.getSignal(ws, s.id), s);
    });

    it('lists signals newest first with filters on brand, kind, status, severity, time and drill', async () => {
      const ws = fresh();
      // i = 0…11: kinds cycle over 6, status open for even i, severities SEV4, SEV3, SEV2, SEV1 cycle.
      const all = Array.from({ length: 12 }, (_, i) => makeSignal(ws, i, i === 5 ? { brandId: 'aube' } : i === 11 ? { drill: true } : {}));
      for (const s of all) await store.upsertSignal(ws, s);
      const ids = async (q: Omit<Parameters<Store['listSignals']>[1], 'limit'>): Promise<number[]> =>
        (await store.listSignals(ws, { limit: 100, ...q })).items.map((x) => all.findIndex((s) => s.id === x.id));
      assert.deepEqual(await ids({}), [10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0], 'drills are left out by default');
      assert.deepEqual(await ids({ includeDrill: true }), [11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
      assert.deepEqual(await ids({ brandId: 'aube' }), [5]);
      assert.deepEqual(await ids({ brandId: 'brioche-lune', kind: 'volume' }), [6, 0]);
      assert.deepEqual(await ids({ status: 'closed' }), [9, 7, 5, 3, 1]);
      assert.deepEqual(await ids({ minSeverity: 'SEV1' }), [7, 3]);
      assert.deepEqual(await ids({ minSeverity: 'SEV2' }), [10, 7, 6, 3, 2]);
      assert.deepEqual(await ids({ minSeverity: 'SEV4', includeDrill: true }), [11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
      assert.deepEqual(await ids({ from: all[3]!.startedAt, to: all[6]!.startedAt }), [5, 4, 3]);
      assert.deepEqual(await ids({ status: 'open', minSeverity: 'SEV2', from: all[4]!.startedAt }), [10, 6]);
      const page = await store.listSignals(ws, { limit: 1, kind: 'negative_volume' });
      assert.deepEqual(page.items, [all[7]], 'listed signals carry their evidence');
      await assert.rejects(store.listSignals(ws, { limit: 0 }), isInvalid);
      await assert.rejects(store.listSignals(ws, { limit: 10, minSeverity: 'SEV9' as never }), isInvalid);
      await assert.rejects(store.listSignals(ws, { limit: 10, kind: 'loud' as never }), isInvalid);
      await assert.rejects(store.listSignals(ws, { limit: 10, status: 'ajar' as never }), isInvalid);
      assert.deepEqual((await store.listSignals(ws, { limit: 10, brandId: 'a\0' })).items, []);
    });

    it('pages signals with a cursor, without duplicates or gaps (ties broken by id)', async () => {
      const ws = fresh();
      const all = Array.from({ length: 23 }, (_, i) => makeSignal(ws, i, { id: `s-${String(i).padStart(2, '0')}`, startedAt: T0 + Math.floor(i / 4) * 1000 }));
      for (const s of all) await store.upsertSignal(ws, s);
      const expected = [...all].sort((x, y) => y.startedAt - x.startedAt || (x.id < y.id ? 1 : -1)).map((s) => s.id);
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await store.listSignals(ws, { limit: 10, ...(cursor ? { cursor } : {}) });
        seen.push(...page.items.map((s) => s.id));
        cursor = page.nextCursor ?? undefined;
        pages++;
      } while (cursor);
      assert.equal(pages, 3);
      assert.deepEqual(seen, expected);
      await assert.rejects(store.listSignals(ws, { limit: 10, cursor: 'not a cursor!' }), isInvalid);
      await assert.rejects(store.listSignals(ws, { limit: 10, cursor: Buffer.from(JSON.stringify([1, 'a\0'])).toString('base64url') }), isInvalid);
    });

    it('isolates signals by workspace', async () => {
      const a = fresh();
      const b = fresh();
      const s = makeSignal(a, 4);
      await store.upsertSignal(a, s);
      await store.upsertSignal(b, { ...s, workspaceId: b, summary: 'same id, other workspace' });
      assert.equal((await store.getSignal(a, s.id))?.summary, s.summary);
      assert.equal((await store.getSignal(b, s.id))?.summary, 'same id, other workspace');
      const c = fresh();
      assert.equal(await store.getSignal(c, s.id), null);
      assert.deepEqual((await store.listSignals(c, { limit: 10, includeDrill: true })).items, []);
      assert.equal(await store.countSignals(c), 0);
      assert.equal(await store.countSignals(c, 'brioche-lune'), 0);
      assert.equal(await store.redactSignalEvidenceBefore(c, Number.MAX_SAFE_INTEGER), 0);
      assert.deepEqual(await store.getSignal(a, s.id), s);
      assert.equal(await store.countSignals(a), 1);
    });

    it('retention empties the posts quoted by evidence that ended before a time, and keeps the rest', async () => {
      const ws = fresh();
      const old = makeSignal(ws, 0);
      const recent = makeSignal(ws, 10);
      const bare = { ...makeSignal(ws, 1), evidence: null };
      for (const s of [old, recent, bare]) await store.upsertSignal(ws, s);
      const cutoff = old.evidence!.to + 1;
      assert.equal(await store.redactSignalEvidenceBefore(ws, cutoff), 1);
      assert.equal(await store.redactSignalEvidenceBefore(ws, cutoff), 0, 'already redacted');
      const got = await store.getSignal(ws, old.id);
      assert.deepEqual(got, { ...old, evidence: { ...old.evidence!, topPosts: [], topAuthors: [], storylines: [], samples: [] } });
      assert.deepEqual(await store.getSignal(ws, recent.id), recent);
      assert.deepEqual(await store.getSignal(ws, bare.id), bare);
      assert.equal(await store.countSignals(ws), 3, 'signals themselves are kept');
      await store.upsertSignal(ws, old);
      assert.deepEqual(await store.getSignal(ws, old.id), old, 'a re-upsert brings new evidence');
    });

    correctionContract(() => store, fresh);
    alertingContract(() => store, fresh, () => opened.reopen());

    it('round-trips a batch of 10,000 mentions', async () => {
      const ws = fresh();
      const ms: Mention[] = makeMentions(ws, 0, 10_000);
      const outcomes = await store.upsertMentions(ws, ms);
      assert.equal(outcomes.length, 10_000);
      assert.ok(outcomes.every((o) => o === 'inserted'));
      assert.equal(await store.countMentions(ws), 10_000);
      assert.equal(await store.countMentions(ws, 'brioche-lune'), 10_000);
      for (const i of [0, 4_321, 9_999]) assert.deepEqual(await store.getMention(ws, ms[i]!.id), ms[i]);
      assert.ok((await store.upsertMentions(ws, ms)).every((o) => o === 'unchanged'));
      const page = await store.searchMentions(ws, { limit: 3, q: 'éclair' });
      assert.equal(page.items.length, 3);
      assert.notEqual(page.nextCursor, null);
    });
  });
}

contract('sqlite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-store-'));
  const store = new SqliteStore(join(dir, 'sub', 'vigie.db'));
  const applied = await store.migrate();
  return {
    store, applied, reopen: async () => new SqliteStore(join(dir, 'sub', 'vigie.db')),
    cleanup: async () => { await store.close(); rmSync(dir, { recursive: true, force: true }); },
  };
});

contract('sqlite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-store-threaded-'));
  const store = await ThreadedSqliteStore.open(join(dir, 'sub', 'vigie.db'));
  const applied = await store.migrate();
  return {
    store, applied, reopen: () => ThreadedSqliteStore.open(join(dir, 'sub', 'vigie.db')),
    cleanup: async () => { await store.close(); rmSync(dir, { recursive: true, force: true }); },
  };
}, undefined, 'threaded');

const cluster = await startTestCluster();
if (cluster === null && process.env['VIGIE_TEST_REQUIRE_POSTGRES'] === '1') {
  it('PostgreSQL is required (VIGIE_TEST_REQUIRE_POSTGRES=1)', () => assert.fail(`no PostgreSQL binaries found: ${INSTALL_HINT}`));
}
if (cluster !== null) after(() => cluster.stop());
contract('postgres', async () => {
  const store = await PostgresStore.connect(cluster!.url);
  const applied = await store.migrate();
  return { store, applied, reopen: () => PostgresStore.connect(cluster!.url), cleanup: () => store.close() };
}, cluster === null ? `no PostgreSQL binaries found: ${INSTALL_HINT}` : undefined);
