import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Signal } from '../../domain/signal.ts';
import { makeSignal } from '../../store/test-signals.ts';
import type { SignalView } from '../presenters/signal.ts';
import { WS, addLumenBrand, errorOf, startTestApi, type TestApi } from '../test-harness.ts';

type Page = { brandId: string; signals: SignalView[]; nextCursor: string | null };

/** Signals 0…7 of Lumen (newest is 7; 7 is a drill), one of Lumen Tea. */
async function seeded(t: Parameters<typeof startTestApi>[0]): Promise<{ api: TestApi; lumen: Signal[] }> {
  const api = await startTestApi(t);
  await addLumenBrand(api.store);
  await addLumenBrand(api.store, 'lumen-tea', 'Lumen Tea');
  const lumen = Array.from({ length: 8 }, (_, i) =>
    makeSignal(WS, i, { id: `lumen:${i}`, brandId: 'lumen', drill: i === 7 }),
  );
  for (const s of lumen) await api.store.upsertSignal(WS, s);
  await api.store.upsertSignal(WS, makeSignal(WS, 3, { id: 'tea:3', brandId: 'lumen-tea' }));
  return { api, lumen };
}

const ids = (p: Page): string[] => p.signals.map((s) => s.id);

test('a brand\'s signals come newest first with their evidence, ISO times beside epoch ms, over two pages', async (t) => {
  const { api, lumen } = await seeded(t);
  const first = await api.get('/api/brands/lumen/signals?limit=4');
  assert.equal(first.status, 200);
  const p1 = first.body as Page;
  assert.equal(p1.brandId, 'lumen');
  assert.deepEqual(ids(p1), ['lumen:6', 'lumen:5', 'lumen:4', 'lumen:3']);
  const s6 = p1.signals[0]!;
  const src = lumen[6]!;
  assert.equal(s6.startedAt, new Date(src.startedAt).toISOString());
  assert.equal(s6.startedAtMs, src.startedAt);
  assert.equal(s6.endedAt, null);
  assert.equal(s6.severity, src.severity);
  assert.equal(s6.summary, src.summary);
  assert.deepEqual(s6.factors, src.factors);
  assert.equal(s6.evidence?.fromMs, src.evidence?.from);
  assert.equal(s6.evidence?.topPosts[0]?.createdAt, new Date(src.evidence!.topPosts[0]!.createdAt).toISOString());
  assert.equal(s6.evidence?.storylines[1]?.representative.text, src.evidence?.storylines[1]?.representative.text);
  assert.equal(s6.evidence?.samples[1]?.lang, 'en');
  assert.equal('workspaceId' in s6, false);

  const p2 = (await api.get(`/api/brands/lumen/signals?limit=4&cursor=${encodeURIComponent(p1.nextCursor ?? '')}`)).body as Page;
  assert.deepEqual(ids(p2), ['lumen:2', 'lumen:1', 'lumen:0']);
  assert.equal(p2.nextCursor, null);
});

test('signals are filtered by status, kind, severity, time and drill', async (t) => {
  const { api, lumen } = await seeded(t);
  const get = async (q: string): Promise<string[]> => {
    const res = await api.get(`/api/brands/lumen/signals?${q}`);
    assert.equal(res.status, 200, `${q}: ${res.text}`);
    return ids(res.body as Page);
  };
  assert.deepEqual(await get('status=closed'), ['lumen:5', 'lumen:3', 'lumen:1']);
  assert.deepEqual(await get('kind=volume'), ['lumen:6', 'lumen:0']);
  assert.deepEqual(await get('minSeverity=SEV2'), ['lumen:6', 'lumen:3', 'lumen:2']);
  assert.deepEqual(await get('minSeverity=sev1'), ['lumen:3']);
  assert.deepEqual(await get('minSeverity=SEV1&drill=true'), ['lumen:7', 'lumen:3']);
  assert.deepEqual(await get('drill=1&limit=1'), ['lumen:7']);
  const from = new Date(lumen[2]!.startedAt).toISOString();
  assert.deepEqual(await get(`from=${from}&to=${lumen[4]!.startedAt}`), ['lumen:3', 'lumen:2']);
  assert.deepEqual(ids((await api.get('/api/brands/lumen-tea/signals')).body as Page), ['tea:3']);
});

