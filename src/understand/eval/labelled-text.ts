/**
 * Readers for labelled evaluation data: a text file and a label file read line by line (the
 * TweetEval / UMSAB layout), or one CSV file with a text column and a label column. They accept
 * what those data sets really look like — UTF-8 with or without a BOM, CRLF line ends, no final
 * newline — and refuse anything else with an error naming the file, the line and how to fix it,
 * never a silent guess. The label vocabulary is a parameter (sentiment classes, language codes…).
 */
import { readFileSync } from 'node:fs';
import { parse, type CsvError } from 'csv-parse/sync';

/** Bad evaluation input: the message names the file (and line) and says how to fix it. */
export class LabelledDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LabelledDataError';
  }
}

/** How to read one label: `parse` returns undefined for a label it does not accept. */
export interface LabelSpec<L> {
  parse(raw: string): L | undefined;
  /** What is accepted, for error messages, e.g. `0, 1, 2 or negative, neutral, positive`. */
  accepted: string;
  /** An extra hint for a refused label (e.g. a known other scale), or undefined. */
  hint?(raw: string): string | undefined;
}

export interface LabelledItem<L> {
  text: string;
  label: L;
  /** Where the item comes from, for messages: `file:line`. */
  source: string;
}

function readUtf8(path: string, what: string): string {
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch (e) {
    const code = e instanceof Error && 'code' in e ? String(e.code) : '';
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, not a file' : e instanceof Error ? e.message : String(e);
    throw new LabelledDataError(`${what} ${path}: ${reason}`);
  }
  if ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff)) {
    throw new LabelledDataError(`${path}: the file is UTF-16; save it as UTF-8`);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(buf);
  } catch {
    // Find the first line with invalid bytes, to say where.
    let line = 1;
    let start = 0;
    for (let i = 0; i <= buf.length; i++) {
      if (i === buf.length || buf[i] === 0x0a) {
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(buf.subarray(start, i));
        } catch {
          break;
        }
        line++;
        start = i + 1;
      }
    }
    throw new LabelledDataError(`${path}:${line}: not valid UTF-8 (save the file as UTF-8)`);
  }
}

/**
 * The lines of a UTF-8 text file: BOM removed, `\n` or `\r\n` line ends, a final newline optional
 * (UMSAB files have none). `what` names the file's role in errors (e.g. `--text`).
 */
export function readLines(path: string, what = 'file'): string[] {
  const content = readUtf8(path, what);
  if (content === '') return [];
  const lines = content.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}

function labelError<L>(where: string, raw: string, spec: LabelSpec<L>): LabelledDataError {
  const hint = spec.hint?.(raw);
  const shown = raw.length > 40 ? `${raw.slice(0, 40)}…` : raw;
  const what = raw === '' ? 'empty label' : `"${shown}" is not an accepted label`;
  return new LabelledDataError(`${where}: ${what}; accepted: ${spec.accepted}${hint ? ` (${hint})` : ''}`);
}

/**
 * Reads a text file (one text per line) and a label file (one label per line, same order). The
 * two must have the same number of lines. Labels are trimmed before parsing; texts are kept as is.
 */
export function readTextAndLabels<L>(textPath: string, labelPath: string, spec: LabelSpec<L>): LabelledItem<L>[] {
  const texts = readLines(textPath, 'text file');
  const labels = readLines(labelPath, 'label file');
  if (texts.length === 0) throw new LabelledDataError(`${textPath}: no text (the file is empty)`);
  if (texts.length !== labels.length) {
    const emptyLast = (xs: string[], p: string): string => (xs.length > 0 && xs[xs.length - 1]!.trim() === '' ? `; the last line of ${p} is blank` : '');
    throw new LabelledDataError(
      `${textPath} has ${texts.length} lines but ${labelPath} has ${labels.length}: each text needs one label on the same line number` +
        emptyLast(texts, textPath) +
        emptyLast(labels, labelPath),
    );
  }
  return texts.map((text, i) => {
    const raw = (labels[i] as string).trim();
    const label = raw === '' ? undefined : spec.parse(raw);
    if (label === undefined) throw labelError(`${labelPath}:${i + 1}`, raw, spec);
    return { text, label, source: `${textPath}:${i + 1}` };
  });
}

export interface CsvColumns {
  /** Header name, or 0-based index, of the text column (default `text`). */
  textCol?: string;
  /** Header name, or 0-based index, of the label column (default `label`). */
  labelCol?: string;
}

function resolveColumn(header: readonly string[], wanted: string, option: string, path: string): number {
  const byName = header.indexOf(wanted);
  if (byName >= 0) return byName;
  if (/^\d+$/.test(wanted)) {
    const i = Number(wanted);
    if (i < header.length) return i;
    throw new LabelledDataError(`${path}: ${option} ${wanted}: the file has ${header.length} columns (indexes 0 to ${header.length - 1})`);
  }
  throw new LabelledDataError(`${path}: ${option} "${wanted}": no such column; the header has ${header.map((h) => `"${h}"`).join(', ')} (or give a 0-based index)`);
}

