// SQLite specifics of the corrections (migration 0003): the `sentiment` column follows the label in
// force, and a file at schema 2 upgrades with its mentions intact and correctable.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { DatabaseSync } from 'node:sqlite';
import { DEFAULT_WORKSPACE } from '../../domain/ids.ts';
import { makeMention } from '../test-mentions.ts';
import { SQLITE_MIGRATIONS } from './migrations/index.ts';
import { SqliteStore } from './sqlite-store.ts';

const ws = DEFAULT_WORKSPACE;
const dir = mkdtempSync(join(tmpdir(), 'vigie-sqlite-corrections-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function peek<T>(path: string, sql: string, ...params: string[]): T[] {
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

test('the sentiment column holds the label in force, through corrections and upserts', async () => {
  const path = join(dir, 'column.db');
  const store = new SqliteStore(path);
  await store.migrate();
  const m = makeMention(ws, 0); // negative by the model
  await store.upsertMentions(ws, [m]);
  const column = (): string | null => peek<{ sentiment: string | null }>(path, 'SELECT sentiment FROM mentions WHERE id = ?', m.id)[0]!.sentiment;
  assert.equal(column(), 'negative');
  await store.addSentimentCorrection(ws, { mentionId: m.id, label: 'positive', by: 'ana', at: 1 });
  assert.equal(column(), 'positive');
  await store.upsertMentions(ws, [{ ...m, text: 'edited', editedAt: m.createdAt + 1 }]);
  assert.equal(column(), 'positive', 'an update from the pipeline keeps the analyst label');
  await store.close();
});

test('a file at schema 2 migrates to 3: its mentions read as before and can be corrected', async () => {
  const path = join(dir, 'upgrade.db');
  const old = new SqliteStore(path, SQLITE_MIGRATIONS.filter((m) => m.version <= 2));
  assert.deepEqual(await old.migrate(), [1, 2]);
  const m = makeMention(ws, 1);
  await old.upsertMentions(ws, [m]);
  await old.close();
  const store = new SqliteStore(path);
  assert.deepEqual(await store.migrate(), [3, 4]);
  assert.deepEqual(await store.getMention(ws, m.id), m);
  const c = await store.addSentimentCorrection(ws, { mentionId: m.id, label: 'neutral', by: 'ana', at: 2 });
  assert.equal(c.modelLabel, 'positive');
  assert.equal((await store.getMention(ws, m.id))?.enrichment.sentiment?.label, 'neutral');
  await store.close();
});
