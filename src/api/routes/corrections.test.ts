import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { Hono } from 'hono';
import { silentLogger } from '../../observe/logger.ts';
import type { SentimentCorrection } from '../../store/store.ts';
import type { CorrectionView } from '../presenters/correction.ts';
import type { MentionView } from '../presenters/mention.ts';
import { startServer } from '../server.ts';
import { NOW, WS, addLumenBrand, errorOf, lumenMention, startTestApi, type TestApi } from '../test-harness.ts';
import { registerCorrectionRoutes } from './corrections.ts';

type Created = { correction: CorrectionView; mention: MentionView };
type Listed = { brandId: string; corrections: CorrectionView[]; nextCursor: string | null };

const MASTODON_ID = 'mastodon:https://coffee.example/users/fan/statuses/42';

async function seeded(t: TestContext): Promise<TestApi> {
  const api = await startTestApi(t);
  await addLumenBrand(api.store);
  await addLumenBrand(api.store, 'lumen-tea', 'Lumen Tea');
  const negative = { sentiment: { label: 'negative' as const, score: -0.5, model: 'test-model-1', confidence: 0.7 }, categories: [], stakeholder: null, reach: 10 };
  await api.store.upsertMentions(WS, [
    lumenMention(0, { enrichment: negative }),
    lumenMention(1, { brandIds: ['lumen', 'lumen-tea'] }),
    lumenMention(2, { id: MASTODON_ID, enrichment: negative }),
  ]);
  return api;
}

function post(api: TestApi, id: string, body: unknown, raw?: string): Promise<{ status: number; body: unknown }> {
  return fetch(`${api.url}/api/mentions/${encodeURIComponent(id)}/sentiment`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: raw ?? JSON.stringify(body),
  }).then(async (res) => ({ status: res.status, body: JSON.parse(await res.text()) as unknown }));
}

test('an analyst corrects a mention: 201 with the correction and the mention as now stored', async (t) => {
  const api = await seeded(t);
  const res = await post(api, 'mastodon:1000', { label: 'Positive', by: 'ana@lumen.example', note: 'irony' });
  assert.equal(res.status, 201);
  const { correction, mention } = res.body as Created;
  assert.deepEqual({ ...correction, id: '' }, {
    id: '', mentionId: 'mastodon:1000', brandId: 'lumen', label: 'positive', modelLabel: 'negative', model: 'test-model-1',
    by: 'ana@lumen.example', note: 'irony', createdAt: new Date(NOW).toISOString(), current: true,
    mention: { text: 'Lumen cold brew number 0 is great', lang: 'en' },
  });
  assert.deepEqual(mention.enrichment.sentiment, { label: 'positive', score: -0.5, model: 'test-model-1', confidence: 0.7, corrected: true, modelLabel: 'negative' });
  const search = (await api.get('/api/mentions?q=brew')).body as { mentions: MentionView[] };
  assert.equal(search.mentions.find((m) => m.id === 'mastodon:1000')?.enrichment.sentiment?.corrected, true);
  const listed = (await api.get('/api/brands/lumen/corrections')).body as Listed;
  assert.deepEqual(listed, { brandId: 'lumen', corrections: [correction], nextCursor: null });
  const anonymous = (await post(api, 'mastodon:1000', { label: 'neutral' })).body as Created;
  assert.equal(anonymous.correction.by, 'api');
});

test('ids with slashes (Mastodon) are given URL-encoded; the brand is chosen among the mention\'s', async (t) => {
  const api = await seeded(t);
  const res = await post(api, MASTODON_ID, { label: 'neutral', brandId: 'lumen' });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  assert.equal((res.body as Created).correction.mentionId, MASTODON_ID);
  const ambiguous = await post(api, 'mastodon:1001', { label: 'neutral' });
  assert.equal(ambiguous.status, 400);
  assert.match(errorOf(ambiguous.body).message, /is about brands lumen, lumen-tea: say which one/);
  assert.equal((errorOf(ambiguous.body).details as { parameter: string }[])[0]?.parameter, 'brandId');
  const tea = await post(api, 'mastodon:1001', { label: 'neutral', brandId: 'lumen-tea' });
  assert.equal((tea.body as Created).correction.brandId, 'lumen-tea');
  const notIts = await post(api, 'mastodon:1000', { label: 'neutral', brandId: 'lumen-tea' });
  assert.equal(notIts.status, 400);
  assert.deepEqual(errorOf(notIts.body).details, [{
    parameter: 'brandId', in: 'body', message: 'brand "lumen-tea" is not one of mention mastodon:1000\'s (brands lumen): correct it for one of those',
  }]);
});

