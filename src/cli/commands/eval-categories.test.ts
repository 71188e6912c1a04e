import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fixtureLines, writeFixtureCorpus } from '../../understand/categories/test-fixture.ts';
import { cliEnv, runCli } from '../run-cli.ts';

// `vigie eval categories` as a child process: a model trained on the test corpus, scored on other
// brands of the same templates, and the shipped model on the same file.

const dir = writeFixtureCorpus();
const model = join(dir, 'model.json');
const data = join(dir, 'eval.jsonl');
after(() => rmSync(dir, { recursive: true, force: true }));
const env = cliEnv(join(dir, 'vigie-data'));
const run = (...args: string[]) => runCli(['eval', 'categories', ...args], { cwd: dir, env });

before(async () => {
  const r = await runCli(['train', 'categories', '--data', dir, '--out', model, '--json'], { cwd: dir, env });
  assert.equal(r.code, 0, r.stderr);
  // The fifth brand was not in training.
  writeFileSync(data, `${[...fixtureLines('en', 5, 'ev').slice(104), ...fixtureLines('fr', 5, 'ev').slice(104)].join('\n')}\n`);
});

test('--json scores the model and the lexicon baseline; --predictions writes one line per mention', async () => {
  const preds = join(dir, 'preds.jsonl');
  const r = await run('--data', data, '--model', model, '--json', '--predictions', preds);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.mentions, 52);
  assert.deepEqual(out.byLanguage, { en: 26, fr: 26 });
  assert.equal(out.model, 'vigie-categories-1');
  assert.equal(out.classifier.rows.length, 10);
  assert.equal(out.classifier.rows[9].category, 'boycott');
  assert.equal(out.classifier.rows[9].support, 4);
  assert.ok(out.classifier.micro.f1 > 0.8, JSON.stringify(out.classifier.micro));
  assert.equal(out.classifier.none.support, 8);
  assert.equal(out.classifier.defectOrSafety.support, 10);
  assert.ok(out.lexicon.micro.f1 > 0);
  const lines = readFileSync(preds, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(lines.length, 52);
  assert.deepEqual(Object.keys(lines[0]), ['id', 'lang', 'gold', 'predicted', 'lexicon']);
  assert.deepEqual(lines.find((l) => l.id === 'ev-en-127').gold, ['none']);
});

test('the text report is a per-category table with the lexicon columns, and --lexicon-only needs no model', async () => {
  const r = await run('--data', data, '--model', model);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /52 mentions \(en 26, fr 26\)\. Model vigie-categories-1; lexicon-only baseline beside it\./);
  assert.match(r.stdout, /category\s+support\s+precision\s+recall\s+F1\s+lexicon P\s+lexicon R\s+lexicon F1/);
  assert.match(r.stdout, /defect or safety\s+10\s/);
  assert.match(r.stdout, /none\s+8\s/);
  assert.match(r.stdout, /Exact match \(predicted set = gold set\): \d\.\d\d \(lexicon \d\.\d\d\)/);
  const lex = await run('--data', data, '--lexicon-only', '--model', join(dir, 'missing.json'), '--json');
  assert.equal(lex.code, 0, lex.stderr);
  const out = JSON.parse(lex.stdout);
  assert.equal(out.classifier, null);
  assert.equal(out.model, null);
  assert.equal(out.lexicon.mentions, 52);
});

test('the shipped model is the default', async () => {
  const r = await run('--data', data, '--json');
  assert.equal(r.code, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).lexiconsMatch, true);
});

test('bad input is explained: corpus line, missing model, missing --data', async () => {
  const bad = join(dir, 'bad.jsonl');
  writeFileSync(bad, '{"id": "1", "lang": "fr", "text": "x", "categories": ["fraud"]}\n');
  const r1 = await run('--data', bad, '--model', model);
  assert.equal(r1.code, 2);
  assert.match(r1.stderr, /bad\.jsonl:1: field "categories": unknown category "fraud"/);
  const r2 = await run('--data', data, '--model', join(dir, 'missing.json'));
  assert.equal(r2.code, 2);
  assert.match(r2.stderr, /category model .*missing\.json: cannot read it .*\(or use --lexicon-only\)/);
  const r3 = await run();
  assert.notEqual(r3.code, 0);
  assert.match(r3.stderr, /required option '--data <file\.jsonl>'/);
});
