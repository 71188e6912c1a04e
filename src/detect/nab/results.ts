import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { NabCorpus, NabFile } from './corpus.ts';
import { readCsvColumns } from './csv.ts';
import { NabDataError } from './errors.ts';
import { parseCell } from './numbers.ts';
import { parseNabTimestamp } from './timestamp.ts';

/** Detectors with stored outputs: `results/<name>/` holding a folder for a category of the corpus. */
export function listResultDetectors(corpus: NabCorpus): string[] {
  const dir = join(corpus.dir, 'results');
  if (!isDirectory(dir)) return [];
  const categories = new Set(corpus.files.map((f) => f.category));
  return readdirSync(dir)
    .filter((name) => isDirectory(join(dir, name)) && [...categories].some((c) => isDirectory(join(dir, name, c))))
    .sort();
}

/** `results/<name>/<category>/<name>_<file>.csv`, or the same gzipped (`.csv.gz`). */
export function resultPath(dir: string, name: string, file: NabFile): string {
  const plain = join(dir, 'results', name, file.category, `${name}_${file.name}`);
  return existsSync(plain) || !existsSync(`${plain}.gz`) ? plain : `${plain}.gz`;
}

/**
 * A detector's stored anomaly scores for every file of the corpus, checked row by row against
 * the data file (same count, same timestamps).
 */
export function readDetectorResults(corpus: NabCorpus, name: string): Float64Array[] {
  return corpus.files.map((file) => readResultFile(resultPath(corpus.dir, name, file), file));
}

function readResultFile(path: string, file: NabFile): Float64Array {
  if (!existsSync(path)) throw new NabDataError(`${path}: missing (or ${path}.gz): no result for ${file.key}`);
  const { columns, lines } = readCsvColumns(readText(path), path, ['timestamp', 'anomaly_score']);
  const [times, values] = columns as [string[], string[]];
  const n = file.times.length;
  if (lines.length !== n) {
    throw new NabDataError(`${path}: ${lines.length} rows, but the data file ${file.path} has ${n} (one result row per data row)`);
  }
  const scores = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const line = lines[i] as number;
    const text = (times[i] as string).trim();
    // Same text is the common case; otherwise compare the instants ("…:53" = "…:53.000000").
    if (text !== file.timeText[i] && parseNabTimestamp(text) !== file.times[i]) {
      throw new NabDataError(`${path}: line ${line}: timestamp "${text}" differs from the data file's "${file.timeText[i]}" (rows must match ${file.path} one for one)`);
    }
    const s = parseCell(values[i]);
    if (s === null) throw new NabDataError(`${path}: line ${line}: anomaly_score "${values[i]}" is not a number`);
    scores[i] = s;
  }
  return scores;
}

function readText(path: string): string {
  const bytes = readFileSync(path);
  if (!path.endsWith('.gz')) return bytes.toString('utf8');
  try {
    return gunzipSync(bytes).toString('utf8');
  } catch (e) {
    throw new NabDataError(`${path}: not a readable gzip file (${e instanceof Error ? e.message : String(e)})`);
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
