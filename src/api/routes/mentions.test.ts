import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MentionView } from '../presenters/mention.ts';
import { WS, addLumenBrand, errorOf, lumenMention, startTestApi, type TestApi } from '../test-harness.ts';

type Page = { mentions: MentionView[]; nextCursor: string | null };

async function seeded(t: Parameters<typeof startTestApi>[0]): Promise<TestApi> {
  const api = await startTestApi(t);
  await addLumenBrand(api.store);
  await addLumenBrand(api.store, 'lumen-tea', 'Lumen Tea');
  const mentions = Array.from({ length: 7 }, (_, i) => lumenMention(i));
  mentions.push(lumenMention(7, { brandIds: ['lumen-tea'], text: 'Lumen tea is fine' }));
  await api.store.upsertMentions(WS, mentions);
  return api;
}

test('mentions come newest first, presented without their raw payload, over two pages', async (t) => {
  const api = await seeded(t);
  const first = await api.get('/api/mentions?brand=lumen&limit=4');
  assert.equal(first.status, 200);
  const p1 = first.body as Page;
  assert.deepEqual(p1.mentions.map((m) => m.id), ['mastodon:1006', 'mastodon:1005', 'mastodon:1004', 'mastodon:1003']);
  assert.equal(p1.mentions[0]?.createdAt, '2024-05-01T23:06:00.000Z');
  assert.equal('raw' in (p1.mentions[0] ?? {}), false);
  assert.equal(typeof p1.nextCursor, 'string');

  const p2 = (await api.get(`/api/mentions?brand=lumen&limit=4&cursor=${encodeURIComponent(p1.nextCursor ?? '')}`)).body as Page;
  assert.deepEqual(p2.mentions.map((m) => m.id), ['mastodon:1002', 'mastodon:1001', 'mastodon:1000']);
  assert.equal(p2.nextCursor, null);
});

test('full-text search, brand and time filters', async (t) => {
  const api = await seeded(t);
  const burnt = (await api.get('/api/mentions?q=burnt')).body as Page;
  assert.deepEqual(burnt.mentions.map((m) => m.id), ['mastodon:1005', 'mastodon:1003', 'mastodon:1001']);
  const tea = (await api.get('/api/mentions?brand=lumen-tea')).body as Page;
  assert.deepEqual(tea.mentions.map((m) => m.id), ['mastodon:1007']);
  const window = (await api.get('/api/mentions?from=2024-05-01T23:02:00Z&to=2024-05-01T23:04:00Z')).body as Page;
  assert.deepEqual(window.mentions.map((m) => m.id), ['mastodon:1003', 'mastodon:1002']);
  const all = (await api.get('/api/mentions')).body as Page;
  assert.equal(all.mentions.length, 8);
  assert.equal(all.nextCursor, null);
});

test('mention validation errors name the parameter', async (t) => {
  const api = await seeded(t);
  const cases: [string, string, string][] = [
    ['limit=0', 'limit', 'expected an integer from 1 to 500, got "0"'],
    ['limit=501', 'limit', 'expected an integer from 1 to 500, got "501"'],
    ['limit=ten', 'limit', 'expected an integer from 1 to 500, got "ten"'],
    ['from=last-week', 'from', 'expected an ISO 8601 date'],
    ['from=2024-05-02&to=2024-05-01', 'to', 'must be after "from"'],
    ['cursor=not*a*cursor', 'cursor', 'malformed cursor'],
    ['cursor=bm90IGpzb24', 'cursor', 'malformed cursor'],
    ['brand=Bad%20Brand', 'brand', 'an id is 1–63 lowercase'],
    ['q=', 'q', 'expected a non-empty search'],
  ];
  for (const [query, parameter, text] of cases) {
    const res = await api.get(`/api/mentions?${query}`);
    assert.equal(res.status, 400, query);
    const e = errorOf(res.body);
    assert.equal(e.code, 'bad_request', query);
    const details = e.details as { parameter: string; message: string }[];
    assert.equal(details[0]?.parameter, parameter, query);
    assert.ok(details[0]?.message.includes(text), `${query}: ${details[0]?.message}`);
  }
});

test('mentions of an unknown brand are a 404 naming the brand', async (t) => {
  const api = await seeded(t);
  const res = await api.get('/api/mentions?brand=ghost');
  assert.equal(res.status, 404);
  assert.deepEqual(errorOf(res.body), {
    code: 'not_found',
    message: 'no brand "ghost" in workspace "lumen-co"',
    details: { parameter: 'brand', value: 'ghost' },
  });
});
