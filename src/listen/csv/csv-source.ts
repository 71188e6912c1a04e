import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse, type CsvError } from 'csv-parse';
import { systemClock, type Clock } from '../../domain/clock.ts';
import type { Source, SourceItem, SourceOptions } from '../source.ts';
import { readChunks, startOfRead } from '../import/file-open.ts';
import { SourceError } from '../import/source-error.ts';
import { CSV_FIELDS, DEFAULT_CSV_MAPPING, REQUIRED_CSV_FIELDS, type CsvField, type CsvMapping } from './mapping.ts';
import { parseCsvRow, type CsvRow } from './parse-csv-row.ts';

export interface CsvSourceOptions {
  mapping?: CsvMapping;
  clock?: Clock;
}

interface ParsedRecord {
  record: string[];
  raw: string;
  info: { bytes: number; lines: number };
}

const EXCERPT_CHARS = 2048;

type OnSkip = (err: CsvError | undefined, raw: string | undefined) => undefined;

function parserFor(onSkip: OnSkip) {
  return parse({
    bom: true,
    info: true,
    raw: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: onSkip,
  });
}

/** Reads the header row (the first record) of the file. */
async function readHeader(path: string): Promise<string[]> {
  const parser = parse({ bom: true, to: 1, skip_empty_lines: true });
  const feeding = pipeline(Readable.from(readChunks(path, 0, () => {})), parser).catch(() => {});
  try {
    for await (const rec of parser) {
      parser.destroy();
      return (rec as string[]).map((h) => h.trim());
    }
  } catch (e) {
    if (e instanceof SourceError) throw e;
    throw new SourceError(path, `cannot read the CSV header of ${path}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  } finally {
    await feeding;
  }
  throw new SourceError(path, `${path} is empty: a CSV import needs a header row naming the columns`);
}

/** Lines inside a record (its final line break excluded): the record starts that many lines earlier. */
function innerLines(raw: string): number {
  let n = 0;
  const body = raw.replace(/^(\r?\n)+/, '').replace(/\r?\n$/, '');
  for (let i = body.indexOf('\n'); i !== -1; i = body.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * A CSV file with a header row, read with csv-parse (streaming; BOM tolerated; quoted multi-line
 * fields). Columns are found through the mapping; missing required columns end the read at once
 * with a SourceError naming them. Checkpoints are `"<byte offset>:<line>"`; a resume reads the
 * header again, then seeks.
 */
export function csvFileSource(path: string, options: CsvSourceOptions = {}): Source {
  const mapping = options.mapping ?? DEFAULT_CSV_MAPPING;
  const clock = options.clock ?? systemClock;
  let done = 0;
  let total: number | null = null;
  return {
    id: path,
    kind: 'file:csv',
    progress: () => ({ done, total }),
    async *read(readOptions: SourceOptions = {}): AsyncGenerator<SourceItem> {
      const { signal } = readOptions;
      const opened = await startOfRead(path, readOptions.from);
      const start = opened.start;
      total = opened.total;
      const header = await readHeader(path);
      const index = {} as Record<CsvField, number>;
      for (const f of CSV_FIELDS) index[f] = header.indexOf(mapping[f]);
      const missing = REQUIRED_CSV_FIELDS.filter((f) => index[f] === -1);
      if (missing.length > 0) {
        const list = missing.map((f) => `"${mapping[f]}" (for ${f})`).join(', ');
        const flag = missing.map((f) => `${f}=<column>`).join(',');
        throw new SourceError(
          path,
          `${path}: the CSV header lacks the column(s) ${list}. The header has: ${header.map((h) => JSON.stringify(h)).join(', ')}. Map your columns with the CSV mapping flag, for example --map ${flag}`,
        );
      }
      done = start.offset;
      const skipped: { reason: string; raw: string; line: number | null }[] = [];
      const parser = parserFor((err, raw) => {
        const line = (err as { lines?: unknown } | undefined)?.lines;
        skipped.push({ reason: `malformed CSV: ${err?.message ?? 'unreadable record'}`, raw: raw ?? '', line: typeof line === 'number' ? start.line + line : null });
        return undefined;
      });
      const feeding = pipeline(Readable.from(readChunks(path, start.offset, (n) => (done += n), signal)), parser).catch(() => {});
      let checkpoint = `${start.offset}:${start.line}`;
      let first = start.offset === 0;
      const rejectOf = (s: (typeof skipped)[number]): SourceItem => ({
        kind: 'reject',
        reject: { source: path, line: s.line, reason: s.reason, excerpt: s.raw.slice(0, EXCERPT_CHARS).replace(/\u0000/g, '') },
        checkpoint,
      });
      try {
        for await (const rec of parser as AsyncIterable<ParsedRecord>) {
          if (signal?.aborted) return;
          const endLine = start.line + rec.info.lines;
          const line = endLine - innerLines(rec.raw);
          // csv-parse reports a skipped record as soon as it parses it, ahead of the records before it.
          while (skipped.length > 0 && (skipped[0]!.line ?? 0) < line) yield rejectOf(skipped.shift()!);
          checkpoint = `${start.offset + rec.info.bytes}:${endLine}`;
          if (first) {
            first = false; // the header row
            continue;
          }
          const row: CsvRow = {};
          const raw: Record<string, string> = {};
          for (const f of CSV_FIELDS) if (index[f] !== -1) row[f] = rec.record[index[f]];
          header.forEach((h, i) => (raw[h || `column${i + 1}`] = rec.record[i] ?? ''));
          const outcome = parseCsvRow(row, raw, clock.now(), mapping);
          if (outcome.kind === 'mention') yield { kind: 'mention', mention: outcome.mention, checkpoint };
          else if (outcome.kind === 'reject') {
            yield { kind: 'reject', reject: { source: path, line, reason: outcome.reason, excerpt: rec.raw.slice(0, EXCERPT_CHARS).replace(/\u0000/g, '') }, checkpoint };
          }
        }
        while (skipped.length > 0) yield rejectOf(skipped.shift()!);
      } finally {
        parser.destroy();
        await feeding;
      }
    },
  };
}
