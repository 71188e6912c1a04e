import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { PipelineEvent } from '../bus/events.ts';
import type { MentionDraft } from '../domain/mention.ts';
import { createLogger } from '../observe/logger.ts';
import { createMetrics } from '../observe/metrics.ts';
import { openStore } from '../store/open.ts';
import type { Store } from '../store/store.ts';
import { createBaselineEnricher } from '../understand/baseline/enricher.ts';
import type { Enricher } from '../understand/enricher.ts';
import { BRUMEO, draft, KESTREL, T0, WS } from './fixtures.ts';
import { createPipeline, type PipelineDeps } from './pipeline.ts';
import { GeneratedSource } from './test-source.ts';

const dir = mkdtempSync(join(tmpdir(), 'vigie-pipeline-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
async function freshStore(): Promise<Store> {
  const store = await openStore({ sqlitePath: join(dir, `t${n++}.db`) });
  await store.upsertWorkspace({ id: WS, name: 'Acme', createdAt: T0 });
  return store;
}

const enricher = createBaselineEnricher();
const pipelineFor = (store: Store, over: Partial<PipelineDeps> = {}) =>
  createPipeline({ store, workspaceId: WS, brands: [BRUMEO, KESTREL], enricher, batchSize: 50, ...over });

/** Mention i: brumeo for most, kestrel every 5th, unmatched every 7th. */
function item(i: number): { kind: 'mention'; mention: MentionDraft } {
  const text = i % 7 === 6 ? `nothing to see here ${i}` : i % 5 === 0 ? `My Kestrel Bikes frame cracked ${i}` : `Brumeo bottle ${i} arrived broken`;
  return { kind: 'mention', mention: draft(i, { text, lang: 'en' }) };
}

async function seriesTotal(store: Store, brandId: string): Promise<number> {
  const rows = await store.getSeries(WS, { brandId, from: T0 - 86_400_000, to: T0 + 100 * 86_400_000, bucketMs: 60_000 });
  return rows.reduce((s, r) => s + r.count, 0);
}

async function assertSeriesMatchMentions(store: Store): Promise<void> {
  for (const b of ['brumeo', 'kestrel']) assert.equal(await seriesTotal(store, b), await store.countMentions(WS, b), `series of ${b}`);
}

test('a graceful stop persists everything read, saves the checkpoint, and a resume continues without loss or duplicates', async () => {
  const store = await freshStore();
  const stop = new AbortController();
  let batches = 0;
  const listener = { onEvent: (e: PipelineEvent) => void (e.type === 'mentions.stored' && ++batches === 4 && stop.abort()) };
  const source = new GeneratedSource('gen', item);
  const first = await pipelineFor(store, { listeners: [listener] }).run(source, { signal: stop.signal });
  assert.equal(first.stopped, true);
  assert.ok(first.read >= 200, `read ${first.read}`);
  assert.equal(first.read, source.pulled, 'every item pulled was processed');
  assert.equal(first.inserted + first.unmatched, first.read);
  assert.equal(await store.countMentions(WS), first.inserted);
  assert.equal(first.lastCheckpoint, String(first.read));
  assert.equal(await store.getCheckpoint(WS, 'gen'), first.lastCheckpoint);
  await assertSeriesMatchMentions(store);

  const limit = first.read + 321;
  const rest = new GeneratedSource('gen', (i) => (i < limit ? item(i) : null));
  const second = await pipelineFor(store).run(rest, { resume: true });
  assert.equal(second.stopped, false);
  assert.equal(second.read, 321);
  assert.equal(second.unchanged, 0, 'nothing read twice');
  const expected = Array.from({ length: limit }, (_, i) => i).filter((i) => i % 7 !== 6);
  assert.equal(await store.countMentions(WS), expected.length, 'no loss');
  assert.equal(await store.getCheckpoint(WS, 'gen'), String(limit));
  await assertSeriesMatchMentions(store);
  await store.close();
});

test('back-pressure: the source is never pulled more than about two batches ahead of persistence', async () => {
  const store = await freshStore();
  const source = new GeneratedSource('bp', (i) => (i < 2000 ? item(i) : null));
  let worst = 0;
  const summary = await pipelineFor(store).run(source, {
    onProgress: (p) => {
      worst = Math.max(worst, source.pulled - p.read);
    },
  });
  assert.equal(summary.inserted, await store.countMentions(WS));
  assert.ok(worst > 0 && worst <= 2 * 50 + 1, `pulled ${worst} ahead of persistence`);
  await store.close();
});

test('the same input twice: the second run is all unchanged and the series do not move', async () => {
  const store = await freshStore();
  const make = (i: number) => (i < 300 ? item(i) : null);
  const first = await pipelineFor(store).run(new GeneratedSource('dup', make));
  const before = await seriesTotal(store, 'brumeo');
  const second = await pipelineFor(store).run(new GeneratedSource('dup', make));
  assert.equal(second.inserted, 0);
  assert.equal(second.unchanged, first.inserted);
  assert.equal(await seriesTotal(store, 'brumeo'), before);
  await assertSeriesMatchMentions(store);
  await store.close();
});

test('an edited post updates its row, is announced, and does not add to the series', async () => {
  const store = await freshStore();
  const events: PipelineEvent[] = [];
  const original = draft(1, { text: 'Brumeo is great', lang: 'en' });
  const edited = { ...original, text: 'Brumeo is terrible, refund me', editedAt: original.createdAt + 5000 };
  const source = new GeneratedSource('edit', (i) => (i === 0 ? { kind: 'mention', mention: original } : i === 1 ? { kind: 'mention', mention: edited } : null));
  const summary = await pipelineFor(store, { batchSize: 1, listeners: [{ onEvent: (e) => void events.push(e) }] }).run(source);
  assert.equal(summary.inserted, 1);
  assert.equal(summary.updated, 1);
  const row = await store.getMention(WS, 'x:1');
  assert.equal(row?.text, edited.text);
  assert.equal(row?.enrichment.sentiment?.label, 'negative');
  assert.equal(await seriesTotal(store, 'brumeo'), 1);
  const stored = events.filter((e) => e.type === 'mentions.stored');
  assert.equal(stored.length, 2);
  await store.close();
});

test('rejects and deletes are stored; unmatched mentions are counted and not stored', async () => {
  const store = await freshStore();
  const source = new GeneratedSource('mixed', (i) => {
    if (i === 0) return { kind: 'mention', mention: draft(10, { text: 'Brumeo ok', lang: 'en' }) };
    if (i === 1) return { kind: 'reject', reason: 'not JSON: unexpected token' };
    if (i === 2) return { kind: 'mention', mention: draft(11, { text: 'unrelated', lang: 'en' }) };
    if (i === 3) return { kind: 'delete', id: 'x:10', at: T0 + 99_000 };
    if (i === 4) return { kind: 'reject', reason: 'missing created_at' };
    return null;
  });
  const summary = await pipelineFor(store, { batchSize: 2 }).run(source);
  assert.deepEqual(
    { read: summary.read, inserted: summary.inserted, rejected: summary.rejected, unmatched: summary.unmatched, deleted: summary.deleted },
    { read: 5, inserted: 1, rejected: 2, unmatched: 1, deleted: 1 },
  );
  assert.equal(await store.countRejects(WS, 'mixed'), 2);
  const rejects = await store.listRejects(WS, { source: 'mixed', limit: 10 });
  assert.ok(rejects.some((r) => r.reason === 'missing created_at' && r.line === 5));
  assert.equal((await store.getMention(WS, 'x:10'))?.deletedAt, T0 + 99_000);
  assert.equal(await store.getMention(WS, 'x:11'), null);
  await store.close();
});

test('brands come from the matcher, the X rule tags that are brand ids, and the forced brand', async () => {
  const store = await freshStore();
  const source = new GeneratedSource('tags', (i) =>
    i === 0 ? { kind: 'mention', mention: draft(20, { text: 'no brand words', lang: 'en', matchingRules: ['kestrel', 'other-tag'] }) }
    : i === 1 ? { kind: 'mention', mention: draft(21, { text: 'Brumeo again', lang: 'en' }) } : null);
  await pipelineFor(store, { forceBrandId: 'kestrel' }).run(source);
  assert.deepEqual((await store.getMention(WS, 'x:20'))?.brandIds, ['kestrel']);
  assert.deepEqual((await store.getMention(WS, 'x:21'))?.brandIds.sort(), ['brumeo', 'kestrel']);
  assert.throws(() => pipelineFor(store, { forceBrandId: 'nope' }), /brand "nope" does not exist.*known brands: brumeo, kestrel/);
  await store.close();
});

test('a listener that throws is logged and ingestion goes on; metrics count outcomes', async () => {
  const store = await freshStore();
  const metrics = createMetrics({ defaults: false });
  let calls = 0;
  const listeners = [
    { onEvent: () => { calls++; throw new Error('boom'); } },
    { onEvent: async () => { calls++; throw new Error('async boom'); } },
  ];
  const logger = createLogger({ level: 'silent' });
  const summary = await pipelineFor(store, { listeners, metrics, logger }).run(new GeneratedSource('l', (i) => (i < 120 ? item(i) : null)));
  assert.equal(await store.countMentions(WS), summary.inserted);
  assert.ok(calls >= 6);
  const text = await metrics.registry.metrics();
  assert.match(text, new RegExp(`vigie_ingest_mentions_total\\{source="test",outcome="inserted"\\} ${summary.inserted}`));
  assert.match(text, /vigie_store_seconds_count\{store="sqlite",op="upsertMentions"\} 3/);
  await store.close();
});

test('late data is written to the series and announced as a late delta', async () => {
  const store = await freshStore();
  const events: PipelineEvent[] = [];
  const times = [0, 10_000, 5 * 60_000, 9 * 60_000, 20_000];
  const source = new GeneratedSource('late', (i) =>
    i < times.length ? { kind: 'mention', mention: draft(100 + i, { text: 'Brumeo', lang: 'en', createdAt: T0 + times[i]! }) } : null);
  await pipelineFor(store, { batchSize: 1, allowedLatenessMs: 60_000, listeners: [{ onEvent: (e) => void events.push(e) }] }).run(source);
  const closed = events.flatMap((e) => (e.type === 'bucket.closed' ? [e] : []));
  const onTime = closed.find((e) => !e.late && e.bucket.start === T0);
  assert.equal(onTime?.bucket.count, 2);
  const late = closed.find((e) => e.late);
  assert.equal(late?.bucket.start, T0);
  assert.equal(late?.bucket.count, 1);
  assert.equal(await seriesTotal(store, 'brumeo'), 5);
  await store.close();
});

test('a quiet source: a partial batch is persisted after maxBatchDelayMs', async () => {
  const store = await freshStore();
  let release: () => void = () => undefined;
  const held = new Promise<void>((r) => (release = r));
  const source = new GeneratedSource('quiet', (i) => (i < 3 ? item(i) : null), (i) => (i === 2 ? held : Promise.resolve()));
  const listener = { onEvent: (e: PipelineEvent) => void (e.type === 'mentions.stored' && release()) };
  const summary = await pipelineFor(store, { maxBatchDelayMs: 20, listeners: [listener] }).run(source);
  assert.equal(summary.batches, 2, 'the first two mentions went out before the third arrived');
  assert.equal(summary.inserted, 3);
  await store.close();
});

test("an enricher's batch pass rewrites the batch before it is stored; when it fails, the first pass is kept", async () => {
  const refined: Enricher = {
    name: 'two-pass',
    enrich: (input) => enricher.enrich(input),
    async refine(mentions) {
      await new Promise((r) => setTimeout(r, 1));
      for (const m of mentions) m.enrichment = { ...m.enrichment, sentiment: { label: 'positive', score: 0.9, model: 'batch-model' } };
    },
  };
  const store = await freshStore();
  const source = new GeneratedSource('two', (i) => (i < 120 ? item(i) : null));
  await pipelineFor(store, { enricher: refined }).run(source);
  const m = await store.getMention(WS, item(1).mention.id);
  assert.equal(m?.enrichment.sentiment?.model, 'batch-model');

  const failing: Enricher = { ...refined, refine: () => Promise.reject(new Error('model crashed')) };
  const store2 = await freshStore();
  const summary = await pipelineFor(store2, { enricher: failing }).run(new GeneratedSource('two', (i) => (i < 120 ? item(i) : null)));
  assert.ok(summary.inserted > 0);
  const kept = await store2.getMention(WS, item(1).mention.id);
  assert.equal(kept?.enrichment.sentiment?.model, enricher.name, 'the first pass is stored');
});
