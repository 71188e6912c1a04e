import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Command } from 'commander';
import { CorpusError, readCategoryCorpus, type CategoryRecord } from '../../understand/categories/corpus.ts';
import type { CategoryEvaluation } from '../../understand/categories/evaluate.ts';
import { serializeModel } from '../../understand/categories/model-file.ts';
import { DEFAULT_SEED, DEFAULT_TRAIN_OPTIONS, trainCategoryModel, type TrainReport } from '../../understand/categories/train.ts';
import { CliError } from '../errors.ts';
import { parseIntegerOption } from '../options.ts';
import { formatTable, printJson, printLine } from '../output.ts';

interface TrainCategoriesOptions {
  data: string;
  out: string;
  seed: string;
  folds: string;
  json?: boolean;
}

export const DEFAULT_CATEGORY_DATA = 'corpora/categories';
export const DEFAULT_CATEGORY_MODEL_OUT = 'models/categories/vigie-categories-1.json';

/**
 * `vigie train categories`: trains the crisis-trigger category classifier on the `train-*.jsonl`
 * files of a folder (never the `eval-*` ones), with thresholds and settings chosen by seeded
 * cross-validation, and writes the model file with its provenance.
 */
export function registerTrainCategories(trainCommand: Command): void {
  trainCommand
    .command('categories')
    .description('Train the crisis-trigger category classifier on labelled JSONL corpora (the train-*.jsonl files of --data)')
    .option('--data <dir>', 'folder holding train-*.jsonl (one labelled mention per line)', DEFAULT_CATEGORY_DATA)
    .option('--out <file>', 'model file to write', DEFAULT_CATEGORY_MODEL_OUT)
    .option('--seed <n>', 'seed of the cross-validation folds', String(DEFAULT_SEED))
    .option('--folds <n>', 'cross-validation folds', String(DEFAULT_TRAIN_OPTIONS.folds))
    .option('--json', 'print one JSON object (the training report)')
    .action((opts: TrainCategoriesOptions) => {
      const seed = parseIntegerOption(opts.seed, '--seed', 0, 2 ** 32 - 1);
      const folds = parseIntegerOption(opts.folds, '--folds', 2, 20);
      const files = trainingFiles(opts.data);
      const records: CategoryRecord[] = [];
      const corpora: { file: string; mentions: number; sha256: string }[] = [];
      for (const file of files) {
        let list: CategoryRecord[];
        try {
          list = readCategoryCorpus(file);
        } catch (e) {
          if (e instanceof CorpusError) throw new CliError(e.message);
          throw e;
        }
        records.push(...list);
        corpora.push({ file: basename(file), mentions: list.length, sha256: createHash('sha256').update(readFileSync(file)).digest('hex') });
      }
      const seen = new Map<string, string>();
      for (const r of records) {
        const previous = seen.get(r.id);
        if (previous !== undefined) throw new CliError(`${r.where}: id "${r.id}" already used at ${previous}`);
        seen.set(r.id, r.where);
      }
      const log = opts.json ? undefined : (m: string): void => printLine(m);
      if (!opts.json) printLine(`Training on ${records.length} mentions from ${files.map((f) => basename(f)).join(', ')}; ${folds}-fold cross-validation, seed ${seed}:`);
      let result: ReturnType<typeof trainCategoryModel>;
      try {
        result = trainCategoryModel(records, { ...DEFAULT_TRAIN_OPTIONS, seed, folds, log });
      } catch (e) {
        if (e instanceof CorpusError) throw new CliError(e.message);
        throw e;
      }
      const { model, report } = result;
      model.training = provenance(report, corpora, opts, seed, folds);
      const text = serializeModel(model);
      try {
        mkdirSync(dirname(opts.out), { recursive: true });
        writeFileSync(opts.out, text);
      } catch (e) {
        throw new CliError(`--out ${opts.out}: cannot write the model (${(e as Error).message})`);
      }
      if (opts.json) printJson({ out: opts.out, bytes: Buffer.byteLength(text), ...reportJson(report) });
      else printReport(report, opts.out, Buffer.byteLength(text));
    });
}

