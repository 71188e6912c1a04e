import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { overlapKey, readBrandMentions, readDeft, readSemeval, readSentimentCorpus, readTextLabels, TrainingDataError } from './training-data.ts';
import { writeBrandCorpus, writeDataRoot } from './test-fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'vigie-sdata-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, content: string): string => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};

test('reads every set of a data root, per class, with DEFT mixed dropped', () => {
  const root = writeDataRoot(mkdtempSync(join(dir, 'root-')));
  const corpus = writeBrandCorpus(join(root, 'corpus'));
  const c = readSentimentCorpus(root, corpus);
  assert.deepEqual(c.train.map((s) => [s.name, s.rows.length]), [['semeval-en-train', 300], ['umsab-fr-train', 150], ['deft2017-fr', 150], ['brands-en-train', 96], ['brands-fr-train', 96]]);
  assert.deepEqual(c.train[2]!.dropped, { 'mixed (no 3-class equivalent)': 1 });
  assert.deepEqual(c.validation.map((s) => s.name), ['tweeteval-en-val', 'umsab-fr-val', 'umsab-en-val']);
  assert.deepEqual(c.inDomain.map((s) => [s.name, s.rows.length]), [['brands-en-eval', 48], ['brands-fr-eval', 48]]);
  const brand = c.train[3]!.rows[0]!;
  assert.deepEqual([brand.lang, brand.brand, brand.where], ['en', 'Acme', `${join(corpus, 'train-en.jsonl')}:1`]);
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

test('brand mentions: the repository corpus by default; bad rows give file:line and the field', () => {
  const shipped = readBrandMentions(join(import.meta.dirname, '../../../corpora/categories'), 'train', 'fr');
  assert.ok(shipped.rows.length > 500 && shipped.rows.every((r) => r.lang === 'fr' && r.brand !== undefined));
  mkdirSync(join(dir, 'corpus'));
  const ok = '{"id": "a", "lang": "en", "text": "fine", "categories": ["none"], "sentiment": "neutral"}';
  writeFileSync(join(dir, 'corpus/train-en.jsonl'), `${ok}\n{"id": "b", "lang": "en", "text": "meh", "categories": ["none"]}\n`);
  assert.throws(() => readBrandMentions(join(dir, 'corpus'), 'train', 'en'), /train-en\.jsonl:2: field "sentiment" is missing/);
  writeFileSync(join(dir, 'corpus/train-fr.jsonl'), `${ok}\n`);
  assert.throws(() => readBrandMentions(join(dir, 'corpus'), 'train', 'fr'), /train-fr\.jsonl:1: field "lang" is "en" in a fr file/);
  writeFileSync(join(dir, 'corpus/eval-en.jsonl'), `${ok}\n{"id": "c", "lang": "en", "text": "x", "categories": ["none"], "sentiment": "good"}\n`);
  assert.throws(() => readBrandMentions(join(dir, 'corpus'), 'eval', 'en'), (e: Error) => e instanceof TrainingDataError && /eval-en\.jsonl:2: field "sentiment" must be/.test(e.message) && /check --corpus/.test(e.message));
  assert.throws(() => readBrandMentions(join(dir, 'nowhere'), 'train', 'en'), /nowhere\/train-en\.jsonl: cannot read/);
});
