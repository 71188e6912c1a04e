import { NabDataError } from './errors.ts';

/** A CSV file with a header row; `lines[k]` is the 1-based line where `rows[k]` starts. */
export interface CsvTable {
  header: string[];
  rows: string[][];
  lines: number[];
}

/**
 * Parses the simple CSV files of NAB (no quotes, "\n" or "\r\n"), with a slower RFC 4180 path
 * when a quote appears (quoted commas, doubled quotes, line breaks inside quotes). Blank lines
 * are skipped; a leading BOM is ignored. `source` names the file in errors.
 */
export function parseCsv(text: string, source: string): CsvTable {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records = body.includes('"') ? splitQuoted(body, source) : splitPlain(body);
  const first = records.rows[0];
  if (first === undefined) throw new NabDataError(`${source}: empty file (expected a header row such as "timestamp,value")`);
  return { header: first.map((h) => h.trim()), rows: records.rows.slice(1), lines: records.lines.slice(1) };
}

function splitPlain(text: string): { rows: string[][]; lines: number[] } {
  const rows: string[][] = [];
  const lines: number[] = [];
  const all = text.split('\n');
  for (let i = 0; i < all.length; i++) {
    let line = all[i] as string;
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (line.trim() === '') continue;
    rows.push(line.split(','));
    lines.push(i + 1);
  }
  return { rows, lines };
}

function splitQuoted(text: string, source: string): { rows: string[][]; lines: number[] } {
  const rows: string[][] = [];
  const lines: number[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let rowLine = 1;
  let quoted = false;
  let quoteLine = 0;
  const endRow = (): void => {
    fields.push(field);
    if (fields.length > 1 || (fields[0] as string).trim() !== '') {
      rows.push(fields);
      lines.push(rowLine);
    }
    fields = [];
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
    } else if (c === '"' && field.trim() === '') {
      field = '';
      quoted = true;
      quoteLine = line;
    } else if (c === ',') {
      fields.push(field);
      field = '';
    } else if (c === '\n') {
      endRow();
      line++;
      rowLine = line;
    } else if (c !== '\r' || text[i + 1] !== '\n') field += c;
  }
  if (quoted) throw new NabDataError(`${source}: line ${quoteLine}: a quoted field is never closed (add the closing ")`);
  endRow();
  return { rows, lines };
}

/**
 * Only the named columns of a CSV file (`columns[k][r]`: column k, row r), with each row's line.
 * NAB's results files have eight columns of which two are read: on files without quotes this
 * slices the two cells out of each line instead of splitting every line into arrays.
 */
export function readCsvColumns(text: string, source: string, names: readonly string[]): { columns: string[][]; lines: number[] } {
  if (text.includes('"')) {
    const table = parseCsv(text, source);
    const indices = names.map((n) => columnIndex(table, n, source));
    return { columns: indices.map((i) => table.rows.map((r) => r[i] ?? '')), lines: table.lines };
  }
  let at = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let lineNo = 0;
  let header: string[] | undefined;
  let indices: number[] = [];
  const columns: string[][] = names.map(() => []);
  const lines: number[] = [];
  while (at < text.length) {
    let end = text.indexOf('\n', at);
    if (end < 0) end = text.length;
    const stop = end > at && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    lineNo++;
    const line = text.slice(at, stop);
    at = end + 1;
    if (line.trim() === '') continue;
    if (header === undefined) {
      header = line.split(',').map((h) => h.trim());
      const table = { header, rows: [], lines: [] };
      indices = names.map((n) => columnIndex(table, n, source));
      continue;
    }
    lines.push(lineNo);
    for (let k = 0; k < indices.length; k++) columns[k]!.push(cell(line, indices[k]!));
  }
  if (header === undefined) throw new NabDataError(`${source}: empty file (expected a header row such as "timestamp,value")`);
  return { columns, lines };
}

/** The i-th comma-separated cell of a line without quotes ('' when the line is shorter). */
function cell(line: string, i: number): string {
  let start = 0;
  for (let k = 0; k < i; k++) {
    const comma = line.indexOf(',', start);
    if (comma < 0) return '';
    start = comma + 1;
  }
  const end = line.indexOf(',', start);
  return end < 0 ? line.slice(start) : line.slice(start, end);
}

/** The index of a column, or a clear error listing the columns found. */
export function columnIndex(table: CsvTable, name: string, source: string): number {
  const i = table.header.indexOf(name);
  if (i < 0) {
    throw new NabDataError(`${source}: no "${name}" column in the header (found: ${table.header.join(', ')})`);
  }
  return i;
}
