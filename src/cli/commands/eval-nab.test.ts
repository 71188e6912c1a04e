import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { flat, rowTime, scoresWith, writeNabFixture } from '../../detect/nab/test-fixture.ts';
import { cliEnv, runCli } from '../run-cli.ts';

// `vigie eval nab` as a child process on a tiny NAB-layout directory.

const dir = writeNabFixture({
  files: {
    'cat/a.csv': { values: flat(60).map((v, i) => (i >= 30 && i < 34 ? 200 : v + (i % 3))), windows: [[30, 39]] },
    'other/b.csv': { values: flat(80), windows: [[40, 49], [60, 69]] },
  },
  results: {
    perfect: { 'cat/a.csv': scoresWith(60, { 30: 1 }), 'other/b.csv': scoresWith(80, { 40: 1, 60: 1 }) },
    late: { 'cat/a.csv': scoresWith(60, { 35: 0.9 }), 'other/b.csv': scoresWith(80, { 45: 0.9 }) },
  },
  gzip: true,
});
after(() => rmSync(dir, { recursive: true, force: true }));
const env = cliEnv(join(dir, 'vigie-data'));
const run = (...args: string[]) => runCli(['eval', 'nab', ...args], { cwd: dir, env });

test('--json prints one object with the files, windows and every detector; --out writes Vigie scores', async () => {
  const out = join(dir, 'out');
  const r = await run('--data', dir, '--json', '--out', out);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines.length, 1);
  const json = JSON.parse(lines[0] as string);
  assert.deepEqual(Object.keys(json).slice(0, 3), ['files', 'windows', 'detectors']);
  assert.equal(json.files, 2);
  assert.equal(json.windows, 3);
  assert.deepEqual(Object.keys(json.detectors), ['vigie', 'late', 'perfect']);
  for (const scores of Object.values(json.detectors)) {
    assert.deepEqual(Object.keys(scores as object), ['standard', 'reward_low_FP_rate', 'reward_low_FN_rate']);
  }
  assert.deepEqual(json.detectors.perfect, { standard: 100, reward_low_FP_rate: 100, reward_low_FN_rate: 100 });
  // "late" finds 2 of 3 windows, half-way in: 2 × S(−0.5) / S(−1) − 1 raw.
  const raw = (2 * Math.tanh(1.25)) / Math.tanh(2.5) - 1;
  assert.ok(Math.abs(json.detectors.late.standard - (100 * (raw + 3)) / 6) < 1e-9);
  assert.equal(json.thresholds.late.standard, 0.9);

  const written = readFileSync(join(out, 'results', 'vigie', 'other', 'vigie_b.csv'), 'utf8').trim().split('\n');
  assert.equal(written[0], 'timestamp,value,anomaly_score');
  assert.equal(written.length, 81);
  assert.match(written[1] as string, new RegExp(`^${rowTime(0)},10,(0|1|0\\.\\d+|\\d\\.\\d+e-\\d+)$`));
  assert.equal(readFileSync(join(out, 'results', 'vigie', 'cat', 'vigie_a.csv'), 'utf8').trim().split('\n').length, 61);
});

test('the table is sorted by the standard score; --detector-only scores Vigie alone', async () => {
  const r = await run('--data', dir);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /NAB: 2 files, 3 windows \(cat, other\)/);
  assert.match(r.stdout, /detector\s+standard\s+low FP\s+low FN/);
  const order = [...r.stdout.matchAll(/^(perfect|late|vigie \*)\s/gm)].map((m) => m[1]);
  assert.equal(order[0], 'perfect');
  assert.equal(order.length, 3);
  const only = await run('--data', dir, '--json', '--detector-only');
  assert.equal(only.code, 0, only.stderr);
  assert.deepEqual(Object.keys(JSON.parse(only.stdout).detectors), ['vigie']);
});

test('a missing directory, no data files or no labels: a user error, exit code 2', async () => {
  const missing = await run('--data', join(dir, 'nowhere'));
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /^vigie: .*nowhere: no such directory/);
  const noData = await run('--data', join(dir, 'results'));
  assert.equal(noData.code, 2);
  assert.match(noData.stderr, /no data\/ directory/);
  const unlabelled = writeNabFixture({ files: { 'cat/a.csv': { values: flat(20), windows: [] } } });
  rmSync(join(unlabelled, 'labels'), { recursive: true });
  const noLabels = await run('--data', unlabelled);
  rmSync(unlabelled, { recursive: true });
  assert.equal(noLabels.code, 2);
  assert.match(noLabels.stderr, /labels\/combined_windows\.json: missing \(the labelled windows/);
  const usage = await run();
  assert.equal(usage.code, 1);
  assert.match(usage.stderr, /required option '--data <dir>'/);
  const help = await runCli(['eval', 'nab', '--help'], { cwd: dir, env });
  assert.equal(help.code, 0);
  assert.match(help.stdout, /Usage: vigie eval nab/);
});
