import assert from 'node:assert/strict';
import { test } from 'node:test';
import { columnIndex, parseCsv, readCsvColumns } from './csv.ts';

test('plain NAB files: header, rows, line numbers; CRLF, BOM and blank lines tolerated', () => {
  const t = parseCsv('\ufefftimestamp,value\r\n2015-02-26 21:42:53,104\r\n\r\n2015-02-26 21:47:53,100\r\n', 'f.csv');
  assert.deepEqual(t.header, ['timestamp', 'value']);
  assert.deepEqual(t.rows, [
    ['2015-02-26 21:42:53', '104'],
    ['2015-02-26 21:47:53', '100'],
  ]);
  assert.deepEqual(t.lines, [2, 4]);
});

test('quoted fields: commas, doubled quotes and line breaks inside quotes', () => {
  const t = parseCsv('timestamp,"value",note\n2015-02-26 21:42:53,"1",plain\n"2015-02-26 21:47:53",2,"a, ""b""\nc"\n2015-02-26 21:52:53,3,x\n', 'q.csv');
  assert.deepEqual(t.header, ['timestamp', 'value', 'note']);
  assert.deepEqual(t.rows[1], ['2015-02-26 21:47:53', '2', 'a, "b"\nc']);
  assert.deepEqual(t.lines, [2, 3, 5]);
});

test('bad CSV: empty file, unclosed quote, missing column — named with file and line', () => {
  assert.throws(() => parseCsv('', 'e.csv'), /e\.csv: empty file/);
  assert.throws(() => parseCsv('timestamp,value\n1,"2\n3,4\n', 'u.csv'), /u\.csv: line 2: a quoted field is never closed/);
  const t = parseCsv('time,value\n', 'm.csv');
  assert.throws(() => columnIndex(t, 'timestamp', 'm.csv'), /m\.csv: no "timestamp" column in the header \(found: time, value\)/);
});

test('reading only some columns gives the same cells with or without quotes', () => {
  const plain = 'timestamp,value,anomaly_score,label\r\n2015-02-26 21:42:53,104,0.5,0\n\n2015-02-26 21:47:53,100\n';
  const quoted = 'timestamp,value,"anomaly_score",label\n2015-02-26 21:42:53,104,"0.5",0\n\n2015-02-26 21:47:53,100\n';
  const expected = { columns: [['2015-02-26 21:42:53', '2015-02-26 21:47:53'], ['0.5', '']], lines: [2, 4] };
  assert.deepEqual(readCsvColumns(plain, 'p.csv', ['timestamp', 'anomaly_score']), expected);
  assert.deepEqual(readCsvColumns(quoted, 'q.csv', ['timestamp', 'anomaly_score']), expected);
  assert.throws(() => readCsvColumns('timestamp,value\n', 'v.csv', ['anomaly_score']), /v\.csv: no "anomaly_score" column in the header \(found: timestamp, value\)/);
  assert.throws(() => readCsvColumns('\n\n', 'e.csv', ['timestamp']), /e\.csv: empty file/);
});
