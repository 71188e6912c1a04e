import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { workspaceId } from '../../../domain/ids.ts';
import { EMPTY_ENRICHMENT, type Mention } from '../../../domain/mention.ts';
import { SqliteStore } from '../../../store/sqlite/sqlite-store.ts';
import { BrandAdapters } from './brand-adapters.ts';
import { TEST_BASE, luneAirRows } from './test-fixtures.ts';

// BrandAdapters on a real SQLite store: corrections written through the store, adapters rebuilt from it.
const dir = mkdtempSync(join(tmpdir(), 'vigie-brand-adapters-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const WS = workspaceId('lune-group');
const T0 = Date.UTC(2025, 5, 1);
let files = 0;

function mention(i: number, text: string, brandIds: string[]): Mention {
  return {
    id: `bluesky:${i}`, workspaceId: WS, platform: 'bluesky', url: null,
    author: { id: `bluesky:a${i}`, handle: null, name: null, followers: null, verified: false, kind: 'person' },
    text, lang: 'en', createdAt: T0 + i, receivedAt: T0 + i, editedAt: null, deletedAt: null,
    relations: { replyTo: null, quoteOf: null, repostOf: null, conversationId: null },
    engagement: { likes: 0, reposts: 0, replies: 0, quotes: 0, views: null },
    brandIds, matchingRules: [], enrichment: EMPTY_ENRICHMENT, raw: null,
  };
}

/** A store with `air` corrected mentions of lune-air and `bank` of soleil-bank. */
async function seeded(air: number, bank: number): Promise<SqliteStore> {
  const store = new SqliteStore(join(dir, `s${files++}.db`));
  await store.migrate();
  const rows = luneAirRows(air + bank);
  const ms = rows.map((r, i) => mention(i, r.text, [i < air ? 'lune-air' : 'soleil-bank']));
  await store.upsertMentions(WS, ms);
  for (let i = 0; i < rows.length; i++) {
    await store.addSentimentCorrection(WS, { mentionId: ms[i]!.id, label: rows[i]!.label, by: 'ana', at: T0 + 1000 + i });
  }
  return store;
}

test('load fits an adapter per corrected brand; a brand below the minimum keeps the base model', async () => {
  const store = await seeded(40, 4);
  const adapters = await BrandAdapters.load(store, WS, TEST_BASE);
  assert.deepEqual(adapters.brands(), ['lune-air', 'soleil-bank']);
  assert.equal(adapters.modelFor('lune-air').id, 'test-base-1+brand-lune-air@40');
  assert.equal(adapters.modelFor('soleil-bank'), TEST_BASE, '4 corrections are not enough');
  assert.equal(adapters.adapterFor('soleil-bank')?.corrections, 4);
  assert.equal(adapters.modelFor('never-corrected'), TEST_BASE);
  assert.equal(adapters.adapterFor('never-corrected'), null);
  assert.equal(adapters.modelFor('lune-air').predict('hey @luneair delayed and lost bag', 'en').label, 'negative');
  await store.close();
});

test('refresh and sync follow new corrections; a re-correction counts once; purged mentions are left out', async () => {
  const store = await seeded(12, 9);
  const adapters = await BrandAdapters.load(store, WS, TEST_BASE);
  const other = await BrandAdapters.load(store, WS, TEST_BASE); // another process's view
  assert.equal(adapters.modelFor('soleil-bank'), TEST_BASE);
  await store.upsertMentions(WS, [mention(100, 'Soleil Bank app crashed again', ['soleil-bank'])]);
  await store.addSentimentCorrection(WS, { mentionId: 'bluesky:100', label: 'negative', by: 'ana', at: T0 + 5000 });
  await adapters.refresh('soleil-bank');
  assert.equal(adapters.modelFor('soleil-bank').id, 'test-base-1+brand-soleil-bank@10');
  // Correcting an already corrected mention again replaces it: still 10.
  await store.addSentimentCorrection(WS, { mentionId: 'bluesky:100', label: 'neutral', by: 'bob', at: T0 + 6000 });
  await adapters.refresh('soleil-bank');
  assert.equal(adapters.modelFor('soleil-bank').id, 'test-base-1+brand-soleil-bank@10');

  assert.deepEqual(await other.sync(), ['soleil-bank']);
  assert.equal(other.modelFor('soleil-bank').id, 'test-base-1+brand-soleil-bank@10');
  assert.deepEqual(await other.sync(), [], 'nothing new');
  assert.equal(other.modelFor('lune-air').id, 'test-base-1+brand-lune-air@12');

  await store.purgeMentionsBefore(WS, T0 + 2); // lune-air's first two mentions
  await adapters.refresh('lune-air');
  assert.equal(adapters.modelFor('lune-air').id, 'test-base-1+brand-lune-air@10');
  await store.close();
});
