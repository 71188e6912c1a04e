import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { parseLabel, readLabelledCsv } from './labelled-csv.ts';

const dir = mkdtempSync(join(tmpdir(), 'vigie-labelled-csv-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, content: string): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const columns = { textColumn: 'body', labelColumn: 'mood', brandColumn: 'company', lang: 'en' };

test('labels are 0/1/2 or their names, any case', () => {
  assert.deepEqual(['0', '1', '2', 'NEGATIVE', ' Neutral ', 'positive'].map(parseLabel), ['negative', 'neutral', 'positive', 'negative', 'neutral', 'positive']);
  assert.equal(parseLabel('3'), null);
  assert.equal(parseLabel('irrelevant'), null);
});

test('reads the named columns, drops the labels asked, keeps quoted multi-line texts', () => {
  const path = file('ok.csv', '\uFEFFid,company,body,mood\n1,lune-air,"delayed, again",negative\n2,lune-air,"line one\nline two",2\n3,soleil,hello,Irrelevant\n4,soleil,fine,1\n');
  const csv = readLabelledCsv(path, { ...columns, dropLabels: ['irrelevant'] });
  assert.deepEqual(csv.rows, [
    { text: 'delayed, again', lang: 'en', label: 'negative', brand: 'lune-air' },
    { text: 'line one\nline two', lang: 'en', label: 'positive', brand: 'lune-air' },
    { text: 'fine', lang: 'en', label: 'neutral', brand: 'soleil' },
  ]);
  assert.deepEqual(csv.dropped, { irrelevant: 1 });
});

test('bad files are refused with the file, line and column, and how to fix', () => {
  const unknown = file('unknown.csv', 'company,body,mood\nlune-air,"two\nlines",negative\nlune-air,ok,meh\n');
  assert.throws(() => readLabelledCsv(unknown, columns),
    new RegExp(`${unknown}:4: column "mood": unknown label "meh"; expected 0/1/2 or negative/neutral/positive \\(any case\\), or drop such rows with --drop-label "meh"`));
  const missing = file('missing.csv', 'company,text,mood\nlune-air,ok,0\n');
  assert.throws(() => readLabelledCsv(missing, columns), /missing\.csv: no column "body" \(--text-col\); the header has: "company", "text", "mood"/);
  const noBrand = file('nobrand.csv', 'company,body,mood\n ,ok,0\n');
  assert.throws(() => readLabelledCsv(noBrand, columns), /nobrand\.csv:2: column "company" is empty/);
  const ragged = file('ragged.csv', 'company,body,mood\nlune-air,ok\n');
  assert.throws(() => readLabelledCsv(ragged, columns), /ragged\.csv:2: malformed CSV/);
  assert.throws(() => readLabelledCsv(file('empty.csv', ''), columns), /empty\.csv: the file is empty/);
  assert.throws(() => readLabelledCsv(join(dir, 'absent.csv'), columns), /cannot read .*absent\.csv/);
});
