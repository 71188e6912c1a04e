/**
 * Reads a category corpus: JSONL, one labelled mention per line —
 * `{"id", "lang", "text", "categories": [ids] | ["none"], "sentiment"?, "brand"?}`.
 * Every problem is reported with its file:line and field (invalid JSON, missing or empty
 * field, unknown category, 'none' mixed with categories, repeated id…), all of them at once
 * (up to 20) so one pass fixes a file. Blank lines are skipped.
 */
import { readFileSync } from 'node:fs';
import { CATEGORY_IDS, NONE, type CategoryId } from './taxonomy.ts';

export interface CategoryRecord {
  id: string;
  lang: string;
  text: string;
  /** The gold categories; [] for ['none']. */
  categories: CategoryId[];
  sentiment: 'negative' | 'neutral' | 'positive' | null;
  brand: string | null;
  /** Where it was read: `file:line`. */
  where: string;
}

export class CorpusError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CorpusError';
  }
}

const KNOWN = new Set<string>(CATEGORY_IDS);
const SENTIMENTS = new Set(['negative', 'neutral', 'positive']);
const MAX_REPORTED = 20;

export function readCategoryCorpus(path: string): CategoryRecord[] {
  let content: string;
  try {
    content = readFileSync(path, 'utf8');
  } catch (e) {
    throw new CorpusError(`${path}: cannot read the corpus (${(e as Error).message})`);
  }
  return parseCategoryCorpus(content, path);
}

export function parseCategoryCorpus(content: string, file: string): CategoryRecord[] {
  const records: CategoryRecord[] = [];
  const problems: string[] = [];
  const ids = new Map<string, number>();
  const lines = content.split('\n');
  lines.forEach((line, i) => {
    const n = i + 1;
    const where = `${file}:${n}`;
    if (line.trim() === '') return;
    const problem = (msg: string): void => void problems.push(`${where}: ${msg}`);
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch (e) {
      problem(`invalid JSON (${(e as Error).message}); each line must be one JSON object`);
      return;
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      problem('expected a JSON object {"id", "lang", "text", "categories"}');
      return;
    }
    const o = raw as Record<string, unknown>;
    const before = problems.length;
    const str = (field: string): string => {
      const v = o[field];
      if (v === undefined) problem(`missing field "${field}"`);
      else if (typeof v !== 'string') problem(`field "${field}" must be a string, got ${JSON.stringify(v)}`);
      else if (v.trim() === '') problem(`field "${field}" is empty`);
      else return v;
      return '';
    };
    const id = str('id');
    const lang = str('lang');
    if (lang !== '' && !/^[a-z]{2,3}(-[A-Za-z0-9]+)*$/.test(lang)) problem(`field "lang": "${lang}" is not a language code (expected e.g. "fr", "en")`);
    const text = str('text');
    const categories: CategoryId[] = [];
    const cats = o.categories;
    if (cats === undefined) problem('missing field "categories" (use ["none"] for a mention with no trigger)');
    else if (!Array.isArray(cats) || cats.length === 0) problem('field "categories" must be a non-empty list (use ["none"] for a mention with no trigger)');
    else {
      const seen = new Set<string>();
      for (const c of cats) {
        if (typeof c !== 'string') problem(`field "categories": ${JSON.stringify(c)} is not a string`);
        else if (seen.has(c)) problem(`field "categories": "${c}" is listed twice`);
        else if (c === NONE) {
          if (cats.length > 1) problem(`field "categories": "none" cannot be mixed with other categories (${cats.filter((x) => x !== NONE).join(', ')})`);
        } else if (!KNOWN.has(c)) problem(`field "categories": unknown category "${c}" (known: ${CATEGORY_IDS.join(', ')}, none)`);
        else categories.push(c as CategoryId);
        if (typeof c === 'string') seen.add(c);
      }
    }
    let sentiment: CategoryRecord['sentiment'] = null;
    if (o.sentiment !== undefined) {
      if (typeof o.sentiment === 'string' && SENTIMENTS.has(o.sentiment)) sentiment = o.sentiment as CategoryRecord['sentiment'];
      else problem(`field "sentiment" must be "negative", "neutral" or "positive", got ${JSON.stringify(o.sentiment)}`);
    }
    let brand: string | null = null;
    if (o.brand !== undefined && o.brand !== null) {
      if (typeof o.brand === 'string') brand = o.brand;
      else problem(`field "brand" must be a string, got ${JSON.stringify(o.brand)}`);
    }
    if (id !== '') {
      const previous = ids.get(id);
      if (previous !== undefined) problem(`id "${id}" already used on line ${previous}`);
      else ids.set(id, n);
    }
    if (problems.length === before) records.push({ id, lang, text, categories: sortCategories(categories), sentiment, brand, where });
  });
  if (problems.length > 0) {
    const shown = problems.slice(0, MAX_REPORTED);
    const more = problems.length > MAX_REPORTED ? `\n… and ${problems.length - MAX_REPORTED} more problems` : '';
    throw new CorpusError(`${file}: ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${shown.join('\n')}${more}`);
  }
  if (records.length === 0) throw new CorpusError(`${file}: no mention in the file (expected one JSON object per line)`);
  return records;
}

function sortCategories(list: CategoryId[]): CategoryId[] {
  return list.sort((a, b) => CATEGORY_IDS.indexOf(a) - CATEGORY_IDS.indexOf(b));
}
