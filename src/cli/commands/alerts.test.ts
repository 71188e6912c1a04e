/**
 * The real `vigie alerts|dead-letters|alerting|notify|oncall` commands as child processes, on a SQLite
 * file seeded by the real escalation engine, with a real local webhook receiver.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { parseAlertingFile } from '../../alert/config-file.ts';
import { verifyWebhook } from '../../alert/channels/webhook/standard-webhooks.ts';
import { reply, startReceiver, type TestReceiver } from '../../alert/channels/webhook/test-receiver.ts';
import { setupAlerting } from '../../alert/setup.ts';
import { alertingFileYaml, TEST_WEBHOOK_SECRET } from '../../alert/test-alerting-file.ts';
import { DEFAULT_WORKSPACE } from '../../domain/ids.ts';
import { SqliteStore } from '../../store/sqlite/sqlite-store.ts';
import { cliEnv, runCli } from '../run-cli.ts';

const WS = DEFAULT_WORKSPACE;
const ACK_SECRET = 'a-cli-test-ack-secret-0123456789';
let dir: string;
let env: NodeJS.ProcessEnv;
let receiver: TestReceiver;
let alertId: string;
const run = (...args: string[]) => runCli(['--config', join(dir, 'vigie.yaml'), ...args], { cwd: dir, env });

before(async () => {
  receiver = await startReceiver((_req, res) => reply(res, 200, 'ok'));
  dir = mkdtempSync(join(tmpdir(), 'vigie-cli-alerts-'));
  const data = join(dir, 'data');
  mkdirSync(data);
  env = cliEnv(data, { VIGIE_ACK_SECRET: ACK_SECRET });
  writeFileSync(join(dir, 'alerting.yaml'), alertingFileYaml(`${receiver.url}/hook`));
  writeFileSync(join(dir, 'vigie.yaml'), 'alerting:\n  enabled: true\n  file: alerting.yaml\n  baseUrl: https://vigie.example\n');
  const store = new SqliteStore(join(data, 'vigie.db'));
  await store.migrate();
  await store.upsertWorkspace({ id: WS, name: 'Default', createdAt: 0 });
  await store.createBrand(WS, { id: 'lumen', name: 'Lumen Coffee' }, 0);
  const settings = { enabled: true, file: join(dir, 'alerting.yaml'), baseUrl: 'https://vigie.example', ackSecret: ACK_SECRET, intervalMs: 1000,
    smtp: { host: null, port: 587, secure: false, user: null, password: null, from: null },
    sms: { baseUrl: 'https://api.twilio.com', accountSid: null, authToken: null, from: null } };
  const a = await setupAlerting({ store, workspaceId: WS, settings });
  const now = Date.now();
  const applied = await a.engine.onSignal({
    id: 'sig-1', workspaceId: WS, brandId: 'lumen', kind: 'negative_volume', status: 'open', startedAt: now, updatedAt: now, endedAt: null,
    bucketMs: 60_000, score: 0.9, severity: 'SEV2', factors: [], observed: 40, expected: 5, summary: 'Negative mentions 8× the usual level', evidence: null, drill: false,
  });
  alertId = applied.alert.id;
  a.close();
  await store.close();
});
after(async () => {
  await receiver.close();
  rmSync(dir, { recursive: true, force: true });
});

test('alerting check accepts a good file and names each problem of a bad one by file:line', async () => {
  const good = await run('alerting', 'check', 'alerting.yaml');
  assert.equal(good.code, 0, good.stderr);
  assert.match(good.stdout, /alerting\.yaml: OK — 2 user\(s\), 1 schedule\(s\), 1 channel\(s\), 1 team\(s\), 1 policy, 0 route\(s\)/);
  writeFileSync(join(dir, 'bad.yaml'), alertingFileYaml('http://127.0.0.1:9/h').replace('participants: [ana, ben]', 'participants: [ana, zoe]'));
  const bad = await run('alerting', 'check', 'bad.yaml');
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /bad\.yaml is not valid:\n {2}bad\.yaml:\d+:\d+: schedules\[0\]\.layers\[0\]\.participants\[1\]: unknown user "zoe"/);
});

test('alerting export prints the configured file, which reads back equal', async () => {
  const out = await run('alerting', 'export');
  assert.equal(out.code, 0, out.stderr);
  const original = parseAlertingFile(alertingFileYaml(`${receiver.url}/hook`), 'a.yaml');
  assert.deepEqual(parseAlertingFile(out.stdout, 'export.yaml'), original);
});

test('alerts list, show, ack (twice) and resolve', async () => {
  const list = await run('alerts', 'list', '--json');
  assert.equal(list.code, 0, list.stderr);
  assert.deepEqual((JSON.parse(list.stdout) as { alerts: { id: string }[] }).alerts.map((a) => a.id), [alertId]);
  const table = await run('alerts', 'list', '--status', 'new');
  assert.match(table.stdout, new RegExp(`lumen\\s+negative_volume\\s+SEV2\\s+new\\s+${alertId}`));
  const badStatus = await run('alerts', 'list', '--status', 'asleep');
  assert.equal(badStatus.code, 2);
  assert.match(badStatus.stderr, /--status: expected one of new, acknowledged, resolved, silenced/);

  const ack = await run('alerts', 'ack', alertId, '--by', 'ana');
  assert.equal(ack.code, 0, ack.stderr);
  assert.match(ack.stdout, /acknowledged: now acknowledged/);
  const again = await run('alerts', 'ack', alertId, '--by', 'ana');
  assert.equal(again.code, 2);
  assert.match(again.stderr, /cannot acknowledge/);
  const show = await run('alerts', 'show', alertId);
  assert.match(show.stdout, /acknowledged by ana/);
  assert.match(show.stdout, /escalation: policy standard, step 0, stopped \(acknowledged by ana/);
  const resolved = await run('alerts', 'resolve', alertId, '--note', 'answered', '--false-alarm', '--json');
  assert.equal(resolved.code, 0, resolved.stderr);
  const r = JSON.parse(resolved.stdout) as { status: string; falseAlarm: boolean };
  assert.deepEqual([r.status, r.falseAlarm], ['resolved', true]);
  const missing = await run('alerts', 'show', 'nope');
  assert.equal(missing.code, 3);
  const deadList = await run('dead-letters', 'list');
  assert.equal(deadList.code, 0, deadList.stderr);
  assert.match(deadList.stdout, /dead-letter list is empty/);
});

test('notify test sends a signed test page through the webhook channel and prints the result', async () => {
  receiver.requests.length = 0;
  const out = await run('notify', 'test', 'webhook', '--to', `${receiver.url}/test`, '--secret', TEST_WEBHOOK_SECRET, '--json');
  assert.equal(out.code, 0, out.stderr);
  assert.deepEqual(JSON.parse(out.stdout), { ok: true, status: 200 });
  assert.equal(receiver.requests.length, 1);
  const req = receiver.requests[0]!;
  assert.ok(verifyWebhook(TEST_WEBHOOK_SECRET, req.headers, req.body).ok);
  assert.match((JSON.parse(req.body) as { data: { title: string } }).data.title, /^TEST/);
  const badTarget = await run('notify', 'test', 'sms', '--to', '0612');
  assert.equal(badTarget.code, 2);
  assert.match(badTarget.stderr, /--to: .*E\.164/);
  const noSmtp = await run('notify', 'test', 'email', '--to', 'ana@example.com');
  assert.equal(noSmtp.code, 1);
  assert.match(noSmtp.stdout, /NOT sent by email.*no email channel is configured/);
});

test('alerting import replaces the configured file with a .previous backup, and refuses each kind of mistake by file:line without touching it', async () => {
  const sub = join(dir, 'import');
  mkdirSync(sub);
  const good = alertingFileYaml(`${receiver.url}/hook`);
  writeFileSync(join(sub, 'alerting.yaml'), good);
  writeFileSync(join(sub, 'vigie.yaml'), 'alerting:\n  enabled: true\n  file: alerting.yaml\n  baseUrl: https://vigie.example\n');
  const imp = (...args: string[]) => runCli(['--config', join(sub, 'vigie.yaml'), ...args], { cwd: sub, env });
  const lineOf = (text: string, needle: string): number => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

  const mistakes: [string, string, string, RegExp][] = [
    ['syntax.yaml', good.replace('name: Standard', 'name: Standard: Plus'), 'Standard: Plus', /YAML syntax error/],
    ['user.yaml', good.replace('targets: [{ schedule: primary }]', 'targets: [{ user: zoe }]'), 'user: zoe', /policies\[0\]\.steps\[0\]\.targets\[0\]\.user: unknown user "zoe"/],
    ['cycle.yaml', good.replace('      - kind: wait\n        minutes: 10\n', '      - kind: repeat\n        fromStep: 2\n        times: 2\n'), 'fromStep: 2', /policies\[0\]\.steps\[1\]\.fromStep: .*cycle/],
    ['empty.yaml', good.replace('participants: [ana, ben]', 'participants: []'), 'participants: []', /schedules\[0\]\.layers\[0\]\.participants: an empty rotation/],
  ];
  for (const [name, text, needle, message] of mistakes) {
    writeFileSync(join(sub, name), text);
    const out = await imp('alerting', 'import', name);
    assert.equal(out.code, 2, `${name}: ${out.stdout}${out.stderr}`);
    assert.match(out.stderr, new RegExp(`${name.replace('.', '\\.')} is not valid; alerting\\.yaml was not changed:\\n {2}${name.replace('.', '\\.')}:${lineOf(text, needle)}:\\d+: `));
    assert.match(out.stderr, message);
    assert.equal(readFileSync(join(sub, 'alerting.yaml'), 'utf8'), good, `${name}: the configured file is untouched`);
    assert.equal(existsSync(join(sub, 'alerting.yaml.previous')), false);
  }

  const next = good.replace('minutes: 10', 'minutes: 20');
  writeFileSync(join(sub, 'next.yaml'), next);
  const ok = await imp('alerting', 'import', 'next.yaml');
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /next\.yaml: OK — 2 user\(s\), 1 schedule\(s\), 1 channel\(s\), 1 team\(s\), 1 policy, 0 route\(s\)\./);
  assert.match(ok.stdout, /Written to alerting\.yaml \(the previous one kept as alerting\.yaml\.previous\)/);
  assert.match(ok.stdout, /SIGHUP.*PUT \/api\/alerting\/config/);
  assert.equal(readFileSync(join(sub, 'alerting.yaml'), 'utf8'), next);
  assert.equal(readFileSync(join(sub, 'alerting.yaml.previous'), 'utf8'), good);
  const missing = await imp('alerting', 'import', 'nope.yaml');
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /nope\.yaml: cannot read the alerting file \(no such file\)/);
});

test('oncall prints who is on call and the shifts in the schedule\'s time zone; --json gives the API format', async () => {
  const out = await run('oncall', 'primary', '--at', '2024-05-06T08:00', '--days', '8');
  assert.equal(out.code, 0, out.stderr);
  assert.match(out.stdout, /^Schedule primary \(Primary\), times in Europe\/Paris\n/);
  assert.match(out.stdout, /On call at 2024-05-06 08:00 \+02:00: Ana Martin \(ana\), layer weekly/);
  assert.match(out.stdout, /2024-05-06 08:00 \+02:00\s+2024-05-06 09:00 \+02:00\s+Ana Martin \(ana\)\s+weekly/);
  assert.match(out.stdout, /2024-05-06 09:00 \+02:00\s+2024-05-13 09:00 \+02:00\s+Ben Okafor \(ben\)\s+weekly/);
  assert.match(out.stdout, /2024-05-13 09:00 \+02:00\s+2024-05-14 08:00 \+02:00\s+Ana Martin \(ana\)\s+weekly/);
  const json = await run('oncall', 'primary', '--at', '2024-05-06T06:00:00Z', '--days', '1', '--json');
  assert.equal(json.code, 0, json.stderr);
  const view = JSON.parse(json.stdout) as { atLocal: string; onCall: { user: string }; shifts: { user: string }[] };
  assert.equal(view.atLocal, '2024-05-06T08:00+02:00');
  assert.equal(view.onCall.user, 'ana');
  assert.deepEqual(view.shifts.map((s) => s.user), ['ana', 'ben']);
  const unknown = await run('oncall', 'secondary');
  assert.equal(unknown.code, 3);
  assert.match(unknown.stderr, /no on-call schedule "secondary" in alerting\.yaml \(known: primary\)/);
  const badAt = await run('oncall', 'primary', '--at', 'tomorrow');
  assert.equal(badAt.code, 2);
  assert.match(badAt.stderr, /--at: expected a local date-time in Europe\/Paris/);
  const badDays = await run('oncall', 'primary', '--days', '40');
  assert.equal(badDays.code, 2);
  assert.match(badDays.stderr, /--days/);
});
