import assert from 'node:assert/strict';
import { test } from 'node:test';
import { reconnectDelay } from './backoff.ts';
import { BlueskySourceConfigSchema, subscribeUrl } from './bluesky-config.ts';
import { formatCheckpoint, parseCheckpoint } from './checkpoint.ts';
import { createBlueskySource } from './bluesky-source.ts';

test('defaults point at the real Jetstream and AppView; every key is described', () => {
  const c = BlueskySourceConfigSchema.parse({});
  assert.equal(c.jetstreamUrl, 'wss://jetstream2.us-east.bsky.network/subscribe');
  assert.equal(c.profiles.appViewUrl, 'https://public.api.bsky.app');
  assert.deepEqual([c.reposts, c.deletes, c.resumeMarginMs, c.stallTimeoutMs, c.backoffInitialMs, c.backoffMaxMs], [false, 'all', 5000, 30_000, 1000, 60_000]);
  assert.deepEqual(BlueskySourceConfigSchema.parse({ profiles: { enabled: false } }).profiles.cacheTtlMs, 3_600_000);
  const shape = BlueskySourceConfigSchema.shape;
  for (const [k, v] of Object.entries(shape)) assert.ok(v.description ?? (v as { unwrap(): { description?: string } }).unwrap().description, `${k} has no description`);
  for (const [k, v] of Object.entries(shape.profiles.unwrap().shape)) assert.ok(v.description, `profiles.${k} has no description`);
});

test('bad values are refused with what was expected', () => {
  const error = (input: unknown): string => {
    const r = BlueskySourceConfigSchema.safeParse(input);
    assert.equal(r.success, false);
    return r.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
  };
  assert.match(error({ jetstreamUrl: 'https://jetstream.example/subscribe' }), /jetstreamUrl: expected a URL starting with wss:\/\/ or ws:\/\//);
  assert.match(error({ profiles: { appViewUrl: 'public.api.bsky.app' } }), /profiles\.appViewUrl: expected a URL starting with https:\/\/ or http:\/\//);
  assert.match(error({ jetstreamURL: 'wss://x' }), /Unrecognized key/);
  assert.match(error({ backoffInitialMs: 5000, backoffMaxMs: 1000 }), /backoffMaxMs: backoffMaxMs \(1000\) must be at least backoffInitialMs \(5000\)/);
  assert.match(error({ deletes: 'some' }), /deletes: expected all or known/);
  assert.throws(() => createBlueskySource({ stallTimeoutMs: -1 } as never, { id: 'b1', brands: () => [] }), /source "b1" \(bluesky\): invalid configuration:[\s\S]*stallTimeoutMs/);
});

test('the subscribe URL carries the collections and the cursor', () => {
  assert.equal(
    subscribeUrl('wss://jet.example', ['app.bsky.feed.post', 'app.bsky.feed.repost'], 1_780_000_000_000_000),
    'wss://jet.example/subscribe?wantedCollections=app.bsky.feed.post&wantedCollections=app.bsky.feed.repost&cursor=1780000000000000',
  );
  assert.equal(subscribeUrl('ws://127.0.0.1:9/subscribe?cursor=5&compress=false', ['app.bsky.feed.post'], null), 'ws://127.0.0.1:9/subscribe?compress=false&wantedCollections=app.bsky.feed.post');
});

test('the back-off: exponential, equal jitter, capped', () => {
  const at = (r: number) => Array.from({ length: 9 }, (_, n) => reconnectDelay(n, 1000, 60_000, () => r));
  assert.deepEqual(at(0), [500, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000]);
  assert.deepEqual(at(1), [1000, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000, 60_000]);
  assert.equal(reconnectDelay(10_000, 1000, 60_000, () => 0.5), 45_000, 'no overflow after many failures');
});

test('checkpoints: cursor and recent keys, and a clear error for anything else', () => {
  assert.deepEqual(parseCheckpoint('b', null), { cursor: null, recent: [] });
  const c = { cursor: 1_780_000_000_000_000, recent: ['did:plc:a|app.bsky.feed.post|3k|create|3r'] };
  assert.deepEqual(parseCheckpoint('b', formatCheckpoint(c)), c);
  assert.deepEqual(parseCheckpoint('b', '{"cursor":12}'), { cursor: 12, recent: [] });
  assert.throws(() => parseCheckpoint('b', '{"cursor":-1}'), /cursor must be a whole number of microseconds/);
  assert.throws(() => parseCheckpoint('b', '{"sinceId":"1"}'), /cursor must be a whole number/);
  assert.throws(() => parseCheckpoint('b', '{"cursor":1,"recent":[1]}'), /recent must be a list of strings/);
  assert.throws(() => parseCheckpoint('b', '[]'), /not a JSON object/);
});
