/**
 * `vigie eval sentiment`: scores a sentiment model on labelled texts (TweetEval / UMSAB text and
 * label files, a CSV, or JSON Lines such as corpora/categories/*.jsonl, whose rows may each carry
 * their language) — accuracy, macro-recall, macro-F1, a per-class report, the confusion
 * matrix, calibration and texts/s — and can write its predictions, one 0/1/2 per line.
 */
import { existsSync, statSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { LabelledDataError, readLabelledCsv, readLabelledJsonl, readTextAndLabels, type LabelledItem } from '../../understand/eval/labelled-text.ts';
import { evaluateSentiment, type SentimentEvaluation } from '../../understand/eval/sentiment-eval.ts';
import { SENTIMENT_LABEL_SPEC } from '../../understand/eval/sentiment-labels.ts';
import { parseLanguageCode } from '../../understand/language/codes.ts';
import { loadSentimentModel } from '../../understand/sentiment/default-model.ts';
import { withMinConfidence } from '../../understand/sentiment/min-confidence.ts';
import { loadOnnxSentiment } from '../../understand/sentiment/onnx/load.ts';
import type { BatchSentimentModel, LabelIndex, SentimentModel } from '../../understand/sentiment/types.ts';
import { SENTIMENT_LABELS } from '../../understand/sentiment/types.ts';
import { CliError } from '../errors.ts';
import { formatTable, printJson, printLine } from '../output.ts';

interface EvalSentimentOptions {
  text?: string;
  labels?: string;
  csv?: string;
  textCol?: string;
  labelCol?: string;
  jsonl?: string;
  textField?: string;
  labelField?: string;
  lang?: string;
  json?: boolean;
  predictions?: string;
  model?: string;
  onnx?: string;
  minConfidence?: string;
}

export function registerEvalSentiment(evalCommand: Command): void {
  evalCommand
    .command('sentiment')
    .description('Score a sentiment model on labelled texts (0 negative, 1 neutral, 2 positive): accuracy, macro-recall, macro-F1, per class, confusion, texts/s')
    .option('--text <file>', 'one text per line (TweetEval / UMSAB layout)')
    .option('--labels <file>', 'one label per line, same order: 0/1/2, negative/neutral/positive, neg/neu/pos or négatif/neutre/positif')
    .option('--csv <file>', 'a CSV file with a header row, instead of --text and --labels')
    .option('--text-col <name|index>', 'the CSV text column, by header name or 0-based index (default: text)')
    .option('--label-col <name|index>', 'the CSV label column, by header name or 0-based index (default: label)')
    .option('--jsonl <file>', 'JSON Lines, one object per line (e.g. corpora/categories/eval-fr.jsonl), instead of --text and --labels; each row\'s "lang" is given to the model unless --lang')
    .option('--text-field <name>', 'the JSONL text field (default: text)')
    .option('--label-field <name>', 'the JSONL label field (default: sentiment)')
    .option('--lang <code>', 'ISO 639-1 language given to the model for every text (default: unknown; with --jsonl, each row\'s "lang")')
    .option('--model <file>', 'a sentiment model file instead of the built-in one')
    .option('--onnx <dir>', 'use the transformer backend with the model in this directory')
    .option('--min-confidence <p>', 'the stored decision rule: a built-in prediction less confident than p counts as neutral (understand.sentiment.minConfidence; default 0: the model as it is)')
    .option('--predictions <out>', 'write the predicted labels there, one 0/1/2 per line')
    .option('--json', 'print one JSON object')
    .action(async (opts: EvalSentimentOptions) => {
      const items = readItems(opts);
      const lang = parseLang(opts.lang);
      const opened = await openModel(opts);
      // JSONL rows carry their own language (unless --lang overrides it for all).
      const rowLangs = opts.jsonl !== undefined && lang === null ? items.map((i) => ('lang' in i && typeof i.lang === 'string' ? parseLang(i.lang, i.source) : null)) : null;
      const model = rowLangs === null ? opened : withRowLanguages(opened, items.map((i) => i.text), rowLangs);
      let result: SentimentEvaluation;
      try {
        result = await evaluateSentiment(items.map((i) => i.text), items.map((i) => i.label), model, { lang });
      } finally {
        if ('close' in model) await model.close();
      }
      if (opts.predictions !== undefined) writePredictions(opts.predictions, result.predictions);
      if (opts.json) printJson(toJson(result));
      else printReport(result, opts, rowLangs === null ? (lang ?? 'none (unknown)') : `each row's "lang" (${languageCounts(rowLangs)})`);
    });
}

function readItems(opts: EvalSentimentOptions): LabelledItem<LabelIndex>[] {
  const lineFiles = opts.text !== undefined || opts.labels !== undefined;
  if (opts.csv !== undefined && lineFiles) throw new CliError('give either --csv, or --text and --labels, not both');
  if (opts.jsonl !== undefined && (lineFiles || opts.csv !== undefined)) throw new CliError('give either --jsonl, --csv, or --text and --labels, not two of them');
  if (opts.csv === undefined && (opts.textCol !== undefined || opts.labelCol !== undefined)) {
    throw new CliError('--text-col and --label-col go with --csv');
  }
  if (opts.jsonl === undefined && (opts.textField !== undefined || opts.labelField !== undefined)) {
    throw new CliError('--text-field and --label-field go with --jsonl');
  }
  try {
    if (opts.jsonl !== undefined) {
      return readLabelledJsonl(opts.jsonl, { textField: opts.textField ?? 'text', labelField: opts.labelField ?? 'sentiment' }, SENTIMENT_LABEL_SPEC);
    }
    if (opts.csv !== undefined) {
      return readLabelledCsv(opts.csv, { textCol: opts.textCol, labelCol: opts.labelCol }, SENTIMENT_LABEL_SPEC);
    }
    if (opts.text === undefined || opts.labels === undefined) {
      throw new CliError(`${opts.text === undefined ? '--text' : '--labels'} is missing: give --text <file> and --labels <file>, or --csv <file>, or --jsonl <file>`);
    }
    return readTextAndLabels(opts.text, opts.labels, SENTIMENT_LABEL_SPEC);
  } catch (e) {
    if (e instanceof LabelledDataError) throw new CliError(e.message);
    throw e;
  }
}

function parseLang(raw: string | undefined, where?: string): string | null {
  if (raw === undefined) return null;
  const lang = parseLanguageCode(raw);
  if (lang === undefined) {
    throw new CliError(where === undefined ? `--lang "${raw}": not an ISO 639-1 language code (e.g. fr, en, es, de)` : `${where}: field "lang" "${raw}" is not an ISO 639-1 language code (e.g. fr, en); fix it or give --lang`);
  }
  return lang;
}

/**
 * The model, but text i gets `langs[i]` instead of the one language evaluateSentiment passes to
 * all: the evaluation predicts the texts once each, in order, so the i-th call is text i (checked).
 */
function withRowLanguages(model: SentimentModel | BatchSentimentModel, texts: readonly string[], langs: readonly (string | null)[]): SentimentModel | BatchSentimentModel {
  let next = 0;
  const langOf = (text: string): string | null => {
    const i = next++;
    if (texts[i] !== text) throw new Error(`per-row languages: prediction ${i + 1} is not for text ${i + 1}`);
    return langs[i]!;
  };
  if ('predictBatch' in model) {
    return { id: model.id, languages: model.languages, close: () => model.close(), predictBatch: (items) => model.predictBatch(items.map((it) => ({ text: it.text, lang: langOf(it.text) }))) };
  }
  return { id: model.id, languages: model.languages, predict: (text) => model.predict(text, langOf(text)) };
}

function languageCounts(langs: readonly (string | null)[]): string {
  const counts = new Map<string, number>();
  for (const l of langs) counts.set(l ?? 'none', (counts.get(l ?? 'none') ?? 0) + 1);
  return [...counts].map(([l, n]) => `${l} ${n}`).join(', ');
}

async function openModel(opts: EvalSentimentOptions): Promise<SentimentModel | BatchSentimentModel> {
  if (opts.model !== undefined && opts.onnx !== undefined) throw new CliError('give either --model or --onnx, not both');
  if (opts.onnx !== undefined) {
    if (!existsSync(opts.onnx) || !statSync(opts.onnx).isDirectory()) throw new CliError(`--onnx ${opts.onnx}: no such directory`);
    try {
      return await loadOnnxSentiment(opts.onnx);
    } catch (e) {
      throw new CliError(`--onnx ${opts.onnx}: cannot load the model (${e instanceof Error ? e.message : String(e)})`);
    }
  }
  if (opts.model !== undefined) {
    if (!existsSync(opts.model) || !statSync(opts.model).isFile()) throw new CliError(`--model ${opts.model}: no such file`);
    try {
      return withMinConfidence(loadSentimentModel(opts.model), minConfidenceOf(opts));
    } catch (e) {
      throw new CliError(`--model ${opts.model}: cannot load the model (${e instanceof Error ? e.message : String(e)})`);
    }
  }
  return withMinConfidence(loadSentimentModel(), minConfidenceOf(opts));
}

function minConfidenceOf(opts: EvalSentimentOptions): number {
  if (opts.minConfidence === undefined) return 0;
  const p = Number(opts.minConfidence);
  if (opts.minConfidence.trim() === '' || !(p >= 0 && p <= 1)) throw new CliError(`--min-confidence must be a number from 0 to 1 (got ${opts.minConfidence})`);
  return p;
}

function writePredictions(path: string, predictions: readonly LabelIndex[]): void {
  try {
    writeFileSync(path, predictions.length === 0 ? '' : `${predictions.join('\n')}\n`);
  } catch (e) {
    throw new CliError(`--predictions ${path}: cannot write (${e instanceof Error ? e.message : String(e)})`);
  }
}

const r4 = (x: number): number => Math.round(x * 1e4) / 1e4;

function toJson(r: SentimentEvaluation): unknown {
  const perClass = Object.fromEntries(
    r.perClass.map((c) => [
      SENTIMENT_LABELS[c.index] as string,
      { precision: r4(c.precision), recall: r4(c.recall), f1: r4(c.f1), support: c.support, predicted: c.predicted },
    ]),
  );
  return {
    n: r.n,
    accuracy: r4(r.accuracy),
    macroRecall: r4(r.macroRecall),
    macroF1: r4(r.macroF1),
    textsPerSec: Math.round(r.textsPerSec),
    perClass,
    confusion: r.confusion,
    model: r.model,
  };
}

function printReport(r: SentimentEvaluation, opts: EvalSentimentOptions, languages: string): void {
  const source = opts.jsonl ?? opts.csv ?? `${opts.text} (labels ${opts.labels})`;
  printLine(`Sentiment: ${r.n} texts from ${source}`);
  printLine(`Model ${r.model}, language given: ${languages}`);
  printLine();
  printLine(formatTable(['metric', 'value', 'note'], [
    ['accuracy', r.accuracy.toFixed(4), ''],
    ['macro-recall', r.macroRecall.toFixed(4), "TweetEval's metric"],
    ['macro-F1', r.macroF1.toFixed(4), "UMSAB's metric"],
    ['ECE', r.ece.toFixed(4), 'calibration of the probabilities (10 bins; 0 = calibrated)'],
  ]));
  printLine();
  printLine(formatTable(
    ['class', 'precision', 'recall', 'F1', 'support', 'predicted'],
    r.perClass.map((c) => [SENTIMENT_LABELS[c.index] as string, c.precision.toFixed(4), c.recall.toFixed(4), c.f1.toFixed(4), String(c.support), String(c.predicted)]),
  ));
  printLine();
  printLine('Confusion matrix (rows: gold label, columns: predicted):');
  printLine(formatTable(['gold \\ predicted', ...SENTIMENT_LABELS], r.confusion.map((row, g) => [SENTIMENT_LABELS[g] as string, ...row.map(String)])));
  printLine();
  printLine(`Speed: ${Math.round(r.textsPerSec)} texts/s (model predictions only, ${r.seconds.toFixed(3)} s)`);
  const abstained = Object.entries(r.abstained).sort((a, b) => b[1] - a[1]);
  if (abstained.length > 0) {
    const total = abstained.reduce((n, [, c]) => n + c, 0);
    printLine(`The model abstained (low-confidence neutral) on ${total} texts: ${abstained.map(([k, c]) => `${k} ${c}`).join(', ')}`);
  }
  if (opts.predictions !== undefined) printLine(`Wrote ${r.predictions.length} predictions to ${opts.predictions}`);
}
