/** The alerting file: a good one loads and round-trips; every kind of mistake is named by file:line:column and field. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AlertingConfigError, dumpAlertingFile, parseAlertingFile, readAlertingFile } from './config-file.ts';
import { alertingFileYaml } from './test-alerting-file.ts';

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
