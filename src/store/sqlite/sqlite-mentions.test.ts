import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DatabaseSync } from 'node:sqlite';
import { DEFAULT_WORKSPACE } from '../../domain/ids.ts';
import { makeMention } from '../test-mentions.ts';
import { SqliteStore } from './sqlite-store.ts';

const ws = DEFAULT_WORKSPACE;

describe('SQLite write path', () => {
  let dir: string;
  let store: SqliteStore;
  let path: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vigie-sqlite-mentions-'));
    path = join(dir, 'v.db');
    store = new SqliteStore(path);
    await store.migrate();
  });
  after(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Reads the file through a second connection (WAL lets it see committed rows). */
  function peek<T>(sql: string, ...params: (string | number)[]): T[] {
    const db = new DatabaseSync(path, { readOnly: true });
    try {
      return db.prepare(sql).all(...params) as T[];
    } finally {
      db.close();
    }
  }

  it('creates new files with 16 kB pages', () => {
    assert.equal(peek<{ page_size: number }>('PRAGMA page_size')[0]?.page_size, 16384);
  });

  it('keeps brand links in step with edits that change the brands, and with purges', async () => {
    const m = makeMention(ws, 1, { brandIds: ['lune', 'aube'] });
    const dup = makeMention(ws, 2, { brandIds: ['lune', 'lune'] });
    assert.deepEqual(await store.upsertMentions(ws, [m, dup]), ['inserted', 'inserted']);
    assert.equal(await store.countMentions(ws, 'lune'), 2, 'a brand listed twice links once');
    assert.equal(await store.countMentions(ws, 'aube'), 1);

    const edited = { ...m, text: `${m.text} (edit)`, editedAt: m.createdAt + 1, brandIds: ['aube', 'soleil'] };
    assert.deepEqual(await store.upsertMentions(ws, [edited]), ['updated']);
    assert.equal(await store.countMentions(ws, 'lune'), 1);
    assert.deepEqual((await store.searchMentions(ws, { limit: 10, brandId: 'soleil' })).items.map((x) => x.id), [m.id]);
    assert.deepEqual((await store.searchMentions(ws, { limit: 10, brandId: 'lune' })).items.map((x) => x.id), [dup.id]);

    // An edit of the text alone leaves the links as they are; an unchanged re-upsert too.
    const reworded = { ...edited, text: 'Brioche Lune encore', editedAt: m.createdAt + 2 };
    assert.deepEqual(await store.upsertMentions(ws, [reworded, reworded]), ['updated', 'unchanged']);
    const links = peek<{ brand_id: string; mention_id: string }>('SELECT brand_id, mention_id FROM mention_brands ORDER BY brand_id, mention_id');
    assert.deepEqual(links.map((l) => `${l.brand_id} ${l.mention_id}`), [`aube ${m.id}`, `lune ${dup.id}`, `soleil ${m.id}`]);

    assert.equal(await store.purgeMentionsBefore(ws, m.createdAt + 1), 1);
    assert.deepEqual(peek('SELECT brand_id FROM mention_brands').length, 1, 'the purged mention leaves no link behind');
    assert.equal(await store.countMentions(ws, 'aube'), 0);
    assert.equal(await store.countMentions(ws, 'lune'), 1);
  });

  it('finds words with combining marks and decomposed accents, without phrase queries', async () => {
    const hindi = makeMention(ws, 10, { text: 'ब्रियोश लून की सेवा बहुत धीमी है, हिंदी में जवाब दीजिए' });
    const decomposed = makeMention(ws, 11, { text: 'Un e\u0301clair parfait' });
    await store.upsertMentions(ws, [hindi, decomposed]);
    const ids = async (q: string): Promise<string[]> => (await store.searchMentions(ws, { limit: 10, q })).items.map((x) => x.id);
    assert.deepEqual(await ids('हिंदी जवाब'), [hindi.id]);
    assert.deepEqual(await ids('हिदी'), [], 'a word missing a mark is another word');
    assert.deepEqual(await ids('ÉCLAIR parfait'), [decomposed.id]);
    assert.deepEqual(await ids('eclair absent'), []);
  });
});
