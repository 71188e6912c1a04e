/**
 * `vigie serve` as a real child process with alerting enabled: SIGHUP re-reads the alerting file
 * (the new policy is served at once), and a bad file is refused with each problem logged by
 * file:line:column while the running configuration stays.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { alertingFileYaml } from '../../alert/test-alerting-file.ts';
import { cliEnv, startCli } from '../run-cli.ts';

test('SIGHUP reloads the alerting file; a bad file is refused with its lines logged and the old configuration stays', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-cli-serve-'));
  const data = join(dir, 'data');
  mkdirSync(data);
  const good = alertingFileYaml('http://127.0.0.1:9/hook');
  writeFileSync(join(dir, 'alerting.yaml'), good);
  writeFileSync(join(dir, 'vigie.yaml'), 'alerting:\n  enabled: true\n  file: alerting.yaml\n  baseUrl: https://vigie.example\n');
  const env = cliEnv(data, { VIGIE_ACK_SECRET: 'a-serve-test-ack-secret-0123456789', VIGIE_LOG_LEVEL: 'info' });
  const started = startCli(['--config', join(dir, 'vigie.yaml'), 'serve', '--port', '0'], { cwd: dir, env });
  // The child's stderr, and waits for a pattern to appear in what it writes from now on.
  let stderr = '';
  const waiters: { re: RegExp; from: number; resolve: (m: RegExpExecArray) => void; reject: (e: Error) => void }[] = [];
  started.child.stderr?.on('data', (b: Buffer) => {
    stderr += b.toString();
    for (const w of [...waiters]) {
      const m = w.re.exec(stderr.slice(w.from));
      if (m !== null) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(m);
      }
    }
  });
  started.child.on('close', (code) => {
    for (const w of waiters.splice(0)) w.reject(new Error(`vigie serve exited (${code}) before its stderr matched ${w.re}:\n${stderr}`));
  });
  const waitFor = (re: RegExp): Promise<RegExpExecArray> => new Promise((resolve, reject) => waiters.push({ re, from: stderr.length, resolve, reject }));
  t.after(async () => {
    if (started.child.exitCode === null) {
      started.child.kill('SIGKILL');
      await started.done.catch(() => undefined);
    }
    rmSync(dir, { recursive: true, force: true });
  });

  const url = (await waitFor(/Vigie API on (http:\/\/\S+)/))[1] ?? '';
  const waitMinutes = async (): Promise<unknown> => {
    const res = await fetch(`${url}/api/alerting/policies/standard`);
    assert.equal(res.status, 200);
    return ((await res.json()) as { steps: { minutes?: number }[] }).steps[1]?.minutes;
  };
  assert.equal(await waitMinutes(), 10);

  writeFileSync(join(dir, 'alerting.yaml'), good.replace('minutes: 10', 'minutes: 25'));
  let reloaded = waitFor(/SIGHUP: alerting file reloaded: 2 user\(s\)/);
  started.child.kill('SIGHUP');
  await reloaded;
  assert.equal(await waitMinutes(), 25);

  const bad = good.replace('minutes: 10', 'minutes: 40').replace('participants: [ana, ben]', 'participants: []');
  writeFileSync(join(dir, 'alerting.yaml'), bad);
  reloaded = waitFor(/SIGHUP: alerting file refused \(1 problem\(s\), above\); the running configuration stays/);
  started.child.kill('SIGHUP');
  await reloaded;
  const line = bad.split('\n').findIndex((l) => l.includes('participants: []')) + 1;
  assert.match(stderr, new RegExp(`SIGHUP: alerting\\.yaml:${line}:\\d+: schedules\\[0\\]\\.layers\\[0\\]\\.participants: an empty rotation`));
  assert.equal(await waitMinutes(), 25, 'the running configuration stays');

  started.child.kill('SIGTERM');
  const done = await started.done;
  assert.equal(done.code, 0, done.stderr);
});
