import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pino } from 'pino';
import type { Store } from '../../store/store.ts';
import { errorOf, startTestApi } from '../test-harness.ts';

test('GET /healthz answers ok with the store kind', async (t) => {
  const api = await startTestApi(t);
  const res = await api.get('/healthz');
  assert.equal(res.status, 200);
  assert.deepEqual(res.body, { status: 'ok', store: 'sqlite' });
});

test('GET /healthz is 503 with the error when the store does not answer', async (t) => {
  const api = await startTestApi(t);
  await api.store.close();
  const res = await api.get('/healthz');
  assert.equal(res.status, 503);
  const body = res.body as { status: string; store: string };
  assert.equal(body.status, 'unavailable');
  assert.equal(body.store, 'sqlite');
  const e = errorOf(body);
  assert.equal(e.code, 'unavailable');
  assert.match(e.message, /^the sqlite store did not answer: /);
});

test('GET /metrics is Prometheus text with the store latency of the API calls', async (t) => {
  const api = await startTestApi(t);
  await api.get('/api/brands');
  const res = await api.get('/metrics');
  assert.equal(res.status, 200);
  assert.match(res.type ?? '', /^text\/plain/);
  assert.match(res.text, /^vigie_store_seconds_count\{store="sqlite",op="listBrands"\} 1$/m);
});

test('an unknown route is a 404 in the common error shape', async (t) => {
  const api = await startTestApi(t);
  const res = await api.get('/api/nothing-here');
  assert.equal(res.status, 404);
  assert.deepEqual(res.body, {
    error: { code: 'not_found', message: 'no route GET /api/nothing-here', details: { method: 'GET', path: '/api/nothing-here' } },
  });
});

test('an unexpected error is a 500 with an error id; the real error is only in the log', async (t) => {
  const lines: string[] = [];
  const logger = pino({ level: 'info' }, { write: (s: string) => void lines.push(s) });
  // A real store whose one method hits a programming error.
  const wrap = (store: Store): Store =>
    Object.assign(Object.create(store) as Store, {
      listBrands: async () => {
        throw new TypeError('secret detail: cannot read properties of undefined');
      },
    });
  const api = await startTestApi(t, { logger, wrap });
  const res = await api.get('/api/brands');
  assert.equal(res.status, 500);
  const e = errorOf(res.body);
  assert.equal(e.code, 'internal');
  assert.doesNotMatch(JSON.stringify(res.body), /secret/);
  const errorId = (e.details as { errorId: string }).errorId;
  assert.match(e.message, new RegExp(errorId));
  const logged = lines.map((l) => JSON.parse(l) as { errorId?: string; err?: { message: string } }).find((l) => l.errorId === errorId);
  assert.match(logged?.err?.message ?? '', /secret detail/);
});
