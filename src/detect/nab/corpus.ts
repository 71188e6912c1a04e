import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readCsvColumns } from './csv.ts';
import { NabDataError } from './errors.ts';
import { parseCell } from './numbers.ts';
import { formatNabTimestamp, parseNabTimestamp } from './timestamp.ts';

/** A labelled anomaly window as row indices of its file, both inclusive. */
export interface NabWindow {
  first: number;
  last: number;
}

/** One data file of the corpus, with its windows. */
export interface NabFile {
  /** "realTweets/Twitter_volume_AAPL.csv", the key of the labels file. */
  key: string;
  category: string;
  /** "Twitter_volume_AAPL.csv" */
  name: string;
  path: string;
  /** Epoch ms (UTC) of each row, and the timestamp as written. */
  times: Float64Array;
  timeText: string[];
  values: Float64Array;
  windows: NabWindow[];
  /** Rows 0 … probation − 1 are not scored. */
  probation: number;
}

export interface NabCorpus {
  dir: string;
  files: NabFile[];
  /** Windows of the files present. */
  windows: number;
}

export const WINDOWS_FILE = join('labels', 'combined_windows.json');

/** NAB's probationary period: min(floor(15 % of the rows), 750). */
export function probationLength(rows: number): number {
  return Math.min(Math.floor(0.15 * rows), 750);
}

/** Reads every `data/<category>/*.csv` of a NAB-layout directory and its labelled windows. */
export function loadNabCorpus(dir: string): NabCorpus {
  if (!isDirectory(dir)) throw new NabDataError(`${dir}: no such directory (expected a NAB layout: data/<category>/<file>.csv, labels/combined_windows.json)`);
  const dataDir = join(dir, 'data');
  if (!isDirectory(dataDir)) throw new NabDataError(`${dir}: no data/ directory (expected data/<category>/<file>.csv, as in NAB)`);
  const paths: { category: string; name: string }[] = [];
  for (const category of readdirSync(dataDir).sort()) {
    if (!isDirectory(join(dataDir, category))) continue;
    for (const name of readdirSync(join(dataDir, category)).sort()) {
      if (name.endsWith('.csv') && !isDirectory(join(dataDir, category, name))) paths.push({ category, name });
    }
  }
  if (paths.length === 0) throw new NabDataError(`${dataDir}: no data file (expected data/<category>/<file>.csv)`);
  const labels = readWindowLabels(join(dir, WINDOWS_FILE));
  const files = paths.map(({ category, name }) => {
    const key = `${category}/${name}`;
    const bounds = labels.get(key);
    if (bounds === undefined) {
      throw new NabDataError(
        `${join(dir, WINDOWS_FILE)}: no entry for "${key}" (add "${key}": [] if the file has no anomaly window, or remove the file)`,
      );
    }
    return readDataFile(join(dataDir, category, name), category, name, bounds);
  });
  return { dir, files, windows: files.reduce((n, f) => n + f.windows.length, 0) };
}

/** `combined_windows.json`: { "<category>/<file>.csv": [[start, end], …] } with times as text. */
function readWindowLabels(path: string): Map<string, [number, number][]> {
  if (!existsSync(path)) throw new NabDataError(`${path}: missing (the labelled windows; NAB ships it as labels/combined_windows.json)`);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new NabDataError(`${path}: not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new NabDataError(`${path}: expected an object { "<category>/<file>.csv": [[start, end], …] }`);
  }
  const labels = new Map<string, [number, number][]>();
  for (const [key, windows] of Object.entries(json)) {
    if (!Array.isArray(windows)) throw new NabDataError(`${path}: "${key}": expected a list of [start, end] pairs`);
    labels.set(
      key,
      windows.map((w: unknown, i): [number, number] => {
        const where = `${path}: "${key}" window ${i + 1}`;
        if (!Array.isArray(w) || w.length !== 2 || typeof w[0] !== 'string' || typeof w[1] !== 'string') {
          throw new NabDataError(`${where}: expected ["<start>", "<end>"] timestamps, got ${JSON.stringify(w)}`);
        }
        const start = parseNabTimestamp(w[0]);
        const end = parseNabTimestamp(w[1]);
        if (start === null || end === null) {
          throw new NabDataError(`${where}: bad timestamp ${JSON.stringify(start === null ? w[0] : w[1])} (expected "2015-03-03 04:37:53.000000")`);
        }
        if (end < start) throw new NabDataError(`${where}: ends before it starts (${w[1]} < ${w[0]})`);
        return [start, end];
      }),
    );
  }
  return labels;
}

function readDataFile(path: string, category: string, name: string, bounds: [number, number][]): NabFile {
  const { columns, lines } = readCsvColumns(readFileSync(path, 'utf8'), path, ['timestamp', 'value']);
  const [timeCells, valueCells] = columns as [string[], string[]];
  const n = lines.length;
  if (n === 0) throw new NabDataError(`${path}: no data row after the header`);
  const times = new Float64Array(n);
  const values = new Float64Array(n);
  const timeText: string[] = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    const line = lines[i] as number;
    const text = (timeCells[i] as string).trim();
    const t = parseNabTimestamp(text);
    if (t === null) throw new NabDataError(`${path}: line ${line}: bad timestamp "${text}" (expected "2015-02-26 21:42:53")`);
    if (i > 0 && t <= (times[i - 1] as number)) {
      throw new NabDataError(`${path}: line ${line}: timestamp ${text} is not after the previous row's (rows must be in time order, without duplicates)`);
    }
    const v = parseCell(valueCells[i]);
    if (v === null) throw new NabDataError(`${path}: line ${line}: value "${valueCells[i]}" is not a number`);
    times[i] = t;
    values[i] = v;
    timeText[i] = text;
  }
  const key = `${category}/${name}`;
  return { key, category, name, path, times, timeText, values, windows: toRowWindows(key, times, bounds), probation: probationLength(n) };
}

/** Window bounds → rows: the first row at or after the start, the last row at or before the end. */
function toRowWindows(key: string, times: Float64Array, bounds: [number, number][]): NabWindow[] {
  const sorted = [...bounds].sort((a, b) => a[0] - b[0]);
  const windows: NabWindow[] = [];
  for (const [start, end] of sorted) {
    const first = firstIndex(times, (t) => t >= start);
    const last = firstIndex(times, (t) => t > end) - 1;
    const label = `${key}: window [${formatNabTimestamp(start)}, ${formatNabTimestamp(end)}]`;
    if (first > last) {
      throw new NabDataError(
        `${label} holds no row of the data file (rows span ${formatNabTimestamp(times[0] as number)} to ${formatNabTimestamp(times[times.length - 1] as number)}); fix or remove it in ${WINDOWS_FILE}`,
      );
    }
    const prev = windows[windows.length - 1];
    if (prev !== undefined && first <= prev.last) throw new NabDataError(`${label} overlaps the window before it; merge them in ${WINDOWS_FILE}`);
    windows.push({ first, last });
  }
  return windows;
}

/** The first index whose time passes `test` (false then true along the ascending times), or the length. */
function firstIndex(times: Float64Array, test: (t: number) => boolean): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (test(times[mid] as number)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
