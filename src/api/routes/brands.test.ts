import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addLumenBrand, errorOf, startTestApi } from '../test-harness.ts';

test('GET /api/brands lists the presented brands', async (t) => {
  const api = await startTestApi(t);
  assert.deepEqual((await api.get('/api/brands')).body, { brands: [] });
  await addLumenBrand(api.store);
  await addLumenBrand(api.store, 'lumen-tea', 'Lumen Tea');
  const { status, body } = await api.get('/api/brands');
  assert.equal(status, 200);
  const brands = (body as { brands: { id: string; createdAt: string; workspaceId?: string }[] }).brands;
  assert.deepEqual(brands.map((b) => b.id).sort(), ['lumen', 'lumen-tea']);
  assert.equal(brands[0]?.createdAt, '2024-05-01T00:00:00.000Z');
  assert.equal(brands[0]?.workspaceId, undefined);
});

test('GET /api/brands/:id returns one brand, 404 when unknown, 400 when the id cannot exist', async (t) => {
  const api = await startTestApi(t);
  await addLumenBrand(api.store);
  const ok = await api.get('/api/brands/lumen');
  assert.equal(ok.status, 200);
  assert.deepEqual(ok.body, {
    id: 'lumen',
    name: 'Lumen Coffee',
    aliases: [],
    handles: ['lumencoffee'],
    keywords: ['cold brew'],
    queries: [],
    languages: [],
    ownedAccounts: [],
    employeeHandles: [],
    employeeDomains: [],
    createdAt: '2024-05-01T00:00:00.000Z',
  });

  const missing = await api.get('/api/brands/nope');
  assert.equal(missing.status, 404);
  assert.deepEqual(errorOf(missing.body), {
    code: 'not_found',
    message: 'no brand "nope" in workspace "lumen-co"',
    details: { parameter: 'id', value: 'nope' },
  });

  const bad = await api.get('/api/brands/Not%20An%20Id');
  assert.equal(bad.status, 400);
  const e = errorOf(bad.body);
  assert.equal(e.code, 'bad_request');
  assert.deepEqual((e.details as { parameter: string; in: string }[]).map((d) => [d.parameter, d.in]), [['id', 'path']]);
});

test('an unknown query parameter is refused by name', async (t) => {
  const api = await startTestApi(t);
  const res = await api.get('/api/brands?limt=3');
  assert.equal(res.status, 400);
  assert.deepEqual(errorOf(res.body).details, [{ parameter: 'limt', in: 'query', message: 'unknown parameter' }]);
});
