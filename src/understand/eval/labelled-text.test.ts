import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { readLabelledCsv, readLabelledJsonl, readLines, readTextAndLabels } from './labelled-text.ts';
import { parseSentimentLabel, SENTIMENT_LABEL_SPEC } from './sentiment-labels.ts';

const dir = mkdtempSync(join(tmpdir(), 'vigie-labelled-'));
after(() => rmSync(dir, { recursive: true, force: true }));
function file(name: string, content: string | Buffer): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

test('readLines: BOM, CRLF, with or without a final newline', () => {
  assert.deepEqual(readLines(file('a.txt', '\uFEFFun\r\ndeux\r\ntrois')), ['un', 'deux', 'trois']);
  assert.deepEqual(readLines(file('b.txt', 'un\ndeux\n')), ['un', 'deux']);
  assert.deepEqual(readLines(file('c.txt', 'un\n\ntrois\n')), ['un', '', 'trois']);
  assert.deepEqual(readLines(file('d.txt', '')), []);
});

test('readLines: invalid UTF-8 names the line; UTF-16 and missing files are explained', () => {
  const bad = file('bad.txt', Buffer.concat([Buffer.from('ok\nstill ok\n'), Buffer.from([0x63, 0xe9, 0x74, 0x65, 0x0a])]));
  assert.throws(() => readLines(bad), (e: Error) => e.name === 'LabelledDataError' && /bad\.txt:3: not valid UTF-8/.test(e.message));
  const utf16 = file('u16.txt', Buffer.from('\uFEFFhello', 'utf16le'));
  assert.throws(() => readLines(utf16), /u16\.txt: the file is UTF-16; save it as UTF-8/);
  assert.throws(() => readLines(join(dir, 'nope.txt'), '--text'), /--text .*nope\.txt: no such file/);
  assert.throws(() => readLines(dir), /is a directory/);
});

test('sentiment labels: indexes, English and French names, any case, accents optional', () => {
  for (const [raw, want] of [
    ['0', 0], ['1', 1], ['2', 2], ['negative', 0], ['Neutral', 1], ['POSITIVE', 2], ['neg', 0], ['neu', 1], ['pos', 2],
    ['négatif', 0], ['negatif', 0], ['négative', 0], ['neutre', 1], ['positif', 2], [' 2 ', 2],
  ] as const) {
    assert.equal(parseSentimentLabel(raw), want, raw);
  }
  for (const raw of ['-1', '3', '4', 'mixed', 'objective', '', '0.5']) assert.equal(parseSentimentLabel(raw), undefined, raw);
});

test('readTextAndLabels pairs lines; the UMSAB layout (no final newline, CRLF) reads the same', () => {
  const t = file('t.txt', 'I love it\r\nmeh\r\nworst day ever');
  const l = file('l.txt', '2\r\n1\r\n0');
  const items = readTextAndLabels(t, l, SENTIMENT_LABEL_SPEC);
  assert.deepEqual(items.map((i) => [i.text, i.label]), [['I love it', 2], ['meh', 1], ['worst day ever', 0]]);
  assert.equal(items[2]!.source, `${t}:3`);
});

