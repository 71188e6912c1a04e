import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareIds, idMinusMs, isPostId, parseCheckpoint, XCursor } from './cursor.ts';
import { RecentIds } from './recent-ids.ts';

test('post ids compare as numbers; the overlap moves an id back in time', () => {
  assert.ok(compareIds('999', '1000') < 0);
  assert.ok(compareIds('2032094806406070273', '2032094806406070272') > 0);
  assert.equal(compareIds('12', '12'), 0);
  assert.ok(isPostId('2032094806406070273') && !isPostId('0') && !isPostId('01') && !isPostId('x1') && !isPostId('9'.repeat(20)) && !isPostId('9223372036854775808'));
  assert.equal(idMinusMs('2032094806406070273', 1000), (2032094806406070273n - (1000n << 22n)).toString());
  assert.equal(idMinusMs('5', 1000), null);
});

test('the checkpoint holds at the start of an open gap and follows the newest post once it is closed', () => {
  const c = new XCursor(null, 1_000);
  assert.equal(c.checkpoint(), '{"sinceTime":1000}', 'a fresh start: the gap is open from now');
  c.seen('200');
  c.seen('150');
  assert.equal(c.checkpoint(), '{"sinceTime":1000}');
  assert.equal(c.fillCheckpoint('120'), '{"sinceId":"120"}');
  c.closeGap('210', 5_000);
  assert.equal(c.checkpoint(), '{"sinceId":"210"}');
  c.seen('300');
  c.openGap();
  assert.deepEqual(c.gapStart(), { sinceId: '300' });
  c.seen('400');
  assert.equal(c.checkpoint(), '{"sinceId":"300"}', 'posts read after a reconnection do not move it past the gap');
  c.openGap();
  assert.deepEqual(c.gapStart(), { sinceId: '300' }, 'a second drop keeps the first gap start');
  c.advanceGap('350');
  assert.equal(c.checkpoint(), '{"sinceId":"350"}');
  c.closeGap(null, 9_000);
  assert.equal(c.checkpoint(), '{"sinceId":"400"}');
  const resumed = new XCursor(parseCheckpoint('{"sinceId":"400"}', 's'), 10_000);
  assert.ok(resumed.gapOpen);
  assert.deepEqual(resumed.gapStart(), { sinceId: '400' });
  assert.deepEqual(new XCursor(parseCheckpoint('{"sinceTime":77}', 's'), 10_000).gapStart(), { sinceTime: 77 });
});

test('the duplicate window forgets the oldest id when full', () => {
  const r = new RecentIds(3);
  assert.deepEqual(['a', 'b', 'a', 'c', 'd'].map((id) => r.add(id)), [true, true, false, true, true]);
  assert.deepEqual(['a', 'b', 'c', 'd'].map((id) => r.has(id)), [false, true, true, true]);
});
