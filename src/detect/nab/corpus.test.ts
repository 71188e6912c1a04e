import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { loadNabCorpus } from './corpus.ts';
import { flat, rowTime, T0, writeNabFixture } from './test-fixture.ts';

const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const fixture = (): string => {
  const dir = writeNabFixture({
    files: { 'b/two.csv': { values: flat(50), windows: [[30, 39]] }, 'a/one.csv': { values: flat(40), windows: [[10, 12], [20, 29]] } },
  });
  dirs.push(dir);
  return dir;
};

test('loads every data/<category>/*.csv in order, with windows as rows and the probation', () => {
  const dir = fixture();
  // Windows of absent files are ignored; bounds may be written with or without microseconds.
  const labels = {
    'absent/x.csv': [['2015-01-01 00:00:00.000000', '2015-01-02 00:00:00.000000']],
    'a/one.csv': [[`${rowTime(10)}.000000`, `${rowTime(12)}.000000`], [`${rowTime(20)}.000000`, `${rowTime(29)}.000000`]],
    'b/two.csv': [[rowTime(30), rowTime(39)]],
  };
  writeFileSync(join(dir, 'labels', 'combined_windows.json'), JSON.stringify(labels));
  const corpus = loadNabCorpus(dir);
  assert.deepEqual(corpus.files.map((f) => f.key), ['a/one.csv', 'b/two.csv']);
  assert.equal(corpus.windows, 3);
  const [one, two] = corpus.files;
  assert.deepEqual(one?.windows, [{ first: 10, last: 12 }, { first: 20, last: 29 }]);
  assert.deepEqual(two?.windows, [{ first: 30, last: 39 }]);
  assert.deepEqual([one?.probation, two?.probation], [6, 7]);
  assert.equal(one?.times[1], T0 + 300_000);
  assert.equal(one?.timeText[1], rowTime(1));
  assert.equal(one?.values[0], 10);
});

test('a window bound between rows takes the rows inside it', () => {
  const dir = fixture();
  const half = (i: number): string => new Date(T0 + i * 300_000 + 150_000).toISOString().replace('T', ' ').replace('Z', '000');
  writeFileSync(join(dir, 'labels', 'combined_windows.json'), JSON.stringify({ 'a/one.csv': [[half(9), half(12)]], 'b/two.csv': [] }));
  assert.deepEqual(loadNabCorpus(dir).files[0]?.windows, [{ first: 10, last: 12 }]);
});

test('bad input: clear errors naming the file, the line and the fix', () => {
  const dir = fixture();
  const labelsPath = join(dir, 'labels', 'combined_windows.json');
  const labels = (o: unknown): void => writeFileSync(labelsPath, JSON.stringify(o));
  assert.throws(() => loadNabCorpus(join(dir, 'nope')), /nope: no such directory/);
  assert.throws(() => loadNabCorpus(join(dir, 'labels')), /no data\/ directory/);

  labels({ 'a/one.csv': [] });
  assert.throws(() => loadNabCorpus(dir), /combined_windows\.json: no entry for "b\/two\.csv" \(add "b\/two\.csv": \[\] if the file has no anomaly window/);
  labels({ 'a/one.csv': [['2015-03-01 00:50:00', 'later']], 'b/two.csv': [] });
  assert.throws(() => loadNabCorpus(dir), /"a\/one\.csv" window 1: bad timestamp "later"/);
  labels({ 'a/one.csv': [[rowTime(10), rowTime(20)], [rowTime(15), rowTime(25)]], 'b/two.csv': [] });
  assert.throws(() => loadNabCorpus(dir), /a\/one\.csv: window \[2015-03-01 01:15:00, 2015-03-01 02:05:00\] overlaps the window before it/);
  labels({ 'a/one.csv': [['2016-01-01 00:00:00', '2016-01-02 00:00:00']], 'b/two.csv': [] });
  assert.throws(() => loadNabCorpus(dir), /holds no row of the data file \(rows span 2015-03-01 00:00:00 to 2015-03-01 03:15:00\)/);
  writeFileSync(labelsPath, '{"a/one.csv": [');
  assert.throws(() => loadNabCorpus(dir), /combined_windows\.json: not valid JSON/);
  rmSync(labelsPath);
  assert.throws(() => loadNabCorpus(dir), /combined_windows\.json: missing/);

  labels({ 'a/one.csv': [], 'b/two.csv': [] });
  const one = join(dir, 'data', 'a', 'one.csv');
  writeFileSync(one, `timestamp,value\n${rowTime(0)},1\n${rowTime(1)},lots\n`);
  assert.throws(() => loadNabCorpus(dir), /one\.csv: line 3: value "lots" is not a number/);
  writeFileSync(one, `timestamp,value\n${rowTime(0)},1\n${rowTime(2)},\n`);
  assert.throws(() => loadNabCorpus(dir), /one\.csv: line 3: value "" is not a number/);
  writeFileSync(one, `timestamp,value\n${rowTime(1)},1\n${rowTime(0)},2\n`);
  assert.throws(() => loadNabCorpus(dir), /one\.csv: line 3: timestamp 2015-03-01 00:00:00 is not after the previous row's/);
  writeFileSync(one, `timestamp,value\n26/02/2015,1\n`);
  assert.throws(() => loadNabCorpus(dir), /one\.csv: line 2: bad timestamp "26\/02\/2015"/);
  writeFileSync(one, `time,count\n${rowTime(0)},1\n`);
  assert.throws(() => loadNabCorpus(dir), /one\.csv: no "timestamp" column in the header \(found: time, count\)/);

  rmSync(join(dir, 'data'), { recursive: true });
  mkdirSync(join(dir, 'data', 'empty'), { recursive: true });
  assert.throws(() => loadNabCorpus(dir), /data: no data file \(expected data\/<category>\/<file>\.csv\)/);
});
