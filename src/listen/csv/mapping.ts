/** The fields a CSV import fills, each read from one column. */
export const CSV_FIELDS = [
  'id',
  'text',
  'created_at',
  'author_id',
  'author_handle',
  'author_name',
  'author_followers',
  'lang',
  'url',
  'platform',
  'likes',
  'reposts',
  'replies',
  'quotes',
  'views',
] as const;
export type CsvField = (typeof CSV_FIELDS)[number];

/** Which CSV column (by header name) gives each field. */
export type CsvMapping = Record<CsvField, string>;

export const REQUIRED_CSV_FIELDS: readonly CsvField[] = ['id', 'text', 'created_at'];

/** The default mapping: each field from the column of the same name. */
export const DEFAULT_CSV_MAPPING: CsvMapping = Object.fromEntries(CSV_FIELDS.map((f) => [f, f])) as CsvMapping;

const isField = (s: string): s is CsvField => (CSV_FIELDS as readonly string[]).includes(s);

/**
 * Parses the CLI's mapping flag, e.g. `text=body,created_at=date`: each `field=column` overrides
 * the default. Throws an Error that says what is wrong and what is allowed.
 */
export function parseCsvMapping(spec: string): CsvMapping {
  const mapping: CsvMapping = { ...DEFAULT_CSV_MAPPING };
  const seen = new Set<string>();
  for (const part of spec.split(',')) {
    if (part.trim() === '') continue;
    const eq = part.indexOf('=');
    if (eq === -1) throw new Error(`CSV mapping: "${part.trim()}" is not field=column (for example text=body)`);
    const field = part.slice(0, eq).trim();
    const column = part.slice(eq + 1).trim();
    if (!isField(field)) {
      throw new Error(`CSV mapping: unknown field "${field}"; the fields are ${CSV_FIELDS.join(', ')}`);
    }
    if (column === '') throw new Error(`CSV mapping: the column name for "${field}" is empty (write ${field}=<column>)`);
    if (seen.has(field)) throw new Error(`CSV mapping: "${field}" is mapped twice`);
    seen.add(field);
    mapping[field] = column;
  }
  return mapping;
}

/** The mapping written back as a flag value (only what differs from the default). */
export function formatCsvMapping(mapping: CsvMapping): string {
  return CSV_FIELDS.filter((f) => mapping[f] !== f)
    .map((f) => `${f}=${mapping[f]}`)
    .join(',');
}
