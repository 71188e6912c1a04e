import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startTestApi } from '../test-harness.ts';

test('without live sources (not vigie serve) the kinds are listed and the actions answer 503', async (t) => {
  const api = await startTestApi(t);
  const list = await api.get('/api/sources');
  assert.equal(list.status, 200);
  assert.deepEqual(list.body, { kinds: ['x', 'bluesky', 'mastodon', 'reddit', 'rss', 'webhook'], sources: [], running: false });
  const start = await fetch(`${api.url}/api/sources/brioche-x/start`, { method: 'POST' });
  assert.equal(start.status, 503);
  assert.match(((await start.json()) as { error: { message: string } }).error.message, /runs no live sources/);
  const bad = await api.get('/api/sources/Not%20An%20Id');
  assert.equal(bad.status, 400);
});
