/**
 * `vigie eval language`: scores Vigie's language identification on texts with known languages —
 * a text file with a file of ISO 639-1 codes, or UMSAB's `all` folder (eight languages in known
 * order) — per language (accuracy, coverage = share not null, precision of the answers), per
 * length bucket, with the confusion, the reasons for null answers and texts/s.
 */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { LabelledDataError, readTextAndLabels, type LabelSpec } from '../../understand/eval/labelled-text.ts';
import { LANGUAGE_NAMES, parseLanguageCode } from '../../understand/language/codes.ts';
import { MIN_CONFIDENCE } from '../../understand/language/confidence.ts';
import { detectLanguage } from '../../understand/language/detect.ts';
import { LANGUAGE_MODEL_ID } from '../../understand/language/eld-backend.ts';
import { evaluateLanguage, type LanguageEvalItem, type LanguageEvaluation, type LanguageScore } from '../../understand/language/evaluate.ts';
import { readUmsabLanguages } from '../../understand/language/umsab.ts';
import { CliError } from '../errors.ts';
import { formatTable, printJson, printLine } from '../output.ts';

interface EvalLanguageOptions {
  text?: string;
  labels?: string;
  umsab?: string;
  split: string;
  hint?: string;
  predictions?: string;
  json?: boolean;
}

const LANGUAGE_LABEL_SPEC: LabelSpec<string> = {
  parse: parseLanguageCode,
  accepted: 'an ISO 639-1 code such as fr, en, es, de (a region suffix like fr-FR is dropped)',
  hint: (raw) => (/^[a-z]{3}$/i.test(raw.trim()) ? 'three-letter ISO 639-3 codes are not accepted: use the two-letter code' : undefined),
};

export function registerEvalLanguage(evalCommand: Command): void {
  evalCommand
    .command('language')
    .description("Score Vigie's language identification: accuracy, coverage (share not null) and precision per language and text length, confusion, texts/s")
    .option('--text <file>', 'one text per line')
    .option('--labels <file>', 'one ISO 639-1 code per line, same order as --text')
    .option('--umsab <dir>', "UMSAB's all/ folder (8 languages in blocks: ar, en, fr, de, hi, it, pt, es), instead of --text and --labels")
    .option('--split <name>', 'with --umsab: val or test', 'val')
    .option('--hint <codes>', "comma-separated languages given as a hint (a brand's languages), e.g. fr,en")
    .option('--predictions <out>', 'write the detected language of each text there, one per line (empty when null)')
    .option('--json', 'print one JSON object')
    .action((opts: EvalLanguageOptions) => {
      const { items, source } = readItems(opts);
      const hint = parseHint(opts.hint);
      const e = evaluateLanguage(items, hint === undefined ? (t) => detectLanguage(t) : (t) => detectLanguage(t, hint));
      if (opts.predictions !== undefined) {
        try {
          writeFileSync(opts.predictions, `${e.predictions.map((p) => p ?? '').join('\n')}\n`);
        } catch (err) {
          throw new CliError(`--predictions ${opts.predictions}: cannot write (${err instanceof Error ? err.message : String(err)})`);
        }
      }
      if (opts.json) printJson(toJson(e, hint));
      else printReport(e, source, hint, opts.predictions);
    });
}

function readItems(opts: EvalLanguageOptions): { items: LanguageEvalItem[]; source: string } {
  const lineFiles = opts.text !== undefined || opts.labels !== undefined;
  if (opts.umsab !== undefined && lineFiles) throw new CliError('give either --umsab, or --text and --labels, not both');
  try {
    if (opts.umsab !== undefined) {
      const { items, checked } = readUmsabLanguages(opts.umsab, opts.split);
      const note = checked.length > 0 ? `; order checked against ${checked.join(', ')}` : '';
      return { items, source: `UMSAB ${opts.split} split in ${opts.umsab}${note}` };
    }
    if (opts.text === undefined || opts.labels === undefined) {
      throw new CliError(`${opts.text === undefined ? '--text' : '--labels'} is missing: give --text <file> and --labels <file>, or --umsab <dir>`);
    }
    const items = readTextAndLabels(opts.text, opts.labels, LANGUAGE_LABEL_SPEC).map((i) => ({ text: i.text, lang: i.label }));
    return { items, source: `${opts.text} (languages ${opts.labels})` };
  } catch (e) {
    if (e instanceof LabelledDataError) throw new CliError(e.message);
    throw e;
  }
}

