import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RedditCursor } from './cursor.ts';

test('a cursor survives encoding: feeds, remembered names, the limit', () => {
  const c = new RedditCursor(100);
  assert.equal(c.encode(), '{"v":1,"feeds":{},"seen":[]}');
  c.advance('search:corvane', 1000.5);
  c.advance('search:corvane', 900);
  c.remember('t3_a', 1000.5);
  const first = c.encode();
  c.remember('t1_b', 990);
  const { cursor, problem } = RedditCursor.decode(c.encode(), 100);
  assert.equal(problem, null);
  assert.equal(cursor.newest('search:corvane'), 1000.5, 'never moves back');
  assert.deepEqual([cursor.has('t3_a'), cursor.has('t1_b'), cursor.has('t3_c')], [true, true, false]);
  assert.deepEqual(JSON.parse(first), { v: 1, feeds: { 'search:corvane': 1000.5 }, seen: ['t3_a', 1000.5] });
  assert.deepEqual(JSON.parse(c.encode()).seen, ['t3_a', 1000.5, 't1_b', 990]);
});

test('past the limit the oldest remembered are forgotten, in the cursor and after decoding', () => {
  const c = new RedditCursor(100);
  c.encode();
  for (let i = 0; i < 250; i++) c.remember(`t3_${i.toString(36)}`, i);
  assert.equal(c.size, 100);
  assert.equal(c.has('t3_0'), false);
  assert.equal(c.has(`t3_${(249).toString(36)}`), true);
  const back = RedditCursor.decode(c.encode(), 100).cursor;
  assert.equal(back.size, 100);
  assert.equal(back.has(`t3_${(149).toString(36)}`), false);
  assert.equal(back.has(`t3_${(150).toString(36)}`), true);
});

test('prune forgets feeds no longer polled and names older than every window', () => {
  const c = new RedditCursor(100);
  c.advance('search:a', 5000);
  c.advance('comments:b', 4000);
  c.advance('search:gone', 10);
  c.remember('t3_old', 100);
  c.remember('t3_edge', 3000);
  c.remember('t1_new', 4500);
  c.prune(new Set(['search:a', 'comments:b']), 1000);
  const back = RedditCursor.decode(c.encode(), 100).cursor;
  assert.equal(back.newest('search:gone'), undefined);
  assert.deepEqual([back.has('t3_old'), back.has('t3_edge'), back.has('t1_new')], [false, true, true]);
});

test('a checkpoint that is not one is reported, and the cursor starts afresh', () => {
  for (const bad of ['{', '[]', '{"v":2,"feeds":{},"seen":[]}', '{"v":1,"feeds":[],"seen":[]}', '{"v":1,"feeds":{"a":"x"},"seen":[]}', '{"v":1,"feeds":{},"seen":["a"]}']) {
    const { cursor, problem } = RedditCursor.decode(bad, 100);
    assert.match(problem ?? '', /not a Reddit checkpoint \(.+\): starting afresh/, bad);
    assert.equal(cursor.size, 0);
  }
  assert.equal(RedditCursor.decode(null, 100).problem, null);
});
