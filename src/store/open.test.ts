import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { openStore } from './open.ts';
import { StoreError } from './store.ts';

const dir = mkdtempSync(join(tmpdir(), 'vigie-open-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('opens SQLite when no database URL is set, creating the directory and migrating', async () => {
  const path = join(dir, 'a', 'b', 'vigie.db');
  const store = await openStore({ databaseUrl: null, sqlitePath: path });
  assert.equal(store.kind, 'sqlite');
  assert.deepEqual(await store.migrate(), []);
  await store.close();
  const again = await openStore({ databaseUrl: '', sqlitePath: path });
  assert.deepEqual(await again.migrate(), []);
  await again.close();
});

test('a file that is not a SQLite database is refused with its path in the message', async () => {
  const path = join(dir, 'not-a-db.db');
  writeFileSync(path, 'this is a text file, not a database '.repeat(200));
  await assert.rejects(openStore({ sqlitePath: path }), (e) =>
    e instanceof StoreError && e.code === 'unavailable' && e.message.includes(path));
});

test('an unwritable place is refused with a reason', { skip: process.getuid?.() === 0 ? 'root can write anywhere' : undefined }, async () => {
  const ro = join(dir, 'ro');
  rmSync(ro, { recursive: true, force: true });
  writeFileSync(join(dir, 'file'), '');
  chmodSync(dir, 0o500);
  try {
    await assert.rejects(openStore({ sqlitePath: join(ro, 'x.db') }), /cannot create the directory of SQLite file .*permission denied/);
  } finally {
    chmodSync(dir, 0o700);
  }
});

test('a parent path that is a file is refused naming the SQLite file', async () => {
  writeFileSync(join(dir, 'plain'), '');
  await assert.rejects(openStore({ sqlitePath: join(dir, 'plain', 'x.db') }), (e) =>
    e instanceof StoreError && /SQLite file .*plain.*x\.db/.test(e.message));
});

test('an unreachable PostgreSQL is refused naming the server without its password', async () => {
  await assert.rejects(openStore({ databaseUrl: 'postgres://vigie:s3cret@127.0.0.1:1/vigie', sqlitePath: join(dir, 'unused.db') }), (e) => {
    assert.ok(e instanceof StoreError && e.code === 'unavailable');
    assert.match(e.message, /cannot connect to PostgreSQL at postgres:\/\/vigie:\*\*\*@127\.0\.0\.1:1\/vigie/);
    assert.doesNotMatch(e.message, /s3cret/);
    return true;
  });
});