function parseHint(raw: string | undefined): string[] | undefined {
  if (raw === undefined) return undefined;
  const codes = raw.split(',').map((c) => c.trim()).filter((c) => c !== '');
  const parsed = codes.map((c) => {
    const code = parseLanguageCode(c);
    if (code === undefined) throw new CliError(`--hint: "${c}" is not an ISO 639-1 language code (e.g. fr,en)`);
    return code;
  });
  if (parsed.length === 0) throw new CliError('--hint: give at least one language code (e.g. fr,en)');
  return parsed;
}

const r4 = (x: number): number => Math.round(x * 1e4) / 1e4;
const scoreJson = (s: LanguageScore) => ({ n: s.n, accuracy: r4(s.accuracy), coverage: r4(s.coverage), precision: r4(s.precision) });

function toJson(e: LanguageEvaluation, hint: string[] | undefined): unknown {
  return {
    n: e.n,
    accuracy: r4(e.accuracy),
    coverage: r4(e.coverage),
    precision: r4(e.precision),
    textsPerSec: Math.round(e.textsPerSec),
    perLanguage: Object.fromEntries(e.perLanguage.map((l) => [l.lang, { ...scoreJson(l), known: LANGUAGE_NAMES.has(l.lang) }])),
    byLength: Object.fromEntries(e.byLength.map((b) => [b.bucket, scoreJson(b)])),
    confusion: e.confusion,
    reasons: e.reasons,
    model: LANGUAGE_MODEL_ID,
    minConfidence: MIN_CONFIDENCE,
    hint: hint ?? null,
  };
}

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;

function printReport(e: LanguageEvaluation, source: string, hint: string[] | undefined, predictions: string | undefined): void {
  printLine(`Language identification: ${e.n} texts from ${source}`);
  printLine(`Model ${LANGUAGE_MODEL_ID}, answers below confidence ${MIN_CONFIDENCE} are null; hint: ${hint?.join(', ') ?? 'none'}`);
  printLine('accuracy: right answers / texts (null counts as wrong); coverage: answers not null; precision: right / answered');
  printLine();
  const unknown = e.perLanguage.filter((l) => !LANGUAGE_NAMES.has(l.lang));
  const rows = [...e.perLanguage]
    .sort((a, b) => b.n - a.n || a.lang.localeCompare(b.lang))
    .map((l) => [l.lang, LANGUAGE_NAMES.get(l.lang) ?? '(not in the model *)', String(l.n), pct(l.accuracy), pct(l.coverage), pct(l.precision)]);
  rows.push(['all', '', String(e.n), pct(e.accuracy), pct(e.coverage), pct(e.precision)]);
  printLine(formatTable(['lang', 'name', 'texts', 'accuracy', 'coverage', 'precision'], rows));
  if (unknown.length > 0) printLine('* The model does not know these languages: the right answer is null, so lower coverage is better.');
  printLine();
  printLine(formatTable(
    ['length (chars)', 'texts', 'accuracy', 'coverage', 'precision'],
    e.byLength.map((b) => [b.bucket, String(b.n), pct(b.accuracy), pct(b.coverage), pct(b.precision)]),
  ));
  printLine();
  const golds = Object.keys(e.confusion).sort();
  const predicted = [...new Set(golds.flatMap((g) => Object.keys(e.confusion[g] as object)))].sort((a, b) =>
    a === 'null' ? 1 : b === 'null' ? -1 : a.localeCompare(b),
  );
  printLine('Confusion (rows: true language, columns: detected; null = no language):');
  printLine(formatTable(['true \\ detected', ...predicted], golds.map((g) => [g, ...predicted.map((p) => String(e.confusion[g]?.[p] ?? 0))])));
  const reasons = Object.entries(e.reasons).sort((a, b) => b[1] - a[1]);
  if (reasons.length > 0) printLine(`Null answers by reason: ${reasons.map(([r, n]) => `${r} ${n}`).join(', ')}`);
  printLine();
  printLine(`Speed: ${Math.round(e.textsPerSec)} texts/s (detection only, ${e.seconds.toFixed(3)} s)`);
  if (predictions !== undefined) printLine(`Wrote ${e.predictions.length} detected languages to ${predictions}`);
}
