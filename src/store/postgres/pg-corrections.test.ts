// PostgreSQL specifics of the corrections (migration 0003), on a throwaway cluster (skipped when
// no PostgreSQL binaries): the `sentiment` column follows the label in force through upserts.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import pg from 'pg';
import { workspaceId } from '../../domain/ids.ts';
import { makeMention } from '../test-mentions.ts';
import { PostgresStore } from './pg-store.ts';
import { INSTALL_HINT, startTestCluster } from './test-cluster.ts';

const cluster = await startTestCluster();
if (cluster !== null) after(() => cluster.stop());

describe('PostgreSQL corrections', { skip: cluster === null ? INSTALL_HINT : undefined }, () => {
  it('the sentiment column holds the label in force, through corrections and upserts', async () => {
    const store = await PostgresStore.connect(cluster!.url, { max: 2 });
    const client = new pg.Client({ connectionString: cluster!.url });
    await client.connect();
    try {
      await store.migrate();
      const ws = workspaceId('pg-corrections');
      const m = makeMention(ws, 0); // negative by the model
      await store.upsertMentions(ws, [m]);
      const column = async (): Promise<string | null> =>
        (await client.query<{ sentiment: string | null }>('SELECT sentiment FROM mentions WHERE workspace_id = $1 AND id = $2', [ws, m.id])).rows[0]!.sentiment;
      assert.equal(await column(), 'negative');
      await store.addSentimentCorrection(ws, { mentionId: m.id, label: 'positive', by: 'ana', at: 1 });
      assert.equal(await column(), 'positive');
      assert.deepEqual(await store.upsertMentions(ws, [{ ...m, text: 'edited', editedAt: m.createdAt + 1 }]), ['updated']);
      assert.equal(await column(), 'positive', 'an update from the pipeline keeps the analyst label');
    } finally {
      await client.end();
      await store.close();
    }
  });
});
