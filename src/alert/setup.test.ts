/**
 * The alerting runtime's configuration swaps, on a real SQLite store, real files in a temp dir and a
 * real local webhook receiver: replace() writes atomically with a `.previous` backup and swaps the
 * engine's configuration, a refused text changes nothing (on disk or in force), reload() re-reads
 * the file, and drill pages follow the new drillTargets.
 */
import assert from 'node:assert/strict';
import { chmodSync, existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { reply, startReceiver, type TestReceiver } from './channels/webhook/test-receiver.ts';
import { DEFAULT_ALERTING, type AlertingSettings } from '../config/schema.ts';
import { ManualClock } from '../domain/clock.ts';
import { DEFAULT_WORKSPACE } from '../domain/ids.ts';
import type { Signal } from '../domain/signal.ts';
import { openStore } from '../store/open.ts';
import { setupAlerting, writeAlertingFile, type AlertingRuntime } from './setup.ts';
import { alertingFileYaml, lumenSignal } from './test-alerting-file.ts';

const WS = DEFAULT_WORKSPACE;
const NOW = Date.UTC(2024, 4, 2, 10);

interface Rig {
  dir: string;
  path: string;
  good: string;
  runtime: AlertingRuntime;
  receiver: TestReceiver;
  clock: ManualClock;
  /** The `to` of each page received so far (ana, ben, room). */
  reached(): string[];
}

async function rig(t: TestContext): Promise<Rig> {
  const receiver = await startReceiver((_req, res) => reply(res, 200, 'ok'));
  const dir = mkdtempSync(join(tmpdir(), 'vigie-alert-setup-'));
  const store = await openStore({ sqlitePath: join(dir, 'vigie.db') });
  await store.upsertWorkspace({ id: WS, name: 'Default', createdAt: 0 });
  await store.createBrand(WS, { id: 'lumen', name: 'Lumen Coffee' }, 0);
  const good = alertingFileYaml(`${receiver.url}/hook`);
  const path = join(dir, 'alerting.yaml');
  writeFileSync(path, good);
  const clock = new ManualClock(NOW);
  const settings: AlertingSettings = { ...DEFAULT_ALERTING, enabled: true, file: 'alerting.yaml', baseUrl: 'https://vigie.example', ackSecret: 'a-setup-test-ack-secret-0123456789' };
  const runtime = await setupAlerting({ store, workspaceId: WS, settings, cwd: dir, clock: () => clock.now() });
  t.after(async () => {
    runtime.close();
    await receiver.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    dir, path, good, runtime, receiver, clock,
    reached: () => receiver.requests.map((r) => new URL(r.path, 'http://x').searchParams.get('to') ?? '?'),
  };
}

const signal = (i: number, over: Partial<Signal> = {}): Signal => lumenSignal(WS, NOW, i, over);

/** A signal paged now: its first step runs and its deliveries go out. */
async function page(r: Rig, s: Signal): Promise<void> {
  await r.runtime.engine.onSignal(s);
  await r.runtime.engine.runDue(r.clock.now());
  await r.runtime.engine.deliverDue(r.clock.now());
}

test('replace() writes the file atomically with a .previous backup and new alerts follow the new policy at once', async (t) => {
  const r = await rig(t);
  await page(r, signal(0));
  assert.deepEqual(r.reached(), ['ana'], 'the schedule pages ana (on call this week)');

  const next = r.good.replace('targets: [{ schedule: primary }]', 'targets: [{ user: ben }]').replace('# Alerting of', '# Edited: alerting of');
  const out = r.runtime.replace(next);
  assert.ok(out.ok, out.ok ? '' : out.problems.map((p) => p.text).join('\n'));
  assert.deepEqual(out.summary, { users: 2, schedules: 1, channels: 1, teams: 1, policies: 1, routes: 0 });
  assert.equal(readFileSync(r.path, 'utf8'), next, 'the text is stored as sent (comments kept)');
  assert.equal(readFileSync(`${r.path}.previous`, 'utf8'), r.good);
  assert.deepEqual(readdirSync(r.dir).filter((f) => f.endsWith('.tmp')), [], 'no temporary file is left');
  assert.equal(r.runtime.file, out.file);

  await page(r, signal(1, { kind: 'volume', id: 'sig-v' }));
  assert.deepEqual(r.reached(), ['ana', 'ben'], 'a new alert uses the new policy');
});

test('a refused text changes nothing: the file on disk and the configuration in force stay', async (t) => {
  const r = await rig(t);
  const before = r.runtime.file;
  const bad = r.good.replace('participants: [ana, ben]', 'participants: []');
  const out = r.runtime.replace(bad);
  assert.equal(out.ok, false);
  if (out.ok) return;
  const line = bad.split('\n').findIndex((l) => l.includes('participants: []')) + 1;
  assert.match(out.problems[0]?.text ?? '', new RegExp(`^alerting\\.yaml:${line}:\\d+: schedules\\[0\\]\\.layers\\[0\\]\\.participants: an empty rotation`));
  assert.equal(readFileSync(r.path, 'utf8'), r.good);
  assert.equal(existsSync(`${r.path}.previous`), false);
  assert.equal(r.runtime.file, before);
});

test('reload() takes a good file from disk and refuses a bad or missing one, keeping the configuration in force', async (t) => {
  const r = await rig(t);
  writeFileSync(r.path, r.good.replace('minutes: 10', 'minutes: 25'));
  const ok = r.runtime.reload();
  assert.ok(ok.ok);
  const wait = r.runtime.file.config.alerting.policies[0]?.steps[1];
  assert.deepEqual(wait, { kind: 'wait', minutes: 25 });

  const taken = r.runtime.file;
  writeFileSync(r.path, r.good.replace('name: Standard', 'name: Standard: Plus'));
  const bad = r.runtime.reload();
  assert.equal(bad.ok, false);
  if (!bad.ok) assert.match(bad.problems[0]?.text ?? '', /^alerting\.yaml:\d+:\d+: YAML syntax error/);
  assert.equal(r.runtime.file, taken);

  rmSync(r.path);
  const missing = r.runtime.reload();
  assert.equal(missing.ok, false);
  if (!missing.ok) assert.match(missing.problems[0]?.text ?? '', /^alerting\.yaml: cannot read the alerting file \(no such file\)/);
  assert.equal(r.runtime.file, taken);
});

test('drill pages follow the drill targets of the configuration in force', async (t) => {
  const r = await rig(t);
  await page(r, signal(0, { drill: true }));
  assert.deepEqual(r.reached(), [], 'ana-hook is not a drill target: the drill page is recorded as skipped');
  writeFileSync(r.path, r.good.replace('drillTargets: [ben-hook]', 'drillTargets: [ana-hook]'));
  assert.ok(r.runtime.reload().ok);
  await page(r, signal(1, { drill: true, kind: 'volume', id: 'sig-v' }));
  assert.deepEqual(r.reached(), ['ana']);
  const body = JSON.parse(r.receiver.requests[0]?.body ?? '{}') as { data?: { drill?: boolean } };
  assert.equal(body.data?.drill, true);
});

test('writeAlertingFile keeps the permissions of the file it replaces, follows a symbolic link and names the path on failure', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-alert-write-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const fresh = join(dir, 'fresh.yaml');
  writeAlertingFile(fresh, 'a: 1\n');
  assert.equal(statSync(fresh).mode & 0o777, 0o600, 'a new file is owner-only (it holds secrets)');
  assert.equal(existsSync(`${fresh}.previous`), false);

  const real = join(dir, 'real.yaml');
  writeFileSync(real, 'v: 1\n');
  chmodSync(real, 0o640);
  const link = join(dir, 'link.yaml');
  symlinkSync(real, link);
  writeAlertingFile(link, 'v: 2\n');
  assert.ok(lstatSync(link).isSymbolicLink(), 'the link stays a link');
  assert.equal(readFileSync(real, 'utf8'), 'v: 2\n');
  assert.equal(readFileSync(`${real}.previous`, 'utf8'), 'v: 1\n');
  assert.equal(statSync(real).mode & 0o777, 0o640);

  assert.throws(() => writeAlertingFile(join(dir, 'no-such-dir', 'a.yaml'), 'a: 1\n'), /cannot write the alerting file .*no-such-dir\/a\.yaml \(ENOENT\)/);
  assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.tmp')), []);
});
