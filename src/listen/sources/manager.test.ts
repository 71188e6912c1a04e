/**
 * The SourceManager with the real pipeline and a SQLite store (webhook sources: no network
 * needed): restarts a failing run on the documented back-off (injected clock), reports it in the
 * status, keeps a stopped source stopped across a restart, and refuses what it cannot build with
 * the source and key named.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generateWebhookSecret } from '../../alert/channels/webhook/standard-webhooks.ts';
import { testClock } from '../x/test-server.ts';
import { STOPPED_SOURCES_KEY } from './manager.ts';
import { eventually, RIG_T0, RIG_WS, startRig } from './test-rig.ts';

const secrets = { env: { HOOK_A: generateWebhookSecret(), HOOK_B: generateWebhookSecret() }, key: () => Buffer.alloc(32) };
const hook = (id: string, env: string, enabled = true) => ({ id, kind: 'webhook' as const, enabled, settings: { secret: `env:${env}` } });

test('a run that fails is restarted with doubling back-off (1 s, 2 s, 4 s, capped at 5 s) and its error reported', async (t) => {
  const clock = testClock(RIG_T0);
  let failures = 4;
  const rig = await startRig(t, {
    entries: [hook('a', 'HOOK_A')],
    secrets,
    clock,
    restart: { initialMs: 1000, maxMs: 5000 },
    run: (inner) => async (source, signal) => {
      if (failures > 0) {
        failures--;
        throw new Error('database is locked');
      }
      return inner(source, signal);
    },
  });
  await eventually(() => failures === 0 && rig.manager.statusOf('a').run === 'running', 5000, 'the fifth run');
  assert.deepEqual(clock.sleeps, [1000, 2000, 4000, 5000]);
  const s = rig.manager.statusOf('a');
  assert.equal(s.restarts, 4);
  assert.equal(s.lastError?.message, 'database is locked');
  assert.equal(s.source?.state, 'connected');
});

test('stop is remembered across a restart until start; a source that cannot be built fails alone, naming the key', async (t) => {
  const rig = await startRig(t, { entries: [hook('a', 'HOOK_A'), hook('b', 'HOOK_B'), hook('c', 'HOOK_MISSING'), hook('d', 'HOOK_A', false)], secrets });
  const runs = () => Object.fromEntries(rig.manager.status().map((s) => [s.id, s.run]));
  assert.deepEqual(runs(), { a: 'running', b: 'running', c: 'failed', d: 'disabled' });
  assert.equal(rig.manager.statusOf('c').lastError?.message, 'source "c" (secret): the environment variable HOOK_MISSING is not set (the configuration says env:HOOK_MISSING)');
  assert.equal((await rig.manager.test('c')).ok, false);
  assert.deepEqual(await rig.manager.test('a'), { ok: true, detail: 'secret valid; senders POST signed mentions to /api/sources/a/webhook (Standard Webhooks, tolerance 300 s)' });
  await assert.rejects(rig.manager.start('d'), /source "d" is disabled in the configuration \(enabled: false\)/);
  await assert.rejects(rig.manager.start('zz'), /no source "zz" in the configuration \(configured: a, b, c, d\)/);

  await rig.manager.stop('b');
  assert.equal(rig.manager.statusOf('b').run, 'stopped');
  assert.equal(rig.manager.statusOf('b').source?.state, 'stopped');
  assert.equal(await rig.store.getCheckpoint(RIG_WS, STOPPED_SOURCES_KEY), '["b"]');
  await rig.manager.close();
  await rig.restart();
  assert.deepEqual(runs(), { a: 'running', b: 'stopped', c: 'failed', d: 'disabled' });
  await rig.manager.start('b');
  assert.equal(rig.manager.statusOf('b').run, 'running');
  assert.equal(await rig.store.getCheckpoint(RIG_WS, STOPPED_SOURCES_KEY), '[]');

  // The API says the same.
  const list = (await (await fetch(`${rig.url}/api/sources`)).json()) as { kinds: string[]; sources: { id: string; run: string; status: { state: string } | null }[] };
  assert.deepEqual(list.kinds, ['x', 'bluesky', 'mastodon', 'reddit', 'rss', 'webhook']);
  assert.deepEqual(list.sources.map((s) => [s.id, s.run, s.status?.state ?? null]), [['a', 'running', 'connected'], ['b', 'running', 'connected'], ['c', 'failed', null], ['d', 'disabled', null]]);
  const stop = await fetch(`${rig.url}/api/sources/a/stop`, { method: 'POST' });
  assert.equal(((await stop.json()) as { run: string }).run, 'stopped');
  const missing = await fetch(`${rig.url}/api/sources/nope`);
  assert.equal(missing.status, 404);
  assert.match(((await missing.json()) as { error: { message: string } }).error.message, /no source "nope"/);
  const tested = (await (await fetch(`${rig.url}/api/sources/c/test`, { method: 'POST' })).json()) as { ok: boolean; error: string };
  assert.deepEqual(tested, { id: 'c', ok: false, error: 'source "c" (secret): the environment variable HOOK_MISSING is not set (the configuration says env:HOOK_MISSING)' });
});

test('feed health is judged per source from its mentions per minute', async (t) => {
  const clock = testClock(RIG_T0);
  const rig = await startRig(t, { entries: [hook('a', 'HOOK_A')], secrets, clock });
  assert.equal(rig.manager.statusOf('a').feedHealth, null);
  rig.manager.tickFeedHealth(RIG_T0);
  rig.manager.tickFeedHealth(RIG_T0 + 60_000);
  const f = rig.manager.statusOf('a').feedHealth;
  assert.equal(f?.quiet, false);
  assert.equal(f?.observed, 0);
});
