// The PostgreSQL write path's bad paths, on a throwaway cluster (skipped when no PostgreSQL binaries).
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { workspaceId } from '../../domain/ids.ts';
import { StoreError } from '../store.ts';
import { makeMention, makeMentions } from '../test-mentions.ts';
import { PostgresStore } from './pg-store.ts';
import { INSTALL_HINT, startTestCluster } from './test-cluster.ts';

const cluster = await startTestCluster();
if (cluster !== null) after(() => cluster.stop());

describe('PostgreSQL upsert', { skip: cluster === null ? INSTALL_HINT : undefined }, () => {
  it('a bad value found while COPY is streaming aborts the whole batch, and the connection stays usable', async () => {
    const store = await PostgresStore.connect(cluster!.url, { max: 1 });
    try {
      await store.migrate();
      const ws = workspaceId('copy-abort');
      const batch = makeMentions(ws, 0, 2000);
      const bad = makeMention(ws, 1500);
      batch[1500] = { ...bad, enrichment: { ...bad.enrichment, reach: Number.POSITIVE_INFINITY } };
      await assert.rejects(store.upsertMentions(ws, batch), (e: unknown) => e instanceof StoreError && /Infinity/.test(e.message));
      assert.equal(await store.countMentions(ws), 0, 'the rows sent before the bad one are rolled back');
      const good = makeMentions(ws, 0, 600);
      assert.deepEqual(new Set(await store.upsertMentions(ws, good)), new Set(['inserted']));
      assert.equal(await store.countMentions(ws), 600);
      assert.equal(await store.countMentions(ws, 'brioche-lune'), 600);
      assert.equal((await store.searchMentions(ws, { limit: 1, q: 'CROISSANT incroyable' })).items.length, 1);
    } finally {
      await store.close();
    }
  });
});
