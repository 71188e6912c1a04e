/**
 * Readers for the sentiment training and validation sets in the `/work/shared/data` layout
 * (SemEval English TSV, UMSAB text/labels pairs, DEFT 2017 French TSV, TweetEval validation), and
 * for the project's written brand mentions (corpora/categories/{train,eval}-{fr,en}.jsonl, MIT).
 * Every problem is reported with file:line, what is wrong and how to fix it; nothing is guessed.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CorpusError, readCategoryCorpus } from '../categories/corpus.ts';
import { defaultModelPath } from './default-model.ts';
import type { LabelIndex } from './types.ts';

/** One labelled text and where it came from. */
export interface LabelledText {
  readonly text: string;
  readonly label: LabelIndex;
  readonly lang: 'en' | 'fr';
  /** The data set's short name (e.g. `semeval-en-train`). */
  readonly source: string;
  /** file:line, for messages. */
  readonly where: string;
  /** The brand a written mention is about (brand folds for cross-validation); absent for tweets. */
  readonly brand?: string;
}

/** A data set as read: its texts, and what was left out on purpose (with counts). */
export interface DataSet {
  readonly name: string;
  readonly files: readonly string[];
  readonly rows: LabelledText[];
  /** Rows left out by design (e.g. DEFT `mixed`), reason → count. */
  readonly dropped: Record<string, number>;
}

/** A training or validation file that cannot be used as it is. */
export class TrainingDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TrainingDataError';
  }
}

/** The layout under the data root (`--data`). */
export const DATA_PATHS = {
  semeval: 'sentiment/semeval-en-train/train_dedup.tsv',
  umsabFrench: 'sentiment/umsab/french',
  umsabEnglish: 'sentiment/umsab/english',
  deft: 'sentiment/deft2017-fr/train.tsv',
  tweetevalVal: 'sentiment/tweeteval-en',
} as const;

function readText(path: string, what: string): string {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (e) {
    const code = e instanceof Error && 'code' in e ? String(e.code) : '';
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : e instanceof Error ? e.message : String(e);
    throw new TrainingDataError(`${path}: cannot read the ${what} (${why}); check --data points at the data root (it should contain sentiment/…)`);
  }
  if (raw.includes('\u0000')) {
    const line = raw.slice(0, raw.indexOf('\u0000')).split('\n').length;
    throw new TrainingDataError(`${path}:${line}: NUL byte: this is not a UTF-8 text file (${what})`);
  }
  return raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
}