test('correction errors: unknown mention 404; bad label, body or fields 400 naming the parameter', async (t) => {
  const api = await seeded(t);
  const missing = await post(api, 'x:404', { label: 'negative' });
  assert.equal(missing.status, 404);
  assert.deepEqual(errorOf(missing.body).details, { parameter: 'id', value: 'x:404' });
  const cases: [unknown, string | null, string][] = [
    [{ label: 'great' }, 'label', 'expected negative, neutral or positive, got "great"'],
    [{}, 'label', 'expected string'],
    [{ label: 'neutral', brandId: 'Bad Brand' }, 'brandId', 'an id is 1–63 lowercase'],
    [{ label: 'neutral', by: '  ' }, 'by', 'expected who corrects'],
    [{ label: 'neutral', note: 'n'.repeat(2001) }, 'note', 'expected at most 2000 characters'],
    [{ label: 'neutral', mood: 'x' }, 'mood', 'unknown parameter'],
    [['neutral'], null, 'expected object'],
  ];
  for (const [body, parameter, text] of cases) {
    const res = await post(api, 'mastodon:1000', body);
    assert.equal(res.status, 400, JSON.stringify(body));
    const details = errorOf(res.body).details as { parameter: string | null; in: string; message: string }[];
    assert.equal(details[0]?.parameter, parameter, JSON.stringify(body));
    assert.equal(details[0]?.in, 'body');
    assert.ok(details[0]?.message.includes(text), `${JSON.stringify(body)}: ${details[0]?.message}`);
  }
  const notJson = await post(api, 'mastodon:1000', null, '{label: negative}');
  assert.equal(notJson.status, 400);
  assert.match(errorOf(notJson.body).message, /invalid body: not JSON/);
  assert.match(errorOf((await post(api, 'mastodon:1000', null, '')).body).message, /expected a JSON object such as/);
  assert.match(errorOf((await post(api, 'mastodon:1000', { label: 'neutral', note: 'é'.repeat(9000) })).body).message, /larger than 16384 bytes/);
  const withQuery = await fetch(`${api.url}/api/mentions/mastodon%3A1000/sentiment?label=neutral`, { method: 'POST', body: '{"label":"neutral"}' });
  assert.equal(withQuery.status, 400);
  assert.deepEqual((await api.get('/api/brands/lumen/corrections')).body, { brandId: 'lumen', corrections: [], nextCursor: null }, 'nothing was stored');
});

test('a brand\'s corrections: newest first, in force only on request, since a time, over pages', async (t) => {
  const api = await seeded(t);
  const made: CorrectionView[] = [];
  for (const [i, label] of (['negative', 'neutral', 'positive', 'neutral'] as const).entries()) {
    api.clock.set(NOW + i * 60_000);
    made.push(((await post(api, i === 3 ? 'mastodon:1001' : 'mastodon:1000', { label, brandId: 'lumen' })).body as Created).correction);
  }
  const ids = (l: Listed): string[] => l.corrections.map((c) => c.id);
  const all = (await api.get('/api/brands/lumen/corrections')).body as Listed;
  assert.deepEqual(ids(all), made.map((c) => c.id).reverse());
  assert.deepEqual(all.corrections.map((c) => c.current), [true, true, false, false]);
  const current = (await api.get('/api/brands/lumen/corrections?current=true')).body as Listed;
  assert.deepEqual(ids(current), [made[3]!.id, made[2]!.id]);
  const since = (await api.get(`/api/brands/lumen/corrections?since=${new Date(NOW + 60_000).toISOString()}`)).body as Listed;
  assert.equal(since.corrections.length, 3);
  const p1 = (await api.get('/api/brands/lumen/corrections?limit=3')).body as Listed;
  assert.equal(p1.corrections.length, 3);
  const p2 = (await api.get(`/api/brands/lumen/corrections?limit=3&cursor=${p1.nextCursor}`)).body as Listed;
  assert.deepEqual([...ids(p1), ...ids(p2)], ids(all));
  assert.equal(p2.nextCursor, null);
  assert.deepEqual(((await api.get('/api/brands/lumen-tea/corrections')).body as Listed).corrections, []);

  const ghost = await api.get('/api/brands/ghost/corrections');
  assert.equal(ghost.status, 404);
  assert.deepEqual(errorOf(ghost.body).details, { parameter: 'id', value: 'ghost' });
  for (const [query, parameter] of [['cursor=nope!', 'cursor'], ['limit=0', 'limit'], ['current=maybe', 'current'], ['since=yesterday', 'since'], ['brand=x', 'brand']]) {
    const res = await api.get(`/api/brands/lumen/corrections?${query}`);
    assert.equal(res.status, 400, query);
    assert.equal((errorOf(res.body).details as { parameter: string }[])[0]?.parameter, parameter, query);
  }
});

test('the onCorrection hook runs after each correction; its failure is logged, not returned', async (t) => {
  const api = await seeded(t);
  const seen: SentimentCorrection[] = [];
  const errors: unknown[] = [];
  const logger = { ...silentLogger, error: (obj: unknown) => void errors.push(obj) } as typeof silentLogger;
  const app = new Hono();
  registerCorrectionRoutes(app, { store: api.store, workspaceId: WS, metrics: api.metrics, logger, clock: api.clock }, {
    onCorrection: (c) => {
      seen.push(c);
      if (c.label === 'neutral') throw new Error('adapter refit failed');
    },
  });
  const server = await startServer(app, { host: '127.0.0.1', port: 0 });
  t.after(() => server.close());
  const res = await post({ ...api, url: server.url }, 'mastodon:1000', { label: 'positive' });
  assert.equal(res.status, 201);
  assert.deepEqual(seen.map((c) => [c.mentionId, c.brandId, c.label]), [['mastodon:1000', 'lumen', 'positive']]);
  assert.equal((await post({ ...api, url: server.url }, 'mastodon:1000', { label: 'neutral' })).status, 201);
  assert.equal(errors.length, 1);
});
