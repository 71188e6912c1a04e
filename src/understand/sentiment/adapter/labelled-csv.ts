import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { SentimentLabel } from '../../../domain/mention.ts';
import { SENTIMENT_LABELS } from '../types.ts';
import type { LabelledRow } from './simulate.ts';

/**
 * Reads a labelled CSV (header row; quoted multi-line fields; BOM tolerated) for the corrections
 * simulation: the text, label and brand columns named by the caller. Labels are 0/1/2 or
 * negative/neutral/positive, any case; labels listed in `dropLabels` (e.g. "irrelevant") drop
 * their row; anything else is an error naming the file, line and value.
 */
export interface LabelledCsvOptions {
  textColumn: string;
  labelColumn: string;
  brandColumn: string;
  /** The language of every row (ISO 639-1). */
  lang: string | null;
  dropLabels?: readonly string[];
}

export class LabelledCsvError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LabelledCsvError';
  }
}

export interface LabelledCsv {
  rows: LabelledRow[];
  /** Rows dropped for their label, by label. */
  dropped: Record<string, number>;
}

export function parseLabel(value: string): SentimentLabel | null {
  const v = value.trim().toLowerCase();
  if (v === '0' || v === '1' || v === '2') return SENTIMENT_LABELS[Number(v)]!;
  return (SENTIMENT_LABELS as readonly string[]).includes(v) ? (v as SentimentLabel) : null;
}

interface Parsed { record: string[]; info: { lines: number } }

export function readLabelledCsv(path: string, options: LabelledCsvOptions): LabelledCsv {
  let content: string;
  try {
    content = readFileSync(path, 'utf8');
  } catch (e) {
    throw new LabelledCsvError(`cannot read ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
  let records: Parsed[];
  try {
    records = parse(content, { bom: true, info: true, relax_column_count: false, skip_empty_lines: true }) as unknown as Parsed[];
  } catch (e) {
    const line = (e as { lines?: unknown }).lines;
    throw new LabelledCsvError(`${path}${typeof line === 'number' ? `:${line}` : ''}: malformed CSV: ${e instanceof Error ? e.message : String(e)}`);
  }
  const header = records[0]?.record;
  if (header === undefined) throw new LabelledCsvError(`${path}: the file is empty (expected a header row, then one row per text)`);
  const column = (name: string, flag: string): number => {
    const i = header.indexOf(name);
    if (i < 0) {
      throw new LabelledCsvError(`${path}: no column "${name}" (${flag}); the header has: ${header.map((h) => JSON.stringify(h)).join(', ')}`);
    }
    return i;
  };
  const text = column(options.textColumn, '--text-col');
  const label = column(options.labelColumn, '--label-col');
  const brand = column(options.brandColumn, '--brand-col');
  const drop = new Set((options.dropLabels ?? []).map((l) => l.trim().toLowerCase()));
  const rows: LabelledRow[] = [];
  const dropped: Record<string, number> = {};
  for (let r = 1; r < records.length; r++) {
    const { record, info } = records[r]!;
    const line = info.lines;
    const rawLabel = record[label] ?? '';
    const parsed = parseLabel(rawLabel);
    if (parsed === null) {
      const key = rawLabel.trim().toLowerCase();
      if (drop.has(key)) {
        dropped[key] = (dropped[key] ?? 0) + 1;
        continue;
      }
      throw new LabelledCsvError(`${path}:${line}: column "${options.labelColumn}": unknown label ${JSON.stringify(rawLabel.slice(0, 60))}; ` +
        `expected 0/1/2 or negative/neutral/positive (any case), or drop such rows with --drop-label ${JSON.stringify(key.slice(0, 60))}`);
    }
    const brandId = (record[brand] ?? '').trim();
    if (brandId.length === 0) throw new LabelledCsvError(`${path}:${line}: column "${options.brandColumn}" is empty: every row needs its brand`);
    rows.push({ text: record[text] ?? '', lang: options.lang, label: parsed, brand: brandId });
  }
  return { rows, dropped };
}
