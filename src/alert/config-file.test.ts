/** The alerting file: a good one loads and round-trips; every kind of mistake is named by file:line:column and field. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AlertingConfigError, checkAlertingText, describeAlertingSummary, dumpAlertingFile, parseAlertingFile, readAlertingFile, summarizeAlertingFile,
} from './config-file.ts';
import { alertingFileYaml, TEST_WEBHOOK_SECRET } from './test-alerting-file.ts';

const GOOD = alertingFileYaml('http://127.0.0.1:9/hook');

function problemsOf(text: string): string[] {
  try {
    parseAlertingFile(text, 'alerting.yaml');
  } catch (e) {
    assert.ok(e instanceof AlertingConfigError, String(e));
    return [...e.problems];
  }
  assert.fail('expected the file to be refused');
}

test('a good file gives the engine configuration and the drill targets', () => {
  const f = parseAlertingFile(GOOD, 'alerting.yaml');
  assert.deepEqual(f.config.users.map((u) => u.id), ['ana', 'ben']);
  assert.equal(f.config.schedules[0]?.id, 'primary');
  assert.equal(f.config.channels['crisis-room']?.id, 'crisis-room');
  assert.equal(f.config.channels['crisis-room']?.channel, 'webhook');
  assert.equal(f.config.alerting.policies[0]?.id, 'standard');
  assert.equal(f.config.options.windowMinutes, 60);
  assert.equal(f.config.lang, 'en');
  assert.deepEqual(f.drillTargets, ['ben-hook']);
});

test('the export reads back equal', () => {
  const f = parseAlertingFile(GOOD, 'alerting.yaml');
  const again = parseAlertingFile(dumpAlertingFile(f), 'export.yaml');
  assert.deepEqual(again, f);
});

test('an empty file is an empty configuration only if routing is given; a bare file says what is missing', () => {
  const p = problemsOf('users: []\n');
  assert.ok(p.some((l) => /^alerting\.yaml:\d+:\d+: routing/.test(l)), p.join('\n'));
});

test('mistakes in users, schedules, channels, policies, options and drill targets are all named with their line', () => {
  const bad = GOOD
    .replace('timeZone: Europe/London', 'timeZone: Mars/Olympus')
    .replace('participants: [ana, ben]', 'participants: [ana, zoe]')
    .replace('targets: [{ schedule: primary }]', 'targets: [{ schedule: secondary }]')
    .replace('windowMinutes: 60', 'windowMinutes: 0')
    .replace('drillTargets: [ben-hook]', 'drillTargets: [nobody]')
    .replace('\nlang: en\n', '\nlang: de\nextra: 1\n');
  const p = problemsOf(bad);
  const lines = bad.split('\n');
  const lineOf = (needle: string): number => lines.findIndex((l) => l.includes(needle)) + 1;
  const expect = (field: RegExp, needle: string): void => {
    const hit = p.find((l) => field.test(l));
    assert.ok(hit, `no problem matching ${field} in:\n${p.join('\n')}`);
    assert.ok(hit.startsWith(`alerting.yaml:${lineOf(needle)}:`), `${hit} should point at line ${lineOf(needle)}`);
  };
  expect(/users\[1\]\.timeZone: /, 'Mars/Olympus');
  expect(/schedules\[0\]\.layers\[0\]\.participants\[1\]: unknown user "zoe"/, 'participants: [ana, zoe]');
  expect(/policies\[0\]\.steps\[0\]\.targets\[0\]/, 'schedule: secondary');
  expect(/options\.windowMinutes: /, 'windowMinutes: 0');
  expect(/drillTargets\[0\]: unknown contact "nobody"/, 'drillTargets');
  expect(/lang: must be en or fr/, 'lang: de');
  expect(/extra: unknown top-level key/, 'extra: 1');
  // Sorted by position.
  const nums = p.map((l) => Number(/:(\d+):/.exec(l)?.[1]));
  assert.deepEqual(nums, [...nums].sort((a, b) => a - b));
});

test('a bad shared channel and a YAML syntax error are named', () => {
  const p = problemsOf(GOOD.replace('channel: webhook\n    target: { url', 'channel: pigeon\n    target: { url'));
  assert.ok(p.some((l) => /channels\.crisis-room\.channel: /.test(l)), p.join('\n'));
  const s = problemsOf('users: [\n');
  assert.match(s[0] ?? '', /^alerting\.yaml:\d+:\d+: YAML syntax error/);
});

test('readAlertingFile reads a file and names a missing one', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-alerting-file-'));
  try {
    const path = join(dir, 'alerting.yaml');
    writeFileSync(path, GOOD);
    assert.equal(readAlertingFile(path).config.users.length, 2);
    assert.throws(() => readAlertingFile(join(dir, 'missing.yaml')), /missing\.yaml: cannot read the alerting file \(no such file\)/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** The four mistakes the API and CLI must refuse with their line: YAML syntax, unknown user in a policy, a cycle, an empty rotation. */