/**
 * Reads a CSV file with a header row (BOM tolerated, quoted fields may span lines). The text and
 * label columns are chosen by header name or 0-based index. A malformed row (unclosed quote, wrong
 * number of fields…) is an error with its line.
 */
export function readLabelledCsv<L>(path: string, columns: CsvColumns, spec: LabelSpec<L>): LabelledItem<L>[] {
  const content = readUtf8(path, 'CSV file');
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    // With `info: true` csv-parse returns { record, info } objects, which its overloads do not type.
    rows = parse(content, { bom: true, info: true, skip_empty_lines: true }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (e) {
    const err = e as CsvError;
    if (typeof err.code === 'string' && err.code.startsWith('CSV_')) {
      throw new LabelledDataError(`${path}:${err.lines}: malformed CSV: ${err.message}`);
    }
    throw e;
  }
  const header = rows[0]?.record;
  if (header === undefined) throw new LabelledDataError(`${path}: empty CSV file (a header row and one row per text are expected)`);
  const textIdx = resolveColumn(header, columns.textCol ?? 'text', '--text-col', path);
  const labelIdx = resolveColumn(header, columns.labelCol ?? 'label', '--label-col', path);
  if (textIdx === labelIdx) throw new LabelledDataError(`${path}: the text and label columns are the same (column ${textIdx})`);
  if (rows.length === 1) throw new LabelledDataError(`${path}: no rows after the header`);
  return rows.slice(1).map(({ record, info }) => {
    // info.lines is the line where the record ends; a quoted field may span several lines.
    const line = info.lines - record.reduce((n, f) => n + (f.match(/\n/g)?.length ?? 0), 0);
    const raw = (record[labelIdx] as string).trim();
    const label = raw === '' ? undefined : spec.parse(raw);
    if (label === undefined) throw labelError(`${path}:${line} (column "${header[labelIdx]}")`, raw, spec);
    return { text: record[textIdx] as string, label, source: `${path}:${line}` };
  });
}

export interface JsonlFields {
  /** Field holding the text (default `text`). */
  textField?: string;
  /** Field holding the label (default `label`). */
  labelField?: string;
  /** Field holding each row's language code, or null not to read one (default `lang`, optional per row). */
  langField?: string | null;
}

/** A labelled item read from JSON Lines, with the row's language when it gives one. */
export interface LabelledJsonlItem<L> extends LabelledItem<L> {
  lang: string | null;
}

/**
 * Reads JSON Lines (one object per line; blank lines skipped, BOM and CRLF tolerated), e.g. the
 * project's corpora/categories/*.jsonl. The text and label fields are required strings (a label
 * may also be a number 0/1/2); the language field is optional, and when present must be a
 * language code. Every bad line is an error with file:line and the field.
 */
export function readLabelledJsonl<L>(path: string, fields: JsonlFields, spec: LabelSpec<L>): LabelledJsonlItem<L>[] {
  const textField = fields.textField ?? 'text';
  const labelField = fields.labelField ?? 'label';
  const langField = fields.langField === undefined ? 'lang' : fields.langField;
  const content = readUtf8(path, 'JSONL file');
  const items: LabelledJsonlItem<L>[] = [];
  content.split('\n').forEach((rawLine, i) => {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (line.trim() === '') return;
    const where = `${path}:${i + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      throw new LabelledDataError(`${where}: invalid JSON (${e instanceof Error ? e.message : String(e)}); each line must be one JSON object`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new LabelledDataError(`${where}: expected a JSON object with the fields "${textField}" and "${labelField}"`);
    }
    const o = value as Record<string, unknown>;
    const text = o[textField];
    if (typeof text !== 'string') {
      throw new LabelledDataError(`${where}: field "${textField}" ${text === undefined ? 'is missing' : `must be a string, got ${JSON.stringify(text)}`} (choose the text field with --text-field)`);
    }
    const rawLabel = o[labelField];
    if (typeof rawLabel !== 'string' && typeof rawLabel !== 'number') {
      throw new LabelledDataError(`${where}: field "${labelField}" ${rawLabel === undefined ? 'is missing' : `must be a string, got ${JSON.stringify(rawLabel)}`} (choose the label field with --label-field)`);
    }
    const labelText = String(rawLabel).trim();
    const label = labelText === '' ? undefined : spec.parse(labelText);
    if (label === undefined) throw labelError(`${where} (field "${labelField}")`, labelText, spec);
    let lang: string | null = null;
    if (langField !== null && o[langField] !== undefined && o[langField] !== null) {
      const l = o[langField];
      if (typeof l !== 'string' || !/^[A-Za-z]{2,3}([-_][A-Za-z0-9]+)*$/.test(l)) {
        throw new LabelledDataError(`${where}: field "${langField}" must be a language code such as "fr" or "en", got ${JSON.stringify(l)} (or give --lang for every row)`);
      }
      lang = l;
    }
    items.push({ text, label, lang, source: where });
  });
  if (items.length === 0) throw new LabelledDataError(`${path}: no row (expected one JSON object per line)`);
  return items;
}
