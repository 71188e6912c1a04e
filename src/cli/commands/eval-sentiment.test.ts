import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { cliEnv, runCli } from '../run-cli.ts';

// `vigie eval sentiment` as a child process on small fixture files written here. The built-in
// model changes over time, so the checks are on the report's consistency, not on its scores.

const dir = mkdtempSync(join(tmpdir(), 'vigie-eval-sentiment-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const env = cliEnv(join(dir, 'vigie-data'));
const run = (...args: string[]) => runCli(['eval', 'sentiment', ...args], { cwd: dir, env });
function file(name: string, content: string): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

const TEXTS = [
  'I love this brand, the new phone is wonderful',
  'Worst customer service ever, I hate waiting for hours',
  'The store opens at nine tomorrow',
  'Amazing quality, thank you so much!',
  'Terrible battery, broken after two days, awful',
  'Le magasin ouvre à neuf heures',
];
const GOLD = [2, 0, 1, 2, 0, 1];
// UMSAB layout: CRLF here, and no final newline.
const textFile = file('val_text.txt', TEXTS.join('\r\n'));
const labelFile = file('val_labels.txt', GOLD.join('\r\n'));

test('--json prints the keys of the issue, and --predictions writes one 0/1/2 per line matching them', async () => {
  const out = join(dir, 'pred.txt');
  const r = await run('--text', textFile, '--labels', labelFile, '--json', '--predictions', out, '--lang', 'en');
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines.length, 1);
  const json = JSON.parse(lines[0] as string);
  assert.deepEqual(Object.keys(json), ['n', 'accuracy', 'macroRecall', 'macroF1', 'textsPerSec', 'perClass', 'confusion', 'model']);
  assert.equal(json.n, 6);
  assert.ok(json.textsPerSec > 0);
  assert.equal(typeof json.model, 'string');
  assert.deepEqual(Object.keys(json.perClass), ['negative', 'neutral', 'positive']);
  const predicted = readFileSync(out, 'utf8');
  assert.match(predicted, /^([012]\n){6}$/);
  const preds = predicted.trim().split('\n').map(Number);
  // The report agrees with the predictions written.
  const correct = preds.filter((p, i) => p === GOLD[i]).length;
  assert.equal(json.accuracy, Math.round((correct / 6) * 1e4) / 1e4);
  for (let g = 0; g < 3; g++) {
    for (let p = 0; p < 3; p++) {
      assert.equal(json.confusion[g][p], preds.filter((x, i) => GOLD[i] === g && x === p).length, `confusion[${g}][${p}]`);
    }
  }
  const recalls = [0, 1, 2].map((c) => preds.filter((x, i) => GOLD[i] === c && x === c).length / 2);
  assert.ok(Math.abs(json.macroRecall - recalls.reduce((a, b) => a + b) / 3) < 1e-4);
  assert.equal(json.perClass.positive.support, 2);
});

test('a CSV with columns by name or index gives the same scores as the line files; the report is readable', async () => {
  const rows = TEXTS.map((t, i) => `${i},"${t.replace(/"/g, '""')}",${['negative', 'neutral', 'positive'][GOLD[i] as number]}`);
  const csv = file('data.csv', `\uFEFFid,tweet,polarity\n${rows.join('\n')}\n`);
  const lines = await run('--text', textFile, '--labels', labelFile, '--json');
  const byName = await run('--csv', csv, '--text-col', 'tweet', '--label-col', 'polarity', '--json');
  const byIndex = await run('--csv', csv, '--text-col', '1', '--label-col', '2', '--json');
  for (const r of [lines, byName, byIndex]) assert.equal(r.code, 0, r.stderr);
  const strip = (s: string) => ({ ...JSON.parse(s), textsPerSec: 0 });
  assert.deepEqual(strip(byName.stdout), strip(lines.stdout));
  assert.deepEqual(strip(byIndex.stdout), strip(lines.stdout));

  const human = await run('--csv', csv, '--text-col', 'tweet', '--label-col', 'polarity', '--lang', 'fr-FR');
  assert.equal(human.code, 0, human.stderr);
  assert.match(human.stdout, /Sentiment: 6 texts from .*data\.csv/);
  assert.match(human.stdout, /language given: fr/);
  assert.match(human.stdout, /macro-recall\s+\d\.\d{4}/);
  assert.match(human.stdout, /macro-F1\s+\d\.\d{4}/);
  assert.match(human.stdout, /class\s+precision\s+recall\s+F1\s+support\s+predicted/);
  assert.match(human.stdout, /gold \\ predicted\s+negative\s+neutral\s+positive/);
  assert.match(human.stdout, /Speed: \d+ texts\/s \(model predictions only/);
});

test('--jsonl reads text and sentiment fields, gives each row its own language unless --lang, and scores like the line files', async () => {
  const langs = ['en', 'en', 'en', 'en', 'en', 'fr'];
  const names = ['negative', 'neutral', 'positive'];
  const jsonl = file('m.jsonl', TEXTS.map((t, i) => JSON.stringify({ id: `x${i}`, lang: langs[i], text: t, sentiment: names[GOLD[i] as number] })).join('\n') + '\n');
  const perRow = await run('--jsonl', jsonl, '--json', '--predictions', join(dir, 'rows.txt'));
  assert.equal(perRow.code, 0, perRow.stderr);
  // The same texts with the same languages, through the line files: the first five in English, the last in French.
  writeFileSync(join(dir, 'en_text.txt'), TEXTS.slice(0, 5).join('\n'));
  writeFileSync(join(dir, 'en_labels.txt'), GOLD.slice(0, 5).join('\n'));
  writeFileSync(join(dir, 'fr_text.txt'), TEXTS[5]!);
  writeFileSync(join(dir, 'fr_labels.txt'), String(GOLD[5]));
  await run('--text', join(dir, 'en_text.txt'), '--labels', join(dir, 'en_labels.txt'), '--lang', 'en', '--json', '--predictions', join(dir, 'en.txt'));
  await run('--text', join(dir, 'fr_text.txt'), '--labels', join(dir, 'fr_labels.txt'), '--lang', 'fr', '--json', '--predictions', join(dir, 'fr.txt'));
  assert.equal(readFileSync(join(dir, 'rows.txt'), 'utf8'), readFileSync(join(dir, 'en.txt'), 'utf8') + readFileSync(join(dir, 'fr.txt'), 'utf8'));
  // --lang overrides every row's language: the same predictions as the line files with --lang en.
  const all = await run('--jsonl', jsonl, '--lang', 'en', '--json');
  const lines = await run('--text', textFile, '--labels', labelFile, '--lang', 'en', '--json');
  const strip = (s: string) => ({ ...JSON.parse(s), textsPerSec: 0 });
  assert.deepEqual(strip(all.stdout), strip(lines.stdout));
  const human = await run('--jsonl', jsonl);
  assert.match(human.stdout, /Sentiment: 6 texts from .*m\.jsonl/);
  assert.match(human.stdout, /language given: each row's "lang" \(en 5, fr 1\)/);
  const renamed = file('r.jsonl', '{"body": "I love it", "polarity": "pos"}\n');
  const r = await run('--jsonl', renamed, '--text-field', 'body', '--label-field', 'polarity', '--json');
  assert.equal(r.code, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).n, 1);
});

test('bad input: a user error (exit 2) naming the file, line and what to do', async () => {
  const j1 = await run('--jsonl', file('bad.jsonl', '{"text": "ok", "sentiment": "neutral"}\n{"text": "x", "sentiment": "mixed"}\n'));
  assert.equal(j1.code, 2);
  assert.match(j1.stderr, /bad\.jsonl:2 \(field "sentiment"\): "mixed" is not an accepted label/);
  const j2 = await run('--jsonl', file('lang.jsonl', '{"text": "ok", "sentiment": "neutral", "lang": "xx"}\n'));
  assert.equal(j2.code, 2);
  assert.match(j2.stderr, /lang\.jsonl:1: field "lang" "xx" is not an ISO 639-1 language code/);
  const j3 = await run('--jsonl', 'a.jsonl', '--csv', 'b.csv');
  assert.equal(j3.code, 2);
  assert.match(j3.stderr, /either --jsonl, --csv, or --text and --labels/);
  const j4 = await run('--text', textFile, '--labels', labelFile, '--label-field', 'y');
  assert.equal(j4.code, 2);
  assert.match(j4.stderr, /--text-field and --label-field go with --jsonl/);

  const fewer = file('fewer.txt', '0\n1\n');
  const r1 = await run('--text', textFile, '--labels', fewer);
  assert.equal(r1.code, 2);
  assert.match(r1.stderr, /val_text\.txt has 6 lines but .*fewer\.txt has 2: each text needs one label/);

  const bad = file('bad.txt', '0\n0\n1\nmixed\n0\n1\n');
  const r2 = await run('--text', textFile, '--labels', bad);
  assert.equal(r2.code, 2);
  assert.match(r2.stderr, /bad\.txt:4: "mixed" is not an accepted label; accepted: 0, 1, 2/);

  const broken = file('broken.csv', 'text,label\n"unclosed,1\n');
  const r3 = await run('--csv', broken);
  assert.equal(r3.code, 2);
  assert.match(r3.stderr, /broken\.csv:\d+: malformed CSV/);

  const r4 = await run('--csv', file('cols.csv', 'body,y\nhi,1\n'));
  assert.equal(r4.code, 2);
  assert.match(r4.stderr, /--text-col "text": no such column; the header has "body", "y"/);

  const r5 = await run('--text', textFile, '--labels', labelFile, '--lang', 'french');
  assert.equal(r5.code, 2);
  assert.match(r5.stderr, /--lang "french": not an ISO 639-1 language code/);

  const r6 = await run('--text', textFile);
  assert.equal(r6.code, 2);
  assert.match(r6.stderr, /--labels is missing/);

  const r7 = await run('--csv', 'x.csv', '--text', textFile);
  assert.equal(r7.code, 2);
  assert.match(r7.stderr, /either --csv, or --text and --labels/);

  const r8 = await run('--text', textFile, '--labels', labelFile, '--model', join(dir, 'nope.json'));
  assert.equal(r8.code, 2);
  assert.match(r8.stderr, /--model .*nope\.json: no such file/);

  const r8b = await run('--text', textFile, '--labels', labelFile, '--model', file('not-a-model.bin', 'hello'));
  assert.equal(r8b.code, 2);
  assert.match(r8b.stderr, /--model .*not-a-model\.bin: cannot load the model \(/);

  const r9 = await run('--text', textFile, '--labels', labelFile, '--onnx', join(dir, 'no-model-dir'));
  assert.equal(r9.code, 2);
  assert.match(r9.stderr, /--onnx .*no-model-dir: no such directory/);

  const r10 = await run('--text', join(dir, 'missing.txt'), '--labels', labelFile);
  assert.equal(r10.code, 2);
  assert.match(r10.stderr, /missing\.txt: no such file/);

  mkdirSync(join(dir, 'ro'), { recursive: true });
  const r11 = await run('--text', textFile, '--labels', labelFile, '--predictions', join(dir, 'ro', 'no', 'such', 'dir.txt'));
  assert.equal(r11.code, 2);
  assert.match(r11.stderr, /--predictions .*dir\.txt: cannot write/);

  const help = await run('--help');
  assert.equal(help.code, 0);
  assert.match(help.stdout, /Usage: vigie eval sentiment/);
});
