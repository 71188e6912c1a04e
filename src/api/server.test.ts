import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Hono } from 'hono';
import { startServer } from './server.ts';

test('port 0 picks a free port; a port in use is a clear error; close stops the server', async () => {
  const app = new Hono().get('/', (c) => c.text('hi'));
  const a = await startServer(app, { host: '127.0.0.1', port: 0 });
  assert.ok(a.port > 0);
  assert.equal(a.url, `http://127.0.0.1:${a.port}`);
  assert.equal(await (await fetch(a.url)).text(), 'hi');
  await assert.rejects(startServer(app, { host: '127.0.0.1', port: a.port }), (err: Error) => {
    assert.match(err.message, new RegExp(`^cannot listen on 127\\.0\\.0\\.1:${a.port}: .*the port is in use`));
    return true;
  });
  await a.close();
  await assert.rejects(fetch(a.url));
});
