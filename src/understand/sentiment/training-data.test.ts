import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { overlapKey, readDeft, readSemeval, readSentimentCorpus, readTextLabels, TrainingDataError } from './training-data.ts';
import { writeDataRoot } from './test-fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'vigie-sdata-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, content: string): string => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};

test('reads every set of a data root, per class, with DEFT mixed dropped', () => {
  const root = writeDataRoot(mkdtempSync(join(dir, 'root-')));
  const c = readSentimentCorpus(root);
  assert.deepEqual(c.train.map((s) => [s.name, s.rows.length]), [['semeval-en-train', 300], ['umsab-fr-train', 150], ['deft2017-fr', 150]]);
  assert.deepEqual(c.train[2]!.dropped, { 'mixed (no 3-class equivalent)': 1 });
  assert.deepEqual(c.validation.map((s) => s.name), ['tweeteval-en-val', 'umsab-fr-val', 'umsab-en-val']);
  assert.equal(c.train[0]!.rows[0]!.where, `${join(root, 'sentiment/semeval-en-train/train_dedup.tsv')}:2`);
});

test('malformed files: file:line and what to fix', () => {
  const semeval = file('s.tsv', 'id\tlabel\tlabel_id\tsource\ttext\ttext_tweeteval_style\n1\tpositive\t2\tx\tok\tok\n2\tpositive\t7\tx\tok\tok\n');
  assert.throws(() => readSemeval(semeval), (e: Error) => e instanceof TrainingDataError && e.message === `${semeval}:3: label_id is "7", expected 0 (negative), 1 (neutral) or 2 (positive)`);
  const noHeader = file('h.tsv', 'a\tb\n');
  assert.throws(() => readSemeval(noHeader), new RegExp(`${noHeader}:1: the header must name the columns label_id and text_tweeteval_style`));
  const short = file('c.tsv', 'id\tlabel\tlabel_id\tsource\ttext\ttext_tweeteval_style\n1\t2\tonly three\n');
  assert.throws(() => readSemeval(short), /c\.tsv:2: 3 tab-separated fields, the header has 6/);
  const empty = file('e.tsv', 'id\tlabel\tlabel_id\tsource\ttext\ttext_tweeteval_style\n1\tpositive\t2\tx\tok\t  \n');
  assert.throws(() => readSemeval(empty), /e\.tsv:2: empty text/);
  mkdirSync(join(dir, 'pairs'));
  writeFileSync(join(dir, 'pairs/val_text.txt'), 'a\nb\nc');
  writeFileSync(join(dir, 'pairs/val_labels.txt'), '0\n1');
  assert.throws(() => readTextLabels(join(dir, 'pairs'), 'val', 'x', 'en'), /val_text\.txt has 3 lines but .*val_labels\.txt has 2/);
  writeFileSync(join(dir, 'pairs/val_labels.txt'), '0\n1\npositive');
  assert.throws(() => readTextLabels(join(dir, 'pairs'), 'val', 'x', 'en'), /val_labels\.txt:3: the label is "positive", expected 0/);
  const deft = file('d.tsv', 'id\tlabel\ttext\n1\tjoyeux\tbonjour\n');
  assert.throws(() => readDeft(deft), /d\.tsv:2: label "joyeux" is not one of objective, negative, positive, mixed/);
  assert.throws(() => readDeft(join(dir, 'nope.tsv')), /nope\.tsv: cannot read the DEFT 2017 file \(no such file\); check --data/);
  const binary = file('b.tsv', 'id\tlabel\ttext\n1\tpositive\tab\u0000c\n');
  assert.throws(() => readDeft(binary), /b\.tsv:2: NUL byte/);
});

test('overlapKey sees through preprocessing differences', () => {
  assert.equal(overlapKey('Great day @bob http://t.co/x !!'), overlapKey('great day @user http'));
  assert.equal(overlapKey('she\\u2019s here\\u002c ok &amp; fine'), overlapKey('she’s here, ok & fine'));
  assert.notEqual(overlapKey('great day'), overlapKey('bad day'));
});