/** Lines without their line ends; a final empty line (trailing newline) is not a line. */
function lines(raw: string): string[] {
  const out = raw.split(/\r?\n/);
  if (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out;
}

function labelId(value: string, where: string, field: string): LabelIndex {
  const v = value.trim();
  if (v === '0' || v === '1' || v === '2') return Number(v) as LabelIndex;
  throw new TrainingDataError(`${where}: ${field} is "${v.slice(0, 40)}", expected 0 (negative), 1 (neutral) or 2 (positive)`);
}

function checkText(text: string, where: string): string {
  const t = text.trim();
  if (t.length === 0) throw new TrainingDataError(`${where}: empty text; remove the line or fill it in`);
  return t;
}

/**
 * SemEval 2013–2016 English (`train_dedup.tsv`): a header naming `label_id` and
 * `text_tweeteval_style` (TweetEval's preprocessing: URLs removed, handles → @user), tab-separated.
 */
export function readSemeval(path: string): DataSet {
  const all = lines(readText(path, 'SemEval training file'));
  const header = (all[0] ?? '').split('\t');
  const li = header.indexOf('label_id');
  const ti = header.indexOf('text_tweeteval_style');
  if (li < 0 || ti < 0) {
    throw new TrainingDataError(`${path}:1: the header must name the columns label_id and text_tweeteval_style (tab-separated); got "${(all[0] ?? '').slice(0, 80)}"`);
  }
  const rows: LabelledText[] = [];
  for (let i = 1; i < all.length; i++) {
    const where = `${path}:${i + 1}`;
    const cells = all[i]!.split('\t');
    if (cells.length !== header.length) {
      throw new TrainingDataError(`${where}: ${cells.length} tab-separated fields, the header has ${header.length}; a text may contain a tab or a line break`);
    }
    rows.push({ text: checkText(cells[ti]!, where), label: labelId(cells[li]!, where, 'label_id'), lang: 'en', source: 'semeval-en-train', where });
  }
  return { name: 'semeval-en-train', files: [path], rows, dropped: {} };
}

/** UMSAB / TweetEval layout: `<split>_text.txt` and `<split>_labels.txt`, one item per line, same count. */
export function readTextLabels(dir: string, split: string, name: string, lang: 'en' | 'fr'): DataSet {
  const textPath = join(dir, `${split}_text.txt`);
  const labelPath = join(dir, `${split}_labels.txt`);
  const texts = lines(readText(textPath, `${name} texts`));
  const labels = lines(readText(labelPath, `${name} labels`));
  if (texts.length !== labels.length) {
    throw new TrainingDataError(
      `${textPath} has ${texts.length} lines but ${labelPath} has ${labels.length}: they must pair up line by line (a text with a line break?)`,
    );
  }
  const rows: LabelledText[] = texts.map((t, i) => {
    const where = `${textPath}:${i + 1}`;
    return { text: checkText(t, where), label: labelId(labels[i]!, `${labelPath}:${i + 1}`, 'the label'), lang, source: name, where };
  });
  return { name, files: [textPath, labelPath], rows, dropped: {} };
}

const DEFT_LABELS: Record<string, LabelIndex | null> = { negative: 0, objective: 1, positive: 2, mixed: null };

/** DEFT 2017 French (`train.tsv`: id, label, text): objective → neutral, `mixed` dropped. */
export function readDeft(path: string): DataSet {
  const all = lines(readText(path, 'DEFT 2017 file'));
  const header = (all[0] ?? '').split('\t');
  const li = header.indexOf('label');
  const ti = header.indexOf('text');
  if (li < 0 || ti < 0) throw new TrainingDataError(`${path}:1: the header must name the columns label and text (tab-separated)`);
  const rows: LabelledText[] = [];
  const dropped: Record<string, number> = {};
  for (let i = 1; i < all.length; i++) {
    const where = `${path}:${i + 1}`;
    const cells = all[i]!.split('\t');
    if (cells.length < header.length) throw new TrainingDataError(`${where}: ${cells.length} tab-separated fields, expected ${header.length}`);
    const raw = cells[li]!.trim();
    if (!(raw in DEFT_LABELS)) {
      throw new TrainingDataError(`${where}: label "${raw.slice(0, 40)}" is not one of objective, negative, positive, mixed`);
    }
    const label = DEFT_LABELS[raw]!;
    if (label === null) {
      dropped['mixed (no 3-class equivalent)'] = (dropped['mixed (no 3-class equivalent)'] ?? 0) + 1;
      continue;
    }
    // A text containing a tab spreads over the remaining cells.
    rows.push({ text: checkText(cells.slice(ti).join(' '), where), label, lang: 'fr', source: 'deft2017-fr', where });
  }
  return { name: 'deft2017-fr', files: [path], rows, dropped };
}

/** All the sets a `vigie train sentiment --data <root>` run reads. */
export interface SentimentCorpus {
  readonly train: DataSet[];
  /** Validation sets: reported, and every training text equal to one of them is excluded. */
  readonly validation: DataSet[];
  /**
   * In-domain evaluation sets (the written brand mentions' eval files): reported only, never used
   * to choose anything; every training text equal to one of them is excluded too.
   */
  readonly inDomain: DataSet[];
}

/** The repository's written brand mentions (`--corpus` default). */
export function defaultCorpusDir(): string {
  return join(dirname(dirname(dirname(defaultModelPath()))), 'corpora', 'categories');
}

/**
 * One file of written brand mentions (`<dir>/<split>-<lang>.jsonl`, read by readCategoryCorpus) as
 * a sentiment data set named `brands-<lang>-<split>`: its `sentiment` field is the label, and every
 * row must have one and be in the file's language.
 */
export function readBrandMentions(dir: string, split: 'train' | 'eval', lang: 'en' | 'fr'): DataSet {
  const path = join(dir, `${split}-${lang}.jsonl`);
  const name = `brands-${lang}-${split}`;
  let records;
  try {
    records = readCategoryCorpus(path);
  } catch (e) {
    if (e instanceof CorpusError) throw new TrainingDataError(`${e.message}\n(check --corpus points at the folder of train-fr.jsonl, train-en.jsonl, eval-fr.jsonl and eval-en.jsonl)`);
    throw e;
  }
  const rows: LabelledText[] = records.map((r) => {
    if (r.sentiment === null) throw new TrainingDataError(`${r.where}: field "sentiment" is missing; give "negative", "neutral" or "positive"`);
    if (r.lang !== lang) throw new TrainingDataError(`${r.where}: field "lang" is "${r.lang}" in a ${lang} file; move the mention to the ${r.lang} file or fix its language`);
    const label: LabelIndex = r.sentiment === 'negative' ? 0 : r.sentiment === 'neutral' ? 1 : 2;
    return { text: checkText(r.text, r.where), label, lang, source: name, where: r.where, ...(r.brand !== null ? { brand: r.brand } : {}) };
  });
  return { name, files: [path], rows, dropped: {} };
}

export function readSentimentCorpus(root: string, corpusDir: string = defaultCorpusDir()): SentimentCorpus {
  return {
    train: [
      readSemeval(join(root, DATA_PATHS.semeval)),
      readTextLabels(join(root, DATA_PATHS.umsabFrench), 'train', 'umsab-fr-train', 'fr'),
      readDeft(join(root, DATA_PATHS.deft)),
      readBrandMentions(corpusDir, 'train', 'en'),
      readBrandMentions(corpusDir, 'train', 'fr'),
    ],
    validation: [
      readTextLabels(join(root, DATA_PATHS.tweetevalVal), 'val', 'tweeteval-en-val', 'en'),
      readTextLabels(join(root, DATA_PATHS.umsabFrench), 'val', 'umsab-fr-val', 'fr'),
      readTextLabels(join(root, DATA_PATHS.umsabEnglish), 'val', 'umsab-en-val', 'en'),
    ],
    inDomain: [readBrandMentions(corpusDir, 'eval', 'en'), readBrandMentions(corpusDir, 'eval', 'fr')],
  };
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/**
 * The form two texts are compared in to find validation tweets inside training data: `\uXXXX`
 * escapes and HTML entities decoded (TweetEval keeps some SemEval 2013 escapes), NFKC,
 * lowercased, URLs and the "http" left by preprocessing removed, @handles as "user", only
 * letters and digits kept, whitespace collapsed.
 */
export function overlapKey(text: string): string {
  return text
    .replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    .replace(/&(amp|lt|gt|quot|apos|nbsp);|&#(\d{1,6});/g, (m, name: string | undefined, code: string | undefined) =>
      name !== undefined ? ENTITIES[name]! : Number(code) <= 0x10ffff ? String.fromCodePoint(Number(code)) : m,
    )
    .normalize('NFKC')
    .toLowerCase()
    .replace(/https?:\/\/\S+|\bhttps?\b/g, ' ')
    .replace(/@\S+/g, ' user ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