test('one signal by id, everything included; an unknown one is a 404 naming it', async (t) => {
  const { api, lumen } = await seeded(t);
  await api.store.upsertSignal(WS, makeSignal(WS, 9, { id: 'lumen/odd id:9', brandId: 'lumen' }));
  const res = await api.get('/api/signals/lumen%3A5');
  assert.equal(res.status, 200);
  const view = res.body as SignalView;
  const src = lumen[5]!;
  assert.equal(view.id, 'lumen:5');
  assert.equal(view.status, 'closed');
  assert.equal(view.endedAt, new Date(src.endedAt!).toISOString());
  assert.equal(view.endedAtMs, src.endedAt);
  assert.deepEqual(view.evidence?.terms, src.evidence?.terms);
  assert.deepEqual(view.evidence?.topAuthors, src.evidence?.topAuthors);
  assert.equal(view.evidence?.storylines[0]?.firstAtMs, src.evidence?.storylines[0]?.firstAt);
  assert.equal((await api.get(`/api/signals/${encodeURIComponent('lumen/odd id:9')}`)).status, 200);

  const missing = await api.get('/api/signals/ghost');
  assert.equal(missing.status, 404);
  assert.deepEqual(errorOf(missing.body), {
    code: 'not_found',
    message: 'no signal "ghost" in workspace "lumen-co"',
    details: { parameter: 'id', value: 'ghost' },
  });
  const extra = await api.get('/api/signals/lumen%3A5?evidence=no');
  assert.equal(extra.status, 400);
  assert.equal((errorOf(extra.body).details as { parameter: string }[])[0]?.parameter, 'evidence');
  const nul = await api.get('/api/signals/a%00b');
  assert.equal(nul.status, 400);
  assert.match(errorOf(nul.body).message, /id: a signal id has no control characters/);
});

test('signals of an unknown brand are a 404 naming the brand', async (t) => {
  const { api } = await seeded(t);
  const res = await api.get('/api/brands/ghost/signals');
  assert.equal(res.status, 404);
  assert.deepEqual(errorOf(res.body), {
    code: 'not_found',
    message: 'no brand "ghost" in workspace "lumen-co"',
    details: { parameter: 'id', value: 'ghost' },
  });
});

test('signal list validation errors name the parameter and say what is expected', async (t) => {
  const { api } = await seeded(t);
  const cases: [string, string, string][] = [
    ['status=ajar', 'status', 'expected one of open, closed, got "ajar"'],
    ['kind=loud', 'kind', 'expected one of volume, negative_volume'],
    ['minSeverity=SEV5', 'minSeverity', 'expected one of SEV1, SEV2, SEV3, SEV4, got "SEV5"'],
    ['minSeverity=high', 'minSeverity', 'SEV2 keeps SEV1 and SEV2'],
    ['drill=maybe', 'drill', 'expected true or false, got "maybe"'],
    ['limit=0', 'limit', 'expected an integer from 1 to 500, got "0"'],
    ['limit=501', 'limit', 'expected an integer from 1 to 500'],
    ['from=yesterday', 'from', 'expected an ISO 8601 date'],
    ['from=2024-05-02&to=2024-05-01', 'to', 'must be after "from"'],
    ['cursor=not*a*cursor', 'cursor', 'malformed cursor'],
    ['cursor=bm90IGpzb24', 'cursor', 'malformed cursor'],
    ['severity=SEV1', 'severity', 'unknown parameter'],
  ];
  for (const [query, parameter, text] of cases) {
    const res = await api.get(`/api/brands/lumen/signals?${query}`);
    assert.equal(res.status, 400, query);
    const e = errorOf(res.body);
    assert.equal(e.code, 'bad_request', query);
    const details = e.details as { parameter: string; message: string }[];
    assert.equal(details[0]?.parameter, parameter, query);
    assert.ok(details[0]?.message.includes(text), `${query}: ${details[0]?.message}`);
  }
  const badBrand = await api.get('/api/brands/Bad%20Brand/signals');
  assert.equal(badBrand.status, 400);
  assert.equal((errorOf(badBrand.body).details as { parameter: string }[])[0]?.parameter, 'id');
});
