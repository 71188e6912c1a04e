import type { Command } from 'commander';
import { NabDataError } from '../../detect/nab/errors.ts';
import { evaluateNab, VIGIE_DETECTOR, type NabEvaluation } from '../../detect/nab/evaluate.ts';
import { PROFILE_NAMES, type ProfileName } from '../../detect/nab/profiles.ts';
import { writeNabResults } from '../../detect/nab/run-detector.ts';
import { CliError } from '../errors.ts';
import { formatTable, printJson, printLine } from '../output.ts';

interface NabOptions {
  data: string;
  json?: boolean;
  out?: string;
  detectorOnly?: boolean;
}

export function registerEvalNab(evalCommand: Command): void {
  evalCommand
    .command('nab')
    .description(
      "Run Vigie's volume detector on a Numenta Anomaly Benchmark directory and score it (NAB's three profiles) beside the detectors stored under results/",
    )
    .requiredOption('--data <dir>', 'NAB layout: data/<category>/<file>.csv, labels/combined_windows.json, results/<detector>/<category>/')
    .option('--json', 'print one JSON object')
    .option('--out <dir>', "also write Vigie's per-row scores as <dir>/results/vigie/<category>/vigie_<file>.csv")
    .option('--detector-only', "score Vigie's detector only, not the stored results")
    .action((opts: NabOptions) => {
      let evaluation: NabEvaluation;
      try {
        evaluation = evaluateNab(opts.data, { detectorOnly: opts.detectorOnly === true });
      } catch (e) {
        // Bad input, or a file that cannot be read (its path is in the message): the user's to fix.
        if (e instanceof NabDataError || (e instanceof Error && 'code' in e && 'path' in e)) throw new CliError(e.message);
        throw e;
      }
      if (opts.out !== undefined) {
        try {
          writeNabResults(opts.out, VIGIE_DETECTOR, evaluation.corpus, evaluation.vigieScores);
        } catch (e) {
          throw new CliError(`--out ${opts.out}: cannot write the results (${e instanceof Error ? e.message : String(e)})`);
        }
      }
      if (opts.json) printJson(toJson(evaluation));
      else printReport(evaluation, opts.out);
    });
}

type Scores = Record<ProfileName, number>;

function pick(score: Scores): Scores {
  return { standard: score.standard, reward_low_FP_rate: score.reward_low_FP_rate, reward_low_FN_rate: score.reward_low_FN_rate };
}

function toJson(e: NabEvaluation): unknown {
  const detectors: Record<string, Scores> = {};
  const thresholds: Record<string, Scores> = {};
  for (const d of e.detectors) {
    detectors[d.name] = pick(d.score);
    thresholds[d.name] = d.score.thresholds;
  }
  const skipped = Object.fromEntries(e.skipped.map((s) => [s.name, s.reason]));
  return { files: e.corpus.files.length, windows: e.corpus.windows, detectors, thresholds, skipped };
}

function printReport(e: NabEvaluation, out: string | undefined): void {
  const categories = [...new Set(e.corpus.files.map((f) => f.category))].join(', ');
  printLine(`NAB: ${e.corpus.files.length} files, ${e.corpus.windows} windows (${categories}); scores: 0 = never fires, 100 = perfect.`);
  printLine();
  const sorted = [...e.detectors].sort((a, b) => b.score.standard - a.score.standard);
  const rows = sorted.map((d) => [
    d.name === VIGIE_DETECTOR ? `${d.name} *` : d.name,
    ...PROFILE_NAMES.map((p) => d.score[p].toFixed(1)),
    String(round(d.score.thresholds.standard)),
  ]);
  printLine(formatTable(['detector', 'standard', 'low FP', 'low FN', 'threshold (standard)'], rows));
  printLine();
  printLine("* Vigie's production volume detector, run here; the others are read from results/.");
  for (const s of e.skipped) printLine(`Skipped ${s.name}: ${s.reason}`);
  if (out !== undefined) printLine(`Wrote Vigie's scores under ${out}/results/${VIGIE_DETECTOR}/.`);
}

function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}
