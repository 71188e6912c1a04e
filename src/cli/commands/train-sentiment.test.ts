import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { writeBrandCorpus, writeDataRoot } from '../../understand/sentiment/test-fixtures.ts';
import { cliEnv, runCli } from '../run-cli.ts';

// The real `vigie train sentiment` on an invented data root in a temp directory.
const dir = mkdtempSync(join(tmpdir(), 'vigie-train-sentiment-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const env = cliEnv(join(dir, 'state'));
const run = (...args: string[]) => runCli(['train', 'sentiment', ...args], { cwd: dir, env });

test('writes the model and its provenance, prints what it read and measured, reproducibly', async () => {
  const root = writeDataRoot(join(dir, 'data'), { leak: 5 });
  const corpus = writeBrandCorpus(join(dir, 'corpus'));
  const r = await run('--data', root, '--corpus', corpus, '--out', join(dir, 'a/m.vsm'), '--seed', '3');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /brands-fr-train\s+96\s/);
  assert.match(r.stdout, /In-domain evaluation/);
  assert.match(r.stdout, /brands-en-eval\s+48\s+\d\.\d{3}/);
  assert.match(r.stdout, /semeval-en-train\s+305\s/);
  assert.match(r.stdout, /5 \(5 in tweeteval-en-val\)/);
  assert.match(r.stdout, /1 mixed/);
  assert.match(r.stdout, /tweeteval-en-val\s+60\s/);
  const provenance = readFileSync(join(dir, 'a/PROVENANCE.md'), 'utf8');
  assert.match(provenance, /vigie train sentiment --data .* --corpus .*corpus .*--seed 3/);
  assert.match(provenance, /## In-domain evaluation/);
  assert.match(provenance, /\| brands-fr-eval \| fr tag, stored \(min confidence 0\.5\) \| \d\.\d{3} \|/);
  assert.match(provenance, /never used for any choice/);
  assert.match(provenance, /CeCILL/);
  assert.match(provenance, /airline/i);
  const j = await run('--data', root, '--corpus', corpus, '--out', join(dir, 'b/m.vsm'), '--seed', '3', '--json');
  assert.equal(j.code, 0, j.stderr);
  const report = JSON.parse(j.stdout.trim().split('\n').at(-1)!);
  assert.equal(report.settings.seed, 3);
  assert.ok(readFileSync(join(dir, 'a/m.vsm')).equals(readFileSync(join(dir, 'b/m.vsm'))), 'byte-identical');
});

test('--cross-validate prints the brand-fold scores of each weight and writes nothing', async () => {
  const root = writeDataRoot(join(dir, 'cv'), { size: 150 });
  const corpus = writeBrandCorpus(join(dir, 'cv-corpus'));
  const r = await run('--data', root, '--corpus', corpus, '--cross-validate', 'fr', '--weights', '0,3', '--out', join(dir, 'cv/m.vsm'));
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /weight\s+folds accuracy\s+folds macro-F1\s+stored accuracy\s+stored macro-F1\s+umsab-fr-val macro-recall/);
  assert.match(r.stdout, /\n0\s+\d\.\d{3}\s+\d\.\d{3}/);
  assert.match(r.stdout, /\n3\s+\d\.\d{3}\s+\d\.\d{3}/);
  assert.ok(!existsSync(join(dir, 'cv/m.vsm')));
  const bad = await run('--data', root, '--corpus', corpus, '--cross-validate', 'de');
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--cross-validate "de": expected en or fr/);
  const weights = await run('--data', root, '--corpus', corpus, '--cross-validate', 'en', '--weights', '1,x');
  assert.equal(weights.code, 2);
  assert.match(weights.stderr, /--weights "1,x": expected non-negative numbers/);
});

test('bad input: file:line and reason, exit code 2, nothing written', async () => {
  const root = writeDataRoot(join(dir, 'bad'));
  const deft = join(root, 'sentiment/deft2017-fr/train.tsv');
  writeFileSync(deft, 'id\tlabel\ttext\n1\tpositive\tbien\n2\tsuper\tbof\n');
  const r = await run('--data', root, '--out', join(dir, 'bad/m.vsm'));
  assert.equal(r.code, 2);
  assert.match(r.stderr, new RegExp(`${deft}:3: label "super" is not one of objective, negative, positive, mixed`));
  assert.ok(!existsSync(join(dir, 'bad/m.vsm')));
  const missing = await run('--data', join(dir, 'nowhere'));
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /nowhere\/sentiment\/semeval-en-train\/train_dedup\.tsv: cannot read .*no such file/);
  const corpus = writeBrandCorpus(join(dir, 'bad-corpus'));
  writeFileSync(join(corpus, 'train-fr.jsonl'), '{"id": "a", "lang": "fr", "text": "ok", "categories": ["none"]}\n');
  const noSentiment = await run('--data', writeDataRoot(join(dir, 'bad2')), '--corpus', corpus, '--out', join(dir, 'bad2/m.vsm'));
  assert.equal(noSentiment.code, 2);
  assert.match(noSentiment.stderr, /train-fr\.jsonl:1: field "sentiment" is missing/);
  assert.ok(!existsSync(join(dir, 'bad2/m.vsm')));
  const seed = await run('--data', root, '--seed', 'abc');
  assert.equal(seed.code, 2);
  assert.match(seed.stderr, /--seed "abc": expected an integer/);
});
