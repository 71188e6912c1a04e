import { systemClock, type Clock } from '../../domain/clock.ts';
import type { RecordParser, Source, SourceItem, SourceOptions } from '../source.ts';
import { readBytes, readChunks, startOfRead } from './file-open.ts';
import { splitJsonArray, type ArrayPosition } from './json-array.ts';
import { splitLines, type RawRecord } from './records.ts';
import { decodeUtf8, excerpt } from './utf8.ts';

/** The longest record read; a longer one is rejected without being held in memory. */
export const MAX_RECORD_BYTES = 1024 * 1024;

export interface LineFileSourceOptions {
  clock?: Clock;
  /** Accept a file that is one JSON array of records instead of one record per line. */
  allowJsonArray?: boolean;
}

const isSpace = (b: number): boolean => b === 32 || b === 10 || b === 13 || b === 9;

/** Whether the file is a JSON array: its first byte after a BOM and white space is `[`. */
async function sniffArray(path: string): Promise<boolean> {
  const head = await readBytes(path, 0, 4096);
  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  while (i < head.length && isSpace(head[i]!)) i++;
  return head[i] === 0x5b;
}

/** Where an array scan resumes: after a `]` the array is done, otherwise between elements. */
async function arrayPosition(path: string, offset: number): Promise<ArrayPosition> {
  if (offset === 0) return 'start';
  const before = await readBytes(path, offset - 1, 1);
  return before[0] === 0x5d ? 'done' : 'between';
}

function toItem(rec: RawRecord, parser: RecordParser, source: string, clock: Clock, unit: string): SourceItem | null {
  const checkpoint = `${rec.end}:${rec.endLine}`;
  const reject = (reason: string, text: string): SourceItem => ({
    kind: 'reject',
    reject: { source, line: rec.line, reason, excerpt: text },
    checkpoint,
  });
  if (rec.bytes === null) {
    return reject(`${unit} is ${rec.size} bytes, over the ${MAX_RECORD_BYTES / 1024 / 1024} MB limit`, excerpt(rec.head ?? Buffer.alloc(0)));
  }
  if (rec.error !== undefined) return reject(rec.error, excerpt(rec.bytes));
  const decoded = decodeUtf8(rec.bytes);
  if (!decoded.ok) return reject(`invalid UTF-8 at byte ${decoded.at} of the ${unit}`, excerpt(rec.bytes));
  let outcome;
  try {
    outcome = parser(decoded.text, clock.now());
  } catch (e) {
    // Parsers do not throw; if one ever does, the record is rejected and the import goes on.
    return reject(`parser failure: ${e instanceof Error ? e.message : String(e)}`, excerpt(rec.bytes));
  }
  switch (outcome.kind) {
    case 'mention':
      return { kind: 'mention', mention: outcome.mention, checkpoint };
    case 'delete':
      return { kind: 'delete', id: outcome.id, at: outcome.at, checkpoint };
    case 'reject':
      return reject(outcome.reason, excerpt(rec.bytes));
    case 'ignore':
      return null;
  }
}

/**
 * A file of one record per line (NDJSON, `\n` or `\r\n`), read as bytes so that invalid UTF-8
 * is seen; optionally one JSON array of records. Bad records become rejects; only I/O errors end
 * the read (as a SourceError). Checkpoints are `"<byte offset>:<line>"`.
 */
export function lineFileSource(path: string, kind: string, parser: RecordParser, options: LineFileSourceOptions = {}): Source {
  const clock = options.clock ?? systemClock;
  let done = 0;
  let total: number | null = null;
  return {
    id: path,
    kind,
    progress: () => ({ done, total }),
    async *read(readOptions: SourceOptions = {}): AsyncGenerator<SourceItem> {
      const { signal } = readOptions;
      const opened = await startOfRead(path, readOptions.from);
      const start = opened.start;
      total = opened.total;
      done = start.offset;
      if (signal?.aborted) return;
      const chunks = readChunks(path, start.offset, (n) => (done += n), signal);
      const isArray = options.allowJsonArray === true && (await sniffArray(path));
      const records = isArray
        ? splitJsonArray(chunks, start.offset, start.line, MAX_RECORD_BYTES, await arrayPosition(path, start.offset))
        : splitLines(chunks, start.offset, start.line, MAX_RECORD_BYTES);
      const unit = isArray ? 'record' : 'line';
      for await (const rec of records) {
        if (signal?.aborted) return;
        const item = toItem(rec, parser, path, clock, unit);
        if (item !== null) yield item;
      }
    },
  };
}