function trainingFiles(dir: string): string[] {
  let names: string[];
  try {
    if (!statSync(dir).isDirectory()) throw new CliError(`--data ${dir}: not a folder (expected a folder holding train-*.jsonl)`);
    names = readdirSync(dir);
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`--data ${dir}: cannot read the folder (${(e as Error).message})`);
  }
  const files = names.filter((n) => /^train-.*\.jsonl$/.test(n)).sort();
  if (files.length === 0) throw new CliError(`--data ${dir}: no train-*.jsonl file (expected e.g. train-en.jsonl, train-fr.jsonl)`);
  return files.map((n) => join(dir, n));
}

function summary(e: CategoryEvaluation): Record<string, unknown> {
  const r3 = (x: number): number => Math.round(x * 1000) / 1000;
  return {
    mentions: e.mentions,
    categories: Object.fromEntries(e.rows.map((r) => [r.category, { support: r.support, precision: r3(r.precision), recall: r3(r.recall), f1: r3(r.f1) }])),
    micro: { precision: r3(e.micro.precision), recall: r3(e.micro.recall), f1: r3(e.micro.f1) },
    macro: { precision: r3(e.macro.precision), recall: r3(e.macro.recall), f1: r3(e.macro.f1) },
    exactMatch: r3(e.exactMatch),
  };
}

function provenance(
  report: TrainReport,
  corpora: { file: string; mentions: number; sha256: string }[],
  opts: TrainCategoriesOptions,
  seed: number,
  folds: number,
): Record<string, unknown> {
  return {
    command: `vigie train categories --data ${opts.data} --seed ${seed} --folds ${folds}`,
    corpora,
    origin: 'written for the Vigie project (see corpora/categories/README.md); MIT',
    seed,
    folds,
    minDf: report.minDf,
    chosen: report.chosen,
    grid: report.grid.map((g) => ({ ...g.setting, macroF1: Math.round(g.macroF1 * 1000) / 1000, microF1: Math.round(g.microF1 * 1000) / 1000 })),
    features: report.features,
    iterations: report.iterations,
    converged: report.converged,
    crossValidation: summary(report.crossValidation),
  };
}

function reportJson(report: TrainReport): Record<string, unknown> {
  return {
    mentions: report.mentions,
    byLanguage: report.byLanguage,
    seed: report.seed,
    folds: report.folds,
    chosen: report.chosen,
    grid: report.grid,
    thresholds: report.thresholds,
    features: report.features,
    converged: report.converged,
    crossValidation: summary(report.crossValidation),
    crossValidationByLanguage: Object.fromEntries(Object.entries(report.crossValidationByLanguage).map(([l, e]) => [l, summary(e)])),
  };
}

function printReport(report: TrainReport, out: string, bytes: number): void {
  const f = (x: number): string => x.toFixed(2);
  const cv = report.crossValidation;
  printLine();
  printLine(`Chosen: λ=${report.chosen.lambda}, bigrams ${report.chosen.features.bigrams ? 'on' : 'off'}, character n-grams ${report.chosen.features.charNgrams.length > 0 ? report.chosen.features.charNgrams.join(',') : 'off'}; ${report.features} features.`);
  printLine('Out-of-fold scores (thresholds tuned on these same predictions, so slightly optimistic):');
  printLine();
  const rows = cv.rows.map((r) => [r.category, String(r.support), f(r.precision), f(r.recall), f(r.f1), String(report.thresholds[r.category])]);
  rows.push(['micro', '', f(cv.micro.precision), f(cv.micro.recall), f(cv.micro.f1), '']);
  rows.push(['macro', '', f(cv.macro.precision), f(cv.macro.recall), f(cv.macro.f1), '']);
  printLine(formatTable(['category', 'support', 'precision', 'recall', 'F1', 'threshold'], rows));
  printLine();
  for (const [lang, e] of Object.entries(report.crossValidationByLanguage)) {
    printLine(`${lang}: ${e.mentions} mentions, micro-F1 ${f(e.micro.f1)}, macro-F1 ${f(e.macro.f1)}, exact match ${f(e.exactMatch)}`);
  }
  printLine(`Wrote ${out} (${Math.round(bytes / 1024)} KiB).`);
}
