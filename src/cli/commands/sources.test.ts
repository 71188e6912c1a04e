/**
 * End to end, with real child processes: an X source whose bearer token is encrypted in vigie.yaml
 * (enc:v1:, key from VIGIE_SECRET_KEY) against the local X test server. `vigie sources test`
 * reaches it (and names the source and key when the key is wrong); `vigie serve` ingests the
 * stream into the store, and `vigie sources list|stop|start` talk to it.
 */
import { ondineConfigHead } from './test-ondine-config.ts';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { encryptSecret } from '../../listen/sources/secrets.ts';
import { XTestServer } from '../../listen/x/test-server.ts';
import { ondinePost, streamMessage } from '../../listen/x/x-fixtures.ts';
import { cliEnv, runCli, startCli } from '../run-cli.ts';

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

async function setup(t: TestContext): Promise<{ dir: string; env: NodeJS.ProcessEnv; x: XTestServer; port: number; config: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-cli-sources-'));
  const data = join(dir, 'data');
  mkdirSync(data);
  const x = await XTestServer.start('ondine-bearer-7f3a');
  const key = randomBytes(32);
  const port = await freePort();
  const config = join(dir, 'vigie.yaml');
  writeFileSync(
    config,
    [
      ...ondineConfigHead(port),
      '  - id: ondine-x',
      '    kind: x',
      `    bearerToken: ${encryptSecret(x.token, key)}`,
      `    apiBaseUrl: ${x.url}`,
      '    gapFillDelaySeconds: 0',
      '',
    ].join('\n'),
  );
  const env = cliEnv(data, { VIGIE_SECRET_KEY: key.toString('base64') });
  t.after(async () => {
    await x.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { dir, env, x, port, config };
}

test('vigie sources test reaches the X server with the decrypted token; a wrong key names the source and key', async (t) => {
  const { dir, env, config } = await setup(t);
  const ok = await runCli(['--config', config, 'sources', 'test', 'ondine-x'], { cwd: dir, env });
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /^ondine-x \(x\): OK: X API reached at http:\/\/127\.0\.0\.1:\d+, the bearer token works/);

  const json = await runCli(['--config', config, 'sources', 'test', 'ondine-x', '--json'], { cwd: dir, env });
  assert.equal((JSON.parse(json.stdout) as { ok: boolean }).ok, true);

  const wrong = await runCli(['--config', config, 'sources', 'test', 'ondine-x'], { cwd: dir, env: { ...env, VIGIE_SECRET_KEY: randomBytes(32).toString('base64') } });
  assert.equal(wrong.code, 1);
  assert.match(wrong.stderr, /source ondine-x \(x\): test failed: source "ondine-x" \(bearerToken\): cannot decrypt the enc:v1: value: it was encrypted with another key/);

  const unknown = await runCli(['--config', config, 'sources', 'test', 'nope'], { cwd: dir, env });
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /no source "nope" in .*vigie\.yaml \(configured: ondine-x\)/);

  const list = await runCli(['--config', config, 'sources', 'list', '--json'], { cwd: dir, env });
  assert.equal(list.code, 0, list.stderr);
  const listed = JSON.parse(list.stdout) as { kinds: { kind: string }[]; server: { running: boolean }; sources: { id: string; kind: string; run: string }[] };
  assert.deepEqual(listed.kinds.map((k) => k.kind), ['x', 'bluesky', 'mastodon', 'reddit', 'rss', 'webhook']);
  assert.equal(listed.server.running, false);
  assert.deepEqual(listed.sources.map((s) => [s.id, s.kind, s.run]), [['ondine-x', 'x', 'not running']]);

  const start = await runCli(['--config', config, 'sources', 'start', 'ondine-x'], { cwd: dir, env });
  assert.equal(start.code, 1);
  assert.match(start.stderr, /cannot start source ondine-x: no running vigie serve at http:\/\/127\.0\.0\.1:\d+/);
});

test('vigie serve ingests the X stream into the store; sources list/stop/start talk to it', async (t) => {
  const { dir, env, x, config, port } = await setup(t);
  x.streamPlans.push({ status: 200, steps: [{ message: streamMessage(ondinePost(1)) }, { keepAlive: true }, { message: streamMessage(ondinePost(2)) }, { stall: true }] });
  const serve = startCli(['--config', config, 'serve'], { cwd: dir, env });
  t.after(async () => {
    if (serve.child.exitCode === null) {
      serve.child.kill('SIGKILL');
      await serve.done.catch(() => undefined);
    }
  });
  const base = `http://127.0.0.1:${port}`;
  const until = Date.now() + 20_000;
  let mentions: { id: string }[] = [];
  while (Date.now() < until) {
    try {
      const res = await fetch(`${base}/api/mentions?brand=ondine`);
      if (res.status === 200) mentions = ((await res.json()) as { mentions: { id: string }[] }).mentions;
    } catch {
      // not listening yet
    }
    if (mentions.length >= 2) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.deepEqual(mentions.map((m) => m.id).sort(), [`x:${ondinePost(1).id}`, `x:${ondinePost(2).id}`].sort());

  const list = await runCli(['--config', config, 'sources', 'list', '--json'], { cwd: dir, env });
  const listed = JSON.parse(list.stdout) as { server: { running: boolean }; sources: { id: string; run: string; status: { state: string; counts: { mentions: number } } }[] };
  assert.equal(listed.server.running, true);
  assert.equal(listed.sources[0]?.run, 'running');
  assert.equal(listed.sources[0]?.status.counts.mentions, 2);

  const stop = await runCli(['--config', config, 'sources', 'stop', 'ondine-x'], { cwd: dir, env });
  assert.equal(stop.code, 0, stop.stderr);
  assert.equal(stop.stdout.trim(), 'ondine-x: stopped');
  const start = await runCli(['--config', config, 'sources', 'start', 'ondine-x'], { cwd: dir, env });
  assert.equal(start.stdout.trim(), 'ondine-x: running');

  serve.child.kill('SIGTERM');
  const done = await serve.done;
  assert.equal(done.code, 0, done.stderr);
});
