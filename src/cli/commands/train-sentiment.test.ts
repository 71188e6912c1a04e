import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { writeDataRoot } from '../../understand/sentiment/test-fixtures.ts';
import { cliEnv, runCli } from '../run-cli.ts';

// The real `vigie train sentiment` on an invented data root in a temp directory.
const dir = mkdtempSync(join(tmpdir(), 'vigie-train-sentiment-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const env = cliEnv(join(dir, 'state'));
const run = (...args: string[]) => runCli(['train', 'sentiment', ...args], { cwd: dir, env });

test('writes the model and its provenance, prints what it read and measured, reproducibly', async () => {
  const root = writeDataRoot(join(dir, 'data'), { leak: 5 });
  const r = await run('--data', root, '--out', join(dir, 'a/m.vsm'), '--seed', '3');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /semeval-en-train\s+305\s/);
  assert.match(r.stdout, /5 \(5 in tweeteval-en-val\)/);
  assert.match(r.stdout, /1 mixed/);
  assert.match(r.stdout, /tweeteval-en-val\s+60\s/);
  const provenance = readFileSync(join(dir, 'a/PROVENANCE.md'), 'utf8');
  assert.match(provenance, /vigie train sentiment --data .* --seed 3/);
  assert.match(provenance, /CeCILL/);
  assert.match(provenance, /airline/i);
  const j = await run('--data', root, '--out', join(dir, 'b/m.vsm'), '--seed', '3', '--json');
  assert.equal(j.code, 0, j.stderr);
  const report = JSON.parse(j.stdout.trim().split('\n').at(-1)!);
  assert.equal(report.settings.seed, 3);
  assert.ok(readFileSync(join(dir, 'a/m.vsm')).equals(readFileSync(join(dir, 'b/m.vsm'))), 'byte-identical');
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
  const seed = await run('--data', root, '--seed', 'abc');
  assert.equal(seed.code, 2);
  assert.match(seed.stderr, /--seed "abc": expected an integer/);
});
