/**
 * `vigie train sentiment --data <dir> [--corpus <dir>] [--out <file>] [--seed N] [--json]`: trains
 * the built-in sentiment model from the data root (`sentiment/semeval-en-train/train_dedup.tsv`,
 * `sentiment/umsab/french/train_*`, `sentiment/deft2017-fr/train.tsv`, validation sets beside) and
 * the written brand mentions (`--corpus`, default the repository's corpora/categories: train-*.jsonl
 * trained on, eval-*.jsonl only reported), prints what it read, excluded and measured, and writes
 * the model and its PROVENANCE.md. `--cross-validate <lang>` instead prints the brand-fold
 * cross-validation that chose the brand mentions' weight, and writes nothing.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { Command } from 'commander';
import { defaultModelPath } from '../../understand/sentiment/default-model.ts';
import { writeModelFile } from '../../understand/sentiment/model-file.ts';
import { crossValidateBrandWeight } from '../../understand/sentiment/cross-validate.ts';
import { provenanceMarkdown } from '../../understand/sentiment/provenance.ts';
import { DEFAULT_TRAIN_SETTINGS, trainSentimentModel, type TrainingReport } from '../../understand/sentiment/train.ts';
import { defaultCorpusDir, readSentimentCorpus, TrainingDataError, type SentimentCorpus } from '../../understand/sentiment/training-data.ts';
import { CliError } from '../errors.ts';
import { formatTable, printJson, printLine } from '../output.ts';

interface TrainSentimentOptions {
  data: string;
  corpus?: string;
  crossValidate?: string;
  weights?: string;
  out?: string;
  seed?: string;
  provenance?: string;
  json?: boolean;
}

export function registerTrainSentiment(trainCommand: Command): void {
  trainCommand
    .command('sentiment')
    .description('Train the built-in sentiment model (English and French) from labelled tweets, seeded and reproducible')
    .requiredOption('--data <dir>', 'data root: sentiment/semeval-en-train/, sentiment/umsab/{french,english}/, sentiment/deft2017-fr/, sentiment/tweeteval-en/')
    .option('--corpus <dir>', 'written brand mentions: train-{fr,en}.jsonl (trained on) and eval-{fr,en}.jsonl (only reported) (default: the repository\'s corpora/categories)')
    .option('--cross-validate <lang>', 'en or fr: print the brand-fold cross-validation of the brand mentions\' weight on train-<lang>.jsonl, write nothing')
    .option('--weights <list>', 'with --cross-validate: the weights tried, comma-separated (default: 0,5,10,20,40)')
    .option('--out <file>', 'model file to write (default: the built-in models/sentiment/vigie-sentiment-1.vsm)')
    .option('--seed <n>', 'seed of the held-out split and of the shuffles (default: 1)')
    .option('--provenance <file>', 'where to write the provenance note (default: PROVENANCE.md beside the model)')
    .option('--json', 'print one JSON object (the training report)')
    .action((opts: TrainSentimentOptions) => {
      const seed = parseSeed(opts.seed);
      let corpus: SentimentCorpus;
      try {
        corpus = readSentimentCorpus(opts.data, opts.corpus ?? defaultCorpusDir());
      } catch (e) {
        if (e instanceof TrainingDataError) throw new CliError(e.message);
        throw e;
      }
      const log = opts.json ? () => {} : (line: string) => printLine(line);
      if (opts.crossValidate !== undefined) {
        crossValidate(corpus, opts, seed, log);
        return;
      }
      if (opts.weights !== undefined) throw new CliError('--weights goes with --cross-validate');
      if (!opts.json) printLine(`Training ${DEFAULT_TRAIN_SETTINGS.heads.map((h) => h.lang).join(' + ')} heads from ${opts.data} (seed ${seed})…`);
      let trained: ReturnType<typeof trainSentimentModel>;
      try {
        trained = trainSentimentModel(corpus, { ...DEFAULT_TRAIN_SETTINGS, seed }, log);
      } catch (e) {
        if (e instanceof TrainingDataError) throw new CliError(e.message);
        throw e;
      }
      const out = opts.out ?? defaultModelPath();
      const provenancePath = opts.provenance ?? join(dirname(out), 'PROVENANCE.md');
      const command = ['vigie train sentiment', `--data ${opts.data}`, `--corpus ${opts.corpus ?? relativeToRepo(defaultCorpusDir())}`, ...(opts.out !== undefined ? [`--out ${opts.out}`] : []), `--seed ${seed}`].join(' ');
      try {
        writeModelFile(out, trained.model);
        const modelFile = relativeToRepo(out);
        writeFileSync(provenancePath, provenanceMarkdown(trained.report, { command, modelFile, bytes: trained.bytes, date: new Date().toISOString().slice(0, 10) }));
      } catch (e) {
        throw new CliError(`cannot write the model or its provenance (${e instanceof Error ? e.message : String(e)}); check --out and --provenance`);
      }
      if (opts.json) printJson({ ...trained.report, out, provenance: provenancePath });
      else printReport(trained.report, out, provenancePath);
    });
}

function crossValidate(corpus: SentimentCorpus, opts: TrainSentimentOptions, seed: number, log: (line: string) => void): void {
  const lang = opts.crossValidate;
  if (lang !== 'en' && lang !== 'fr') throw new CliError(`--cross-validate "${lang}": expected en or fr`);
  const weights = (opts.weights ?? '0,5,10,20,40').split(',').map((w) => {
    const n = Number(w);
    if (w.trim() === '' || !(n >= 0) || !Number.isFinite(n)) throw new CliError(`--weights "${opts.weights}": expected non-negative numbers separated by commas, e.g. 0,5,10`);
    return n;
  });
  if (!opts.json) printLine(`Cross-validating the ${lang} brand mentions' weight over 4 brand folds of train-${lang}.jsonl (seed ${seed}; eval-*.jsonl not used)…`);
  let scores: ReturnType<typeof crossValidateBrandWeight>;
  try {
    scores = crossValidateBrandWeight(corpus, { ...DEFAULT_TRAIN_SETTINGS, seed }, { lang, weights, folds: 4, withValidation: true }, log);
  } catch (e) {
    if (e instanceof TrainingDataError) throw new CliError(e.message);
    throw e;
  }
  if (opts.json) {
    printJson({ lang, folds: 4, scores });
    return;
  }
  printLine();
  const valNames = scores[0]?.validation.map((v) => v.name) ?? [];
  printLine(
    formatTable(
      ['weight', 'folds accuracy', 'folds macro-F1', 'stored accuracy', 'stored macro-F1', ...valNames.flatMap((n) => [`${n} macro-recall`, `${n} macro-F1`])],
      scores.map((s) => [
        String(s.weight), s.plain.accuracy.toFixed(3), s.plain.macroF1.toFixed(3), s.stored.accuracy.toFixed(3), s.stored.macroF1.toFixed(3),
        ...s.validation.flatMap((v) => [v.tagged.macroRecall.toFixed(3), v.tagged.macroF1.toFixed(3)]),
      ]),
    ),
  );
}

function parseSeed(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_TRAIN_SETTINGS.seed;
  const n = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(n) || n > 0x7fffffff) {
    throw new CliError(`--seed "${raw}": expected an integer from 0 to 2147483647`);
  }
  return n;
}

function relativeToRepo(path: string): string {
  const repo = dirname(dirname(dirname(defaultModelPath())));
  const rel = relative(repo, path);
  return rel.startsWith('..') ? path : rel;
}

function printReport(r: TrainingReport, out: string, provenance: string): void {
  printLine();
  printLine('Training data (per class: negative / neutral / positive):');
  printLine(
    formatTable(
      ['set', 'read', 'neg / neu / pos', 'dropped', 'excluded', 'held out', 'trained on'],
      r.sets.map((s) => [
        s.name,
        String(s.read.reduce((a, b) => a + b, 0)),
        s.read.join(' / '),
        Object.entries(s.dropped).map(([k, v]) => `${v} ${k}`).join(', ') || '0',
        s.excludedTotal === 0 ? '0' : `${s.excludedTotal} (${Object.entries(s.excluded).map(([k, v]) => `${v} in ${k}`).join(', ')})`,
        String(s.heldOut),
        String(s.trained),
      ]),
    ),
  );
  printLine('Excluded: training texts equal (after normalisation) to a validation text; in brackets, matches per validation set.');
  printLine();
  printLine(
    formatTable(
      ['head', 'texts', 'epoch kept', 'temperature', 'held-out ECE'],
      r.heads.map((h) => [h.lang, String(h.examples), `${h.bestEpoch}/${h.epochs}`, String(h.temperature), `${h.eceBefore.toFixed(3)} → ${h.eceAfter.toFixed(3)}`]),
    ),
  );
  printLine();
  printLine('Validation (the written model, with the language tag / without):');
  printLine(
    formatTable(
      ['set', 'n', 'macro-recall', 'macro-F1', 'accuracy', 'ECE', 'macro-F1 untagged'],
      r.validation.map((v) => [
        v.name, String(v.tagged.n), v.tagged.macroRecall.toFixed(3), v.tagged.macroF1.toFixed(3), v.tagged.accuracy.toFixed(3),
        v.tagged.ece.toFixed(3), v.untagged.macroF1.toFixed(3),
      ]),
    ),
  );
  printLine();
  printLine('In-domain evaluation (written brand mentions, never used for any choice; stored = with the pipeline\'s minimum confidence):');
  printLine(
    formatTable(
      ['set', 'n', 'accuracy', 'macro-recall', 'macro-F1', 'stored accuracy', 'stored macro-F1'],
      r.inDomain.map((v) => [
        v.name, String(v.tagged.n), v.tagged.accuracy.toFixed(3), v.tagged.macroRecall.toFixed(3), v.tagged.macroF1.toFixed(3),
        v.stored.accuracy.toFixed(3), v.stored.macroF1.toFixed(3),
      ]),
    ),
  );
  printLine();
  printLine(`Wrote ${out} (${r.modelBytes.toLocaleString('en-US')} bytes) and ${provenance}; trained in ${r.seconds} s.`);
}
