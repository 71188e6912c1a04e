import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { writeFixtureCorpus } from '../../understand/categories/test-fixture.ts';
import { cliEnv, runCli } from '../run-cli.ts';

// `vigie train categories` as a child process on a small corpus written by the test.

const dir = writeFixtureCorpus();
after(() => rmSync(dir, { recursive: true, force: true }));
const env = cliEnv(join(dir, 'vigie-data'));
const run = (...args: string[]) => runCli(['train', 'categories', ...args], { cwd: dir, env });

test('trains on train-*.jsonl only, writes the model with its provenance, same seed → same file', async () => {
  const out = join(dir, 'models', 'a.json');
  const r = await run('--data', dir, '--out', out, '--json');
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout);
  assert.equal(report.out, out);
  assert.equal(report.mentions, 208);
  assert.deepEqual(report.byLanguage, { en: 104, fr: 104 });
  assert.ok(report.crossValidation.macro.f1 > 0.8);
  assert.deepEqual(Object.keys(report.crossValidationByLanguage), ['en', 'fr']);
  const model = JSON.parse(readFileSync(out, 'utf8'));
  assert.equal(model.format, 'vigie-categories');
  assert.deepEqual(model.training.corpora.map((c: { file: string }) => c.file), ['train-en.jsonl', 'train-fr.jsonl']);
  assert.equal(model.training.seed, 20260321);
  assert.match(model.training.corpora[0].sha256, /^[0-9a-f]{64}$/);
  const again = join(dir, 'models', 'b.json');
  assert.equal((await run('--data', dir, '--out', again, '--json')).code, 0);
  assert.equal(readFileSync(again, 'utf8'), readFileSync(out, 'utf8'));
});

test('the text report shows the cross-validated table and where the model went', async () => {
  const out = join(dir, 'text.json');
  const r = await run('--data', dir, '--out', out, '--seed', '7', '--folds', '4');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /Training on 208 mentions from train-en\.jsonl, train-fr\.jsonl; 4-fold cross-validation, seed 7:/);
  assert.match(r.stdout, /category\s+support\s+precision\s+recall\s+F1\s+threshold/);
  assert.match(r.stdout, /boycott\s+16\s/);
  assert.match(r.stdout, /Wrote .*text\.json \(\d+ KiB\)/);
});

test('bad input: a corpus error names file:line, a missing folder and bad options are explained', async () => {
  const bad = join(dir, 'bad');
  const { mkdirSync } = await import('node:fs');
  mkdirSync(bad);
  writeFileSync(join(bad, 'train-en.jsonl'), `${JSON.stringify({ id: '1', lang: 'en', text: 'x', categories: ['pricing', 'none'] })}\n`);
  const r1 = await run('--data', bad, '--out', join(bad, 'm.json'));
  assert.equal(r1.code, 2);
  assert.match(r1.stderr, /train-en\.jsonl:1: field "categories": "none" cannot be mixed/);
  const r2 = await run('--data', join(dir, 'nope'));
  assert.equal(r2.code, 2);
  assert.match(r2.stderr, /--data .*nope: cannot read the folder/);
  const r3 = await run('--data', join(dir, 'models'));
  assert.equal(r3.code, 2);
  assert.match(r3.stderr, /no train-\*\.jsonl file/);
  const r4 = await run('--data', dir, '--seed', 'abc');
  assert.equal(r4.code, 2);
  assert.match(r4.stderr, /--seed: expected an integer/);
});
