import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * Test support (not a test): a tiny NAB-layout directory in a temp dir. Row i of every file is at
 * T0 + i × 5 minutes; windows are given as [first row, last row] and written as NAB writes them.
 */
export const T0 = Date.UTC(2015, 2, 1, 0, 0, 0);
const STEP = 300_000;

export interface FixtureFile {
  /** One value per row (the data file's `value` column). */
  values: readonly number[];
  /** Windows as row indices, both inclusive. */
  windows: readonly (readonly [number, number])[];
}

export interface Fixture {
  /** "<category>/<file>.csv" → file. */
  files: Record<string, FixtureFile>;
  /** Stored detectors: name → "<category>/<file>.csv" → one anomaly score per row. */
  results?: Record<string, Record<string, readonly number[]>>;
  /** Write the stored results gzipped (`.csv.gz`). */
  gzip?: boolean;
}

export function rowTime(i: number): string {
  return new Date(T0 + i * STEP).toISOString().slice(0, 19).replace('T', ' ');
}

export function writeNabFixture(fixture: Fixture, dir = mkdtempSync(join(tmpdir(), 'vigie-nab-'))): string {
  const windows: Record<string, [string, string][]> = {};
  for (const [key, file] of Object.entries(fixture.files)) {
    mkdirSync(join(dir, 'data', key.split('/')[0] as string), { recursive: true });
    const rows = file.values.map((v, i) => `${rowTime(i)},${v}`);
    writeFileSync(join(dir, 'data', key), `timestamp,value\n${rows.join('\n')}\n`);
    windows[key] = file.windows.map(([a, b]) => [`${rowTime(a)}.000000`, `${rowTime(b)}.000000`]);
  }
  mkdirSync(join(dir, 'labels'), { recursive: true });
  writeFileSync(join(dir, 'labels', 'combined_windows.json'), JSON.stringify(windows, null, 4));
  for (const [name, perFile] of Object.entries(fixture.results ?? {})) {
    for (const [key, scores] of Object.entries(perFile)) {
      const [category, file] = key.split('/') as [string, string];
      mkdirSync(join(dir, 'results', name, category), { recursive: true });
      const values = fixture.files[key]?.values ?? [];
      const body = `timestamp,value,anomaly_score,label\n${scores.map((s, i) => `${rowTime(i)},${values[i]},${s},0`).join('\n')}\n`;
      const path = join(dir, 'results', name, category, `${name}_${file}`);
      if (fixture.gzip) writeFileSync(`${path}.gz`, gzipSync(body));
      else writeFileSync(path, body);
    }
  }
  return dir;
}

/** `n` zeros with `at[row] = score` set. */
export function scoresWith(n: number, at: Record<number, number>): number[] {
  const scores = new Array<number>(n).fill(0);
  for (const [row, s] of Object.entries(at)) scores[Number(row)] = s;
  return scores;
}

/** `n` values of a quiet series (the value does not matter to the scorer). */
export function flat(n: number): number[] {
  return new Array<number>(n).fill(10);
}
