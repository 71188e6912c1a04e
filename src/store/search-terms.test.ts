import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { searchWords, toFts5Match } from './search-terms.ts';
import { rollUp } from './series-rollup.ts';
import { StoreError } from './store.ts';

test('search words keep letters, digits and marks; syntax characters only separate them', () => {
  assert.deepEqual(searchWords('"Café" AND (gare*)'), ['Café', 'AND', 'gare']);
  assert.deepEqual(searchWords("l'été\0 n°12"), ['l', 'été', 'n', '12']);
  assert.equal(toFts5Match(['a', 'NEAR']), '"a" AND "NEAR"');
  assert.throws(() => searchWords('"*()\0'), (e) => e instanceof StoreError && e.code === 'invalid');
  assert.throws(() => searchWords('a'.repeat(1001)), /limit is 1000/);
});

test('cursors round-trip and anything else is invalid', () => {
  const c = encodeCursor({ createdAt: 1_700_000_000_000, id: 'x:1' });
  assert.deepEqual(decodeCursor(c), { createdAt: 1_700_000_000_000, id: 'x:1' });
  for (const bad of ['', '!!', Buffer.from('[1]').toString('base64url'), Buffer.from('["a","b"]').toString('base64url'), 'bm90IGpzb24']) {
    assert.throws(() => decodeCursor(bad), (e) => e instanceof StoreError && e.code === 'invalid', bad);
  }
});

test('roll-up floors negative times too and skips empty minutes', () => {
  const b = (start: number, count: number) => ({ workspaceId: 'w' as never, brandId: 'b', start, bucketMs: 60_000, count, negative: 0, positive: 0, reach: 0, uniqueAuthors: 1, influencer: 0, media: 0 });
  const out = rollUp([b(-60_000, 1), b(0, 0), b(60_000, 2), b(120_000, 3)], 120_000);
  assert.deepEqual(out.map((x) => [x.start, x.count, x.uniqueAuthors]), [[-120_000, 1, 1], [0, 2, 1], [120_000, 3, 1]]);
});
