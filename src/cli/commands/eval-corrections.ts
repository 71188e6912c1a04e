import type { Command } from 'commander';
import { LabelledCsvError, readLabelledCsv } from '../../understand/sentiment/adapter/labelled-csv.ts';
import { DEFAULT_CURVE, simulateCorrections, type SimulationReport } from '../../understand/sentiment/adapter/simulate.ts';
import type { Scores } from '../../understand/sentiment/adapter/scores.ts';
import { loadSentimentModel } from '../../understand/sentiment/default-model.ts';
import { CliError } from '../errors.ts';
import { collect, parseIntegerOption } from '../options.ts';
import { formatTable, printJson, printLine } from '../output.ts';

/**
 * `vigie eval corrections`: how much a brand's sentiment adapter gains from analysts'
 * corrections, simulated on a labelled CSV. Per brand, the first share of its rows (in a seeded
 * order) are its corrections, the rest is held back; prints base and adapted accuracy and
 * macro-F1 on the held-back rows, per brand and pooled, and the learning curve (the gain after
 * 10, 25, 50, 100 and 200 corrections).
 */
interface Options {
  csv: string;
  textCol: string;
  labelCol: string;
  brandCol: string;
  lang: string;
  trainShare: string;
  seed: string;
  dropLabel?: string[];
  model?: string;
  words: boolean;
  json?: boolean;
}

export function registerEvalCorrections(evalCommand: Command): void {
  evalCommand
    .command('corrections')
    .description("Simulate analysts' corrections on a labelled CSV: the per-brand sentiment adapter's gain on held-back rows")
    .requiredOption('--csv <file>', 'labelled CSV with a header row')
    .requiredOption('--text-col <column>', 'the column holding the text')
    .requiredOption('--label-col <column>', 'the column holding the label: 0/1/2 or negative/neutral/positive (any case)')
    .requiredOption('--brand-col <column>', 'the column holding the brand')
    .option('--lang <code>', 'the language of the texts (one the base model supports)', 'en')
    .option('--train-share <share>', "the share of each brand's rows used as its corrections, between 0 and 1", '0.5')
    .option('--seed <n>', 'seed of the order of the rows (and of the training)', '1')
    .option('--drop-label <value>', 'drop the rows with this label, e.g. irrelevant (repeatable)', collect)
    .option('--model <path>', 'the base sentiment model file (default: the built-in model)')
    .option('--no-words', "adapt without the brand's words (recalibrate the base model's probabilities only)")
    .option('--json', 'print the report as JSON')
    .action((opts: Options) => {
      const trainShare = Number(opts.trainShare);
      if (!(trainShare > 0 && trainShare < 1)) throw new CliError(`--train-share: expected a number between 0 and 1 (exclusive), got "${opts.trainShare}"`);
      const seed = parseIntegerOption(opts.seed, '--seed', 0, 2 ** 31 - 1);
      const base = loadSentimentModel(opts.model);
      const lang = opts.lang.trim().toLowerCase();
      if (!base.languages.includes(lang)) {
        throw new CliError(`--lang: the base model ${base.id} supports ${base.languages.join(', ')}, not "${opts.lang}"`);
      }
      let csv;
      try {
        csv = readLabelledCsv(opts.csv, {
          textColumn: opts.textCol, labelColumn: opts.labelCol, brandColumn: opts.brandCol, lang, dropLabels: opts.dropLabel ?? [],
        });
      } catch (e) {
        if (e instanceof LabelledCsvError) throw new CliError(e.message);
        throw e;
      }
      if (csv.rows.length === 0) throw new CliError(`${opts.csv}: no labelled row to simulate with`);
      const report = simulateCorrections(csv.rows, base, { trainShare, seed, curve: DEFAULT_CURVE, adapter: { textFeatures: opts.words, seed } });
      if (opts.json) return printJson({ csv: opts.csv, rows: csv.rows.length, dropped: csv.dropped, words: opts.words, ...report });
      printReport(opts.csv, csv.rows.length, csv.dropped, opts.words, report);
    });
}

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
const pts = (x: number): string => `${x >= 0 ? '+' : ''}${(100 * x).toFixed(1)}`;

function printReport(file: string, rows: number, dropped: Record<string, number>, words: boolean, r: SimulationReport): void {
  const drops = Object.entries(dropped).map(([label, n]) => `${n} "${label}"`).join(', ');
  printLine(`Corrections simulated on ${file}: ${rows} rows${drops ? ` (dropped ${drops})` : ''}, ${r.brands.length} brands; base model ${r.baseModel};`);
  printLine(`each brand's first ${pct(r.trainShare)} of rows (seed ${r.seed}) are its corrections, the rest is held back${words ? '' : '; adapter without words'}.`);
  printLine('');
  const line = (name: string, n: number | string, corrections: number | string, base: Scores, adapted: Scores): string[] => [
    name, String(n), String(corrections), String(base.n), pct(base.accuracy), pct(adapted.accuracy), pts(adapted.accuracy - base.accuracy),
    pct(base.macroF1), pct(adapted.macroF1), pts(adapted.macroF1 - base.macroF1),
  ];
  printLine(formatTable(
    ['brand', 'rows', 'corrections', 'held back', 'base acc', 'adapted acc', 'gain', 'base F1', 'adapted F1', 'gain'],
    [
      ...r.brands.map((b) => line(b.brand, b.rows, b.corrections, b.base, b.adapted)),
      line('overall', rows, r.brands.reduce((s, b) => s + b.corrections, 0), r.overall.base, r.overall.adapted),
    ],
  ));
  printLine('');
  printLine('Learning curve: gain on the held-back rows after k corrections (pooled over the brands that have k; gains in points)');
  printLine(formatTable(
    ['corrections', 'brands', 'held back', 'base acc', 'adapted acc', 'gain', 'base F1', 'adapted F1', 'gain'],
    r.curve.map((p) => [String(p.corrections), String(p.brands ?? 1), String(p.base.n), pct(p.base.accuracy), pct(p.adapted.accuracy), pts(p.gain.accuracy),
      pct(p.base.macroF1), pct(p.adapted.macroF1), pts(p.gain.macroF1)]),
  ));
  if (r.curve.length === 0) printLine(`(no brand has ${DEFAULT_CURVE[0]} corrections)`);
}
