import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { DEFAULT_MODEL_PATH, loadCategoryModel, type CategoryClassifier } from '../../understand/categories/classifier.ts';
import { CorpusError, readCategoryCorpus, type CategoryRecord } from '../../understand/categories/corpus.ts';
import { evaluateCorpus, type CategoryEvaluation, type ScoreRow } from '../../understand/categories/evaluate.ts';
import { createLexiconBaseline } from '../../understand/categories/lexicon-baseline.ts';
import { CategoryModelError } from '../../understand/categories/model-file.ts';
import { CliError } from '../errors.ts';
import { formatTable, printJson, printLine } from '../output.ts';

interface EvalCategoriesOptions {
  data: string;
  model?: string;
  json?: boolean;
  lexiconOnly?: boolean;
  predictions?: string;
}

/**
 * `vigie eval categories`: scores the category classifier (and the lexicon-only baseline beside
 * it) on a labelled JSONL file: precision, recall, F1 and support per category, micro and macro
 * averages, exact-match ratio, the merged "product defect or safety" row and the `none` row.
 */
export function registerEvalCategories(evalCommand: Command): void {
  evalCommand
    .command('categories')
    .description('Score the crisis-trigger category classifier and the lexicon-only baseline on a labelled JSONL file')
    .requiredOption('--data <file.jsonl>', 'labelled mentions, one JSON object per line: {"id", "lang", "text", "categories"}')
    .option('--model <file>', `category model (default: the shipped ${DEFAULT_MODEL_PATH.split('/').slice(-3).join('/')})`)
    .option('--json', 'print one JSON object')
    .option('--lexicon-only', 'score the lexicon-only baseline alone (no model needed)')
    .option('--predictions <out.jsonl>', "write each mention's gold and predicted categories")
    .action((opts: EvalCategoriesOptions) => {
      let records: CategoryRecord[];
      try {
        records = readCategoryCorpus(opts.data);
      } catch (e) {
        if (e instanceof CorpusError) throw new CliError(e.message);
        throw e;
      }
      let classifier: CategoryClassifier | null = null;
      if (!opts.lexiconOnly) {
        try {
          classifier = loadCategoryModel(opts.model ?? DEFAULT_MODEL_PATH);
        } catch (e) {
          if (e instanceof CategoryModelError) throw new CliError(`${e.message} (or use --lexicon-only)`);
          throw e;
        }
        if (!classifier.lexiconsMatch) {
          process.stderr.write(`vigie: warning: the lexicons changed after ${classifier.name} was trained; retrain it with \`vigie train categories\`\n`);
        }
      }
      const baseline = createLexiconBaseline();
      const lexicon = evaluateCorpus(records, (r) => baseline(r.text, r.lang));
      const model = classifier === null ? null : evaluateCorpus(records, (r) => (classifier as CategoryClassifier).classify(r.text, r.lang));
      if (opts.predictions !== undefined) {
        const lines = records.map((r, i) =>
          JSON.stringify({
            id: r.id,
            lang: r.lang,
            gold: r.categories.length === 0 ? ['none'] : r.categories,
            ...(model === null ? {} : { predicted: model.predictions[i] }),
            lexicon: lexicon.predictions[i],
          }),
        );
        try {
          writeFileSync(opts.predictions, lines.length === 0 ? '' : `${lines.join('\n')}\n`);
        } catch (e) {
          throw new CliError(`--predictions ${opts.predictions}: cannot write (${(e as Error).message})`);
        }
      }
      const byLanguage: Record<string, number> = {};
      for (const r of records) byLanguage[r.lang] = (byLanguage[r.lang] ?? 0) + 1;
      if (opts.json) {
        printJson({
          data: opts.data,
          mentions: records.length,
          byLanguage,
          model: classifier === null ? null : classifier.name,
          lexiconsMatch: classifier === null ? null : classifier.lexiconsMatch,
          classifier: model === null ? null : model.evaluation,
          lexicon: lexicon.evaluation,
        });
        return;
      }
      printReport(opts, records.length, byLanguage, classifier, model?.evaluation ?? null, lexicon.evaluation);
    });
}

function printReport(
  opts: EvalCategoriesOptions,
  mentions: number,
  byLanguage: Record<string, number>,
  classifier: CategoryClassifier | null,
  model: CategoryEvaluation | null,
  lexicon: CategoryEvaluation,
): void {
  const langs = Object.entries(byLanguage).map(([l, n]) => `${l} ${n}`).join(', ');
  printLine(`${opts.data}: ${mentions} mentions (${langs}). ${model === null ? 'Lexicon-only baseline.' : `Model ${classifier?.name}; lexicon-only baseline beside it.`}`);
  printLine();
  const f = (x: number): string => x.toFixed(2);
  const cells = (r: ScoreRow | undefined): string[] => (r === undefined ? [] : [f(r.precision), f(r.recall), f(r.f1)]);
  const main = model ?? lexicon;
  const rowsOf = (e: CategoryEvaluation): ScoreRow[] => [...e.rows, e.defectOrSafety, e.none];
  const mainRows = rowsOf(main);
  const lexRows = rowsOf(lexicon);
  const rows = mainRows.map((r, i) => [r.category === 'product_defect|product_safety' ? 'defect or safety' : r.category, String(r.support), ...cells(r), ...(model === null ? [] : cells(lexRows[i]))]);
  const avg = (name: string, a: { precision: number; recall: number; f1: number }, b: { precision: number; recall: number; f1: number }): string[] => [
    name,
    '',
    f(a.precision),
    f(a.recall),
    f(a.f1),
    ...(model === null ? [] : [f(b.precision), f(b.recall), f(b.f1)]),
  ];
  rows.push(avg('micro', main.micro, lexicon.micro));
  rows.push(avg('macro', main.macro, lexicon.macro));
  const headers = ['category', 'support', 'precision', 'recall', 'F1', ...(model === null ? [] : ['lexicon P', 'lexicon R', 'lexicon F1'])];
  printLine(formatTable(headers, rows));
  printLine();
  printLine(`Exact match (predicted set = gold set): ${f(main.exactMatch)}${model === null ? '' : ` (lexicon ${f(lexicon.exactMatch)})`}.`);
  printLine('micro: over every category decision; macro: mean over categories with gold examples; "defect or safety" merges the two; "none": mentions with no trigger.');
  if (opts.predictions !== undefined) printLine(`Wrote the predictions to ${opts.predictions}.`);
}