const MISTAKES = {
  syntax: { text: GOOD.replace('name: Standard', 'name: Standard: Plus'), needle: 'Standard: Plus', path: null, message: /YAML syntax error/ },
  unknownUser: { text: GOOD.replace('targets: [{ schedule: primary }]', 'targets: [{ user: zoe }]'), needle: 'user: zoe', path: 'policies[0].steps[0].targets[0].user', message: /unknown user "zoe"/ },
  cycle: {
    text: GOOD.replace('      - kind: wait\n        minutes: 10\n', '      - kind: repeat\n        fromStep: 2\n        times: 2\n'),
    needle: 'fromStep: 2', path: 'policies[0].steps[1].fromStep', message: /cycle/,
  },
  emptyRotation: { text: GOOD.replace('participants: [ana, ben]', 'participants: []'), needle: 'participants: []', path: 'schedules[0].layers[0].participants', message: /empty rotation/ },
};

test('checkAlertingText gives each problem its line, column and field without throwing', () => {
  for (const [name, m] of Object.entries(MISTAKES)) {
    assert.notEqual(m.text, GOOD, `${name}: the variant changes the file`);
    const r = checkAlertingText(m.text, 'alerting.yaml');
    assert.equal(r.ok, false, name);
    if (r.ok) continue;
    const line = m.text.split('\n').findIndex((l) => l.includes(m.needle)) + 1;
    const p = r.problems[0]!;
    assert.equal(p.line, line, `${name}: ${p.text}`);
    assert.ok(typeof p.column === 'number' && p.column >= 1, name);
    assert.equal(p.path, m.path, name);
    assert.match(p.message, m.message, name);
    assert.equal(p.text, `alerting.yaml:${line}:${p.column}: ${m.path === null ? '' : `${m.path}: `}${p.message}`);
  }
  const ok = checkAlertingText(GOOD, 'alerting.yaml');
  assert.ok(ok.ok);
  assert.equal(ok.text, GOOD, 'a text without masked secrets is stored as it was written (comments kept)');
  let bomb = 'a: &a [x, x, x, x, x, x, x, x, x, x]\n';
  for (let i = 0, prev = 'a'; i < 8; prev = `b${i}`, i++) bomb += `b${i}: &b${i} [${Array(9).fill(`*${prev}`).join(', ')}]\n`;
  const aliases = checkAlertingText(bomb, 'alerting.yaml');
  assert.ok(!aliases.ok, 'an alias bomb is refused, not expanded');
  assert.match(aliases.problems[0]?.text ?? '', /^alerting\.yaml: YAML error: Excessive alias count/);
  const empty = checkAlertingText('', 'alerting.yaml');
  assert.ok(!empty.ok);
  assert.match(empty.problems[0]?.text ?? '', /^alerting\.yaml:1:1: the file must be a mapping .*\(got an empty file\)$/);
});

test('a masked export shows no secret, and checking it against the configuration in force puts them back', () => {
  const withSlack = GOOD.replace(
    'channels:\n',
    'channels:\n  slack-room:\n    channel: slack\n    target: { url: "https://hooks.slack.com/services/T000/B000/XXXXSECRET" }\n',
  );
  const f = parseAlertingFile(withSlack, 'alerting.yaml');
  const masked = dumpAlertingFile(f, { maskSecrets: true });
  assert.ok(!masked.includes('whsec_'), 'webhook secrets are masked');
  assert.ok(!masked.includes('XXXXSECRET'), 'the secret path of a Slack URL is masked');
  assert.match(masked, /https:\/\/hooks\.slack\.com\/\*\*\*/);
  assert.match(masked, /\?to=ana/, 'a webhook URL is kept (its secret is apart)');

  const back = checkAlertingText(masked, 'edited.yaml', { keepSecretsFrom: f });
  assert.ok(back.ok, back.ok ? '' : back.problems.map((p) => p.text).join('\n'));
  assert.deepEqual(back.file, f);
  assert.ok(back.text.includes(TEST_WEBHOOK_SECRET) && back.text.includes('XXXXSECRET'), 'the text to store carries the real secrets');
  assert.deepEqual(parseAlertingFile(back.text, 'stored.yaml'), f);

  // Without the configuration in force, each masked field is one problem, at its line.
  const alone = checkAlertingText(masked, 'edited.yaml');
  assert.ok(!alone.ok);
  assert.equal(alone.problems.length, 4, alone.problems.map((p) => p.text).join('\n'));
  for (const p of alone.problems) {
    assert.match(p.message, /is masked \(\*\*\*\): write the real value/);
    assert.match(masked.split('\n')[(p.line ?? 0) - 1] ?? '', /\*\*\*/, p.text);
  }
  // A masked secret of a contact the configuration in force does not have (renamed) cannot be kept.
  const renamed = checkAlertingText(masked.replace('id: ana-hook', 'id: ana-hook2').replaceAll('notify: ana-hook', 'notify: ana-hook2'), 'edited.yaml', { keepSecretsFrom: f });
  assert.ok(!renamed.ok);
  assert.deepEqual(renamed.problems.map((p) => p.path), ['users[0].contacts[0].target.secret']);
  assert.match(renamed.problems[0]?.message ?? '', /no contact "ana-hook2" of user "ana"/);
});

test('summaries count what a file holds', () => {
  const s = summarizeAlertingFile(parseAlertingFile(GOOD, 'alerting.yaml'));
  assert.deepEqual(s, { users: 2, schedules: 1, channels: 1, teams: 1, policies: 1, routes: 0 });
  assert.equal(describeAlertingSummary(s), '2 user(s), 1 schedule(s), 1 channel(s), 1 team(s), 1 policy, 0 route(s)');
});
