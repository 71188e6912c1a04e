import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { loadNabCorpus } from './corpus.ts';
import { listResultDetectors, readDetectorResults } from './results.ts';
import { flat, rowTime, scoresWith, writeNabFixture } from './test-fixture.ts';

const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function fixture(gzip = false): string {
  const dir = writeNabFixture({
    files: { 'cat/a.csv': { values: flat(20), windows: [[10, 12]] } },
    results: { det: { 'cat/a.csv': scoresWith(20, { 11: 0.5 }) }, other: { 'cat/a.csv': flat(20).map(() => 0.25) } },
    gzip,
  });
  dirs.push(dir);
  return dir;
}

test('stored detectors are the results/<name>/ folders holding a category of the corpus', () => {
  const dir = fixture();
  mkdirSync(join(dir, 'results', 'elsewhere', 'otherCategory'), { recursive: true });
  writeFileSync(join(dir, 'results', 'final_results.json'), '{}');
  const corpus = loadNabCorpus(dir);
  assert.deepEqual(listResultDetectors(corpus), ['det', 'other']);
  assert.equal(readDetectorResults(corpus, 'other')[0]?.[3], 0.25);
});

test('bad results: missing file, row count, timestamps, scores, gzip — errors name the file and line', () => {
  const dir = fixture();
  const corpus = loadNabCorpus(dir);
  const path = join(dir, 'results', 'det', 'cat', 'det_a.csv');
  const rows = (n: number, score = (i: number) => String(i / 100)): string =>
    Array.from({ length: n }, (_, i) => `${rowTime(i)},10,${score(i)}`).join('\n');

  writeFileSync(path, `timestamp,value,anomaly_score\n${rows(19)}\n`);
  assert.throws(() => readDetectorResults(corpus, 'det'), /det_a\.csv: 19 rows, but the data file .*a\.csv has 20/);
  writeFileSync(path, `timestamp,value,anomaly_score\n${rows(20, (i) => (i === 4 ? 'high' : '0'))}\n`);
  assert.throws(() => readDetectorResults(corpus, 'det'), /det_a\.csv: line 6: anomaly_score "high" is not a number/);
  writeFileSync(path, `timestamp,value,anomaly_score\n${rows(20).replace(rowTime(7), rowTime(30))}\n`);
  assert.throws(() => readDetectorResults(corpus, 'det'), /det_a\.csv: line 9: timestamp "2015-03-01 02:30:00" differs from the data file's "2015-03-01 00:35:00"/);
  writeFileSync(path, `timestamp,value,score\n${rows(20)}\n`);
  assert.throws(() => readDetectorResults(corpus, 'det'), /det_a\.csv: no "anomaly_score" column/);
  // Microseconds in the results' timestamps are the same instants.
  writeFileSync(path, `timestamp,value,anomaly_score\n${rows(20).replace(/(:\d\d),/g, '$1.000000,')}\n`);
  assert.equal(readDetectorResults(corpus, 'det')[0]?.[19], 0.19);
  rmSync(path);
  assert.throws(() => readDetectorResults(corpus, 'det'), /det_a\.csv: missing \(or .*det_a\.csv\.gz\): no result for cat\/a\.csv/);
  writeFileSync(`${path}.gz`, 'not gzip at all');
  assert.throws(() => readDetectorResults(corpus, 'det'), /det_a\.csv\.gz: not a readable gzip file/);
});

test('gzipped results are read like plain ones', () => {
  const plain = loadNabCorpus(fixture());
  const gz = loadNabCorpus(fixture(true));
  assert.deepEqual(readDetectorResults(gz, 'det'), readDetectorResults(plain, 'det'));
  assert.equal(readDetectorResults(gz, 'det')[0]?.[11], 0.5);
});
