import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LiveClock } from '../live/live-source.ts';
import { StatusTracker } from '../live/status-tracker.ts';
import type { SourceItem } from '../source.ts';
import { parseCheckpoint, ReadState, type Entry } from './read-state.ts';
import { fakeStatus, snowflake, T0 } from './test-server.ts';

const clock: LiveClock = { now: () => T0 + 3_600_000, sleep: async () => undefined };
const NOW = clock.now();
const D = 'pouet.example';
const K = 'hashtag:brumaire';

function setup(from: string | null = null): { state: ReadState; tracker: StatusTracker; apply: (e: Entry) => SourceItem | null; cursor: () => string | undefined } {
  const tracker = new StatusTracker('masto', 'mastodon', clock);
  const parsed = from === null ? null : parseCheckpoint(from);
  const state = new ReadState('masto', tracker, parsed?.ok ? parsed.streams : null);
  return {
    state,
    tracker,
    apply: (e) => state.apply(e),
    cursor: () => (JSON.parse(state.checkpoint()) as { streams: Record<string, Record<string, string>> }).streams[D]?.[K],
  };
}

const update = (n: number, over: Record<string, unknown> = {}, event = 'update'): Entry => ({
  t: 'event', instance: D, stream: K, event, data: JSON.stringify({ ...fakeStatus({ at: T0 + n * 1000, domain: D }), ...over }), receivedAt: NOW,
});

test('the cursor follows the highest id yielded, but stays at the gap start until the gap fill ends', () => {
  const s = setup(JSON.stringify({ v: 1, streams: { [D]: { [K]: snowflake(T0 + 1000) } } }));
  assert.equal(s.cursor(), snowflake(T0 + 1000), 'from the checkpoint');
  s.apply({ t: 'gap-start', instance: D, stream: K });
  s.apply(update(50)); // live, during the fill
  const item = s.apply(update(2)); // from the fill
  assert.equal(item?.checkpoint, JSON.stringify({ v: 1, streams: { [D]: { [K]: snowflake(T0 + 1000) } } }), 'a restart now fills the gap again');
  s.apply({ t: 'gap-end', instance: D, stream: K });
  assert.equal(s.cursor(), snowflake(T0 + 50_000));
  s.apply(update(3));
  assert.equal(s.cursor(), snowflake(T0 + 50_000), 'an older id does not move it back');
  s.apply(update(4, { id: snowflake(NOW + 3 * 86_400_000) }));
  assert.equal(s.cursor(), snowflake(T0 + 50_000), 'an id from days in the future does not move it');
  s.apply(update(5, { id: 'not an id!' }));
  assert.equal(s.cursor(), snowflake(T0 + 50_000));
});

test('de-duplication by uri: a duplicate is skipped, a newer edit yielded, an older version not; deletes named by uri, once', () => {
  const s = setup();
  assert.equal(s.apply(update(1))?.kind, 'mention');
  assert.equal(s.apply(update(1)), null, 'the same status again');
  const edit = s.apply(update(1, { edited_at: new Date(T0 + 9_000).toISOString() }, 'status.update'));
  assert.ok(edit?.kind === 'mention' && edit.mention.editedAt === T0 + 9_000);
  assert.equal(s.apply(update(1, { edited_at: new Date(T0 + 5_000).toISOString() }, 'status.update')), null, 'an older edit arriving late');
  assert.equal(s.apply(update(1)), null, 'the original after its edit');
  const uri = fakeStatus({ at: T0 + 1000, domain: D }).uri as string;
  const del: Entry = { t: 'event', instance: D, stream: K, event: 'delete', data: snowflake(T0 + 1000), receivedAt: NOW };
  assert.deepEqual(s.apply(del), { kind: 'delete', id: `mastodon:${uri}`, at: NOW, checkpoint: s.state.checkpoint() });
  assert.equal(s.apply(del), null, 'the same delete through another stream');
  assert.deepEqual(s.apply({ ...del, data: '999' }), { kind: 'delete', id: `mastodon:${D}/999`, at: NOW, checkpoint: s.state.checkpoint() }, 'unknown local id');
  assert.deepEqual(s.tracker.snapshot().counts, { mentions: 2, deletes: 2, rejects: 0, reconnects: 0, gapFills: 0 });
});

test('frames: envelope problems are rejects with reasons and excerpts; server errors are recorded, not rejected', () => {
  const s = setup();
  const frame = (text: string): SourceItem | null => s.apply({ t: 'frame', instance: D, text, receivedAt: NOW });
  const reason = (text: string): string => {
    const item = frame(text);
    assert.equal(item?.kind, 'reject', text);
    return (item as { reject: { reason: string } }).reject.reason;
  };
  assert.match(reason('{"stream":'), /^WebSocket frame: invalid JSON/);
  assert.match(reason('[1]'), /must be a JSON object/);
  assert.match(reason('{"stream":["hashtag","b"]}'), /without an "event" field/);
  assert.match(reason('   '), /empty WebSocket frame/);
  assert.match(reason('{"stream":["hashtag","b"],"event":"update","payload":7}'), /update event without a payload/);
  assert.equal(frame('{"error":"Missing access token","status":401}'), null);
  assert.match(s.tracker.snapshot().recentErrors[0]!.message, /pouet\.example: the streaming server answered .*Missing access token/);
  const long = frame(`{"event":"update","payload":"${'\u0000x'.repeat(3000)}`);
  assert.ok(long?.kind === 'reject' && long.reject.excerpt.length <= 2048 && !long.reject.excerpt.includes('\u0000'));
});

test('checkpoints: unreadable ones are refused with the expected shape', () => {
  for (const bad of ['nope', '{"v":2,"streams":{}}', '{"v":1,"streams":{"a":3}}', '{"v":1,"streams":{"a":{"k":"1 2"}}}']) {
    const r = parseCheckpoint(bad);
    assert.ok(!r.ok && /unreadable checkpoint .*expected \{"v":1,"streams"/.test(r.error), bad);
  }
  assert.deepEqual(setup().state.checkpoint(), '{"v":1,"streams":{}}');
});
