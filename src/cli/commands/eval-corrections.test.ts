import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { SimulationReport } from '../../understand/sentiment/adapter/simulate.ts';
import { cliEnv, runCli } from '../run-cli.ts';

// The real `vigie eval corrections` as a child process, on a CSV written here: two invented brands
// whose customers use words no base model knows ("zorbled", "glimmo"), which the adapter learns.

let dir: string;
let env: NodeJS.ProcessEnv;
let csv: string;
const run = (...args: string[]) => runCli(args, { cwd: dir, env });
const SANDERS = '/work/shared/data/sentiment/sanders-brands/full-corpus.csv';

const WORDS = { 0: ['zorbled', 'quibbed again', 'flanked my parcel'], 1: ['when is the next plonk', 'which counter for the frabble'], 2: ['glimmo service', 'so frinky today'] } as const;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'vigie-cli-eval-corrections-'));
  env = cliEnv(join(dir, 'data'));
  const lines = ['id,who,message,polarity'];
  for (let i = 0; i < 240; i++) {
    const label = (i % 5 < 3 ? 0 : i % 5 === 3 ? 1 : 2) as 0 | 1 | 2;
    const words = WORDS[label][i % WORDS[label].length]!;
    const brand = i % 4 === 0 ? 'Aube Rail' : 'Lune Air';
    const labelText = i % 3 === 0 ? String(label) : ['Negative', 'neutral', 'POSITIVE'][label]!;
    lines.push(`${i},${brand},"${brand}: ${words}, ticket ${i}",${labelText}`);
  }
  lines.push('999,Lune Air,"nothing to do with it",irrelevant');
  csv = join(dir, 'labelled.csv');
  writeFileSync(csv, `${lines.join('\n')}\n`);
});
after(() => rmSync(dir, { recursive: true, force: true }));

const args = (...more: string[]): string[] =>
  ['eval', 'corrections', '--csv', csv, '--text-col', 'message', '--label-col', 'polarity', '--brand-col', 'who', '--drop-label', 'irrelevant', ...more];

test('eval corrections reports base and adapted scores per brand, overall and along the learning curve', async () => {
  const json = await run(...args('--json', '--seed', '3'));
  assert.equal(json.code, 0, json.stderr);
  const r = JSON.parse(json.stdout) as SimulationReport & { rows: number; dropped: Record<string, number> };
  assert.equal(r.rows, 240);
  assert.deepEqual(r.dropped, { irrelevant: 1 });
  assert.deepEqual(r.brands.map((b) => [b.brand, b.rows, b.corrections, b.base.n]), [['Aube Rail', 60, 30, 30], ['Lune Air', 180, 90, 90]]);
  const air = r.brands[1]!;
  assert.ok(air.adapted.accuracy >= 0.9, `adapted accuracy ${air.adapted.accuracy}`);
  assert.ok(air.gain.accuracy > 0.2, `gain ${air.gain.accuracy}`);
  assert.deepEqual(r.curve.map((p) => [p.corrections, p.brands]), [[10, 2], [25, 2], [50, 1]]);
  assert.equal(r.seed, 3);

  const text = await run(...args());
  assert.equal(text.code, 0, text.stderr);
  for (const expected of [
    `Corrections simulated on ${csv}: 240 rows (dropped 1 "irrelevant"), 2 brands`,
    "each brand's first 50.0% of rows (seed 1) are its corrections",
    'Learning curve: gain on the held-back rows after k corrections',
  ]) assert.ok(text.stdout.includes(expected), `missing ${JSON.stringify(expected)} in:\n${text.stdout}`);
  assert.match(text.stdout, /^brand\s+rows\s+corrections\s+held back\s+base acc\s+adapted acc\s+gain\s+base F1\s+adapted F1\s+gain$/m);
  assert.match(text.stdout, /^Lune Air\s+180\s+90\s+90\s+\d+\.\d%\s+\d+\.\d%\s+\+\d+\.\d/m);
  assert.match(text.stdout, /^overall\s+240\s+120\s+120\s/m);
  assert.match(text.stdout, /^50\s+1\s+90\s/m);
});

test('eval corrections refuses bad options and bad files, naming them', async () => {
  const ragged = join(dir, 'ragged.csv');
  writeFileSync(ragged, 'who,message,polarity\nLune Air,ok,meh\n');
  const cases: [string[], RegExp][] = [
    [args('--train-share', '1'), /--train-share: expected a number between 0 and 1 \(exclusive\), got "1"/],
    [args('--seed', '-1'), /--seed: expected an integer/],
    [args('--lang', 'xx'), /--lang: the base model .* supports .*, not "xx"/],
    [['eval', 'corrections', '--csv', csv, '--text-col', 'text', '--label-col', 'polarity', '--brand-col', 'who'], /no column "text" \(--text-col\); the header has: "id", "who", "message", "polarity"/],
    [['eval', 'corrections', '--csv', csv, '--text-col', 'message', '--label-col', 'polarity', '--brand-col', 'who'], /labelled\.csv:242: column "polarity": unknown label "irrelevant".*--drop-label "irrelevant"/],
    [['eval', 'corrections', '--csv', ragged, '--text-col', 'message', '--label-col', 'polarity', '--brand-col', 'who'], /ragged\.csv:2: column "polarity": unknown label "meh"/],
    [['eval', 'corrections', '--csv', join(dir, 'absent.csv'), '--text-col', 'm', '--label-col', 'p', '--brand-col', 'w'], /cannot read .*absent\.csv/],
  ];
  for (const [a, message] of cases) {
    const r = await run(...a);
    assert.equal(r.code, 2, `${a.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message, a.join(' '));
  }
  const missing = await run('eval', 'corrections', '--csv', csv);
  assert.notEqual(missing.code, 0);
  assert.match(missing.stderr, /required option '--text-col <column>' not specified/);
});

test('on the Sanders brand corpus the adapter gains accuracy (skipped without /work/shared)', { skip: existsSync(SANDERS) ? undefined : `${SANDERS} is absent` }, async () => {
  const r = await run('eval', 'corrections', '--csv', SANDERS, '--text-col', 'TweetText', '--label-col', 'Sentiment', '--brand-col', 'Topic', '--drop-label', 'irrelevant', '--json');
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout) as SimulationReport;
  assert.deepEqual(report.brands.map((b) => b.brand), ['apple', 'google', 'microsoft', 'twitter']);
  assert.ok(report.overall.gain.accuracy > 0, `gain ${report.overall.gain.accuracy}`);
});