test('readTextAndLabels: a count mismatch names both files and counts; a bad label its line and what is accepted', () => {
  const t = file('t2.txt', 'a\nb\nc\n');
  const l = file('l2.txt', '0\n1\n');
  assert.throws(() => readTextAndLabels(t, l, SENTIMENT_LABEL_SPEC), (e: Error) =>
    e.message === `${t} has 3 lines but ${l} has 2: each text needs one label on the same line number`);
  const l3 = file('l3.txt', '0\n1\n\n');
  assert.throws(() => readTextAndLabels(t, l3, SENTIMENT_LABEL_SPEC), new RegExp(`l3\\.txt:3: empty label; accepted: 0, 1, 2`));
  const l4 = file('l4.txt', '0\n-1\n2');
  assert.throws(() => readTextAndLabels(t, l4, SENTIMENT_LABEL_SPEC), /l4\.txt:2: "-1" is not an accepted label; accepted: 0, 1, 2 .*négatif\/neutre\/positif \(numeric labels must be 0, 1 or 2/);
  const l5 = file('l5.txt', '0\n1\n2\n\n');
  assert.throws(() => readTextAndLabels(t, l5, SENTIMENT_LABEL_SPEC), /has 3 lines but .*l5\.txt has 4.*the last line of .*l5\.txt is blank/);
  const empty = file('empty.txt', '');
  assert.throws(() => readTextAndLabels(empty, l, SENTIMENT_LABEL_SPEC), /empty\.txt: no text \(the file is empty\)/);
});

test('readLabelledCsv: columns by name or index, BOM, quoted multi-line fields', () => {
  const p = file('d.csv', '\uFEFFid,tweet,sentiment\r\n1,"Super, j\'adore",positif\r\n2,"line one\nline two",neutral\r\n3,nul,0\r\n');
  const byName = readLabelledCsv(p, { textCol: 'tweet', labelCol: 'sentiment' }, SENTIMENT_LABEL_SPEC);
  assert.deepEqual(byName.map((i) => [i.text, i.label]), [["Super, j'adore", 2], ['line one\nline two', 1], ['nul', 0]]);
  assert.deepEqual(byName.map((i) => i.source), [`${p}:2`, `${p}:3`, `${p}:5`]);
  const byIndex = readLabelledCsv(p, { textCol: '1', labelCol: '2' }, SENTIMENT_LABEL_SPEC);
  assert.deepEqual(byIndex.map((i) => i.label), [2, 1, 0]);
  const defaults = file('e.csv', 'text,label\nhello,pos\n');
  assert.deepEqual(readLabelledCsv(defaults, {}, SENTIMENT_LABEL_SPEC).map((i) => i.label), [2]);
});

test('readLabelledCsv: malformed rows, unknown columns and bad labels are errors with their line', () => {
  const short = file('short.csv', 'text,label\nok,1\nmissing\n');
  assert.throws(() => readLabelledCsv(short, {}, SENTIMENT_LABEL_SPEC), /short\.csv:3: malformed CSV: Invalid Record Length: expect 2, got 1/);
  const quote = file('quote.csv', 'text,label\n"never closed,1\n');
  assert.throws(() => readLabelledCsv(quote, {}, SENTIMENT_LABEL_SPEC), /quote\.csv:\d+: malformed CSV: Quote Not Closed/);
  const p = file('cols.csv', 'body,y\nhello,1\n');
  assert.throws(() => readLabelledCsv(p, {}, SENTIMENT_LABEL_SPEC), /--text-col "text": no such column; the header has "body", "y"/);
  assert.throws(() => readLabelledCsv(p, { textCol: 'body', labelCol: '5' }, SENTIMENT_LABEL_SPEC), /--label-col 5: the file has 2 columns \(indexes 0 to 1\)/);
  assert.throws(() => readLabelledCsv(p, { textCol: '0', labelCol: 'body' }, SENTIMENT_LABEL_SPEC), /the text and label columns are the same/);
  const bad = file('badlabel.csv', 'text,label\na,1\nb,mixed\n');
  assert.throws(() => readLabelledCsv(bad, {}, SENTIMENT_LABEL_SPEC), /badlabel\.csv:3 \(column "label"\): "mixed" is not an accepted label/);
  assert.throws(() => readLabelledCsv(file('h.csv', 'text,label\n'), {}, SENTIMENT_LABEL_SPEC), /no rows after the header/);
  assert.throws(() => readLabelledCsv(file('z.csv', ''), {}, SENTIMENT_LABEL_SPEC), /empty CSV file/);
});

test('readLabelledJsonl: fields by name, per-row language, BOM, CRLF and blank lines', () => {
  const p = file(
    'm.jsonl',
    '\uFEFF{"id": "a", "lang": "fr", "text": "Super appli", "sentiment": "positive"}\r\n\n' +
      '{"id": "b", "text": "Panne encore", "sentiment": "négatif", "lang": null}\n{"text": "Ok", "sentiment": 1, "lang": "en"}',
  );
  const items = readLabelledJsonl(p, { labelField: 'sentiment' }, SENTIMENT_LABEL_SPEC);
  assert.deepEqual(items.map((i) => [i.text, i.label, i.lang, i.source]), [
    ['Super appli', 2, 'fr', `${p}:1`],
    ['Panne encore', 0, null, `${p}:3`],
    ['Ok', 1, 'en', `${p}:4`],
  ]);
  const noLang = readLabelledJsonl(p, { labelField: 'sentiment', langField: null }, SENTIMENT_LABEL_SPEC);
  assert.deepEqual(noLang.map((i) => i.lang), [null, null, null]);
});

test('readLabelledJsonl: each bad row is an error naming file:line and the field', () => {
  const spec = SENTIMENT_LABEL_SPEC;
  const ok = '{"text": "fine", "sentiment": "neutral", "lang": "en"}\n';
  assert.throws(() => readLabelledJsonl(file('j1.jsonl', `${ok}{"text": "x", "sentiment": "pos"\n`), { labelField: 'sentiment' }, spec), /j1\.jsonl:2: invalid JSON/);
  assert.throws(() => readLabelledJsonl(file('j2.jsonl', `${ok}[1, 2]\n`), { labelField: 'sentiment' }, spec), /j2\.jsonl:2: expected a JSON object/);
  assert.throws(() => readLabelledJsonl(file('j3.jsonl', `${ok}${ok}{"sentiment": "neutral"}\n`), { labelField: 'sentiment' }, spec), /j3\.jsonl:3: field "text" is missing/);
  assert.throws(() => readLabelledJsonl(file('j4.jsonl', `{"text": "x", "sentiment": "mixed"}\n`), { labelField: 'sentiment' }, spec), /j4\.jsonl:1 \(field "sentiment"\): "mixed" is not an accepted label/);
  assert.throws(() => readLabelledJsonl(file('j5.jsonl', `{"text": "x", "label": "pos"}\n`), { labelField: 'sentiment' }, spec), /j5\.jsonl:1: field "sentiment" is missing/);
  assert.throws(() => readLabelledJsonl(file('j6.jsonl', `{"text": "x", "sentiment": "pos", "lang": "French"}\n`), { labelField: 'sentiment' }, spec), /j6\.jsonl:1: field "lang" must be a language code/);
  assert.throws(() => readLabelledJsonl(file('j7.jsonl', '\n\n'), {}, spec), /j7\.jsonl: no row/);
  assert.throws(() => readLabelledJsonl(join(dir, 'none.jsonl'), {}, spec), /none\.jsonl: no such file/);
});
