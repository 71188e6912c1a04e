import type { Clock } from '../../domain/clock.ts';
import { csvFileSource } from '../csv/csv-source.ts';
import type { CsvMapping } from '../csv/mapping.ts';
import type { Source } from '../source.ts';
import { LINE_PARSERS, type FileFormat } from './formats.ts';
import { lineFileSource } from './line-file-source.ts';

export { FILE_FORMATS, isFileFormat, type FileFormat } from './formats.ts';

export interface FileSourceOptions {
  /** For `csv`: which column gives each field (default: columns named as the fields). */
  csvMapping?: CsvMapping;
  /** Gives `receivedAt` (default: the system clock). */
  clock?: Clock;
}

/**
 * A file import: X filtered-stream NDJSON (`x`), Bluesky Jetstream frames (`jetstream`), Mastodon
 * statuses or stream events, one per line or as one JSON array (`mastodon`), or CSV (`csv`).
 * See docs/import-formats.md. Nothing is read until `read()` is iterated.
 */
export function openFileSource(path: string, format: FileFormat, options: FileSourceOptions = {}): Source {
  if (format === 'csv') return csvFileSource(path, { mapping: options.csvMapping, clock: options.clock });
  return lineFileSource(path, `file:${format}`, LINE_PARSERS[format], {
    clock: options.clock,
    allowJsonArray: format === 'mastodon',
  });
}
