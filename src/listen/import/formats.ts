import { parseJetstreamFrame } from '../bluesky/parse-jetstream.ts';
import { parseMastodonRecord } from '../mastodon/parse-status.ts';
import type { RecordParser } from '../source.ts';
import { parseXLine } from '../x/parse-x-line.ts';

export const FILE_FORMATS = ['x', 'jetstream', 'mastodon', 'csv'] as const;
export type FileFormat = (typeof FILE_FORMATS)[number];

/** The parser of each line-based format (CSV has its own reader). */
export const LINE_PARSERS: Record<Exclude<FileFormat, 'csv'>, RecordParser> = {
  x: parseXLine,
  jetstream: parseJetstreamFrame,
  mastodon: parseMastodonRecord,
};

export function isFileFormat(s: string): s is FileFormat {
  return (FILE_FORMATS as readonly string[]).includes(s);
}
