import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Command } from 'commander';
import { writeScenario } from '../../demo/scenario.ts';
import { loadConfig } from '../../config/load.ts';
import { createBaselineEnricher } from '../../understand/baseline/enricher.ts';
import { buildEnricher } from '../../understand/build-enricher.ts';
import { evaluateScenario, ScenarioFileError, type ScenarioEvaluation } from '../../detect/scenario-eval.ts';
import { CliError } from '../errors.ts';
import { parseIntegerOption } from '../options.ts';
import { formatTable, iso, printJson, printLine } from '../output.ts';

interface ScenarioOptions {
  json?: boolean;
  seed: string;
  truth?: string;
  brand?: string;
  enricher: string;
}

/** The seed `vigie demo` uses by default, so both tell the same story. */
const DEMO_SEED = '42';

export function registerEvalScenario(evalCommand: Command): void {
  evalCommand
    .command('scenario')
    .argument('[scenario]', 'an X NDJSON scenario written by vigie (default: the demo scenario, generated)')
    .description(
      'Replay a crisis scenario through the pipeline and the detectors, and measure them against its ground truth: onset to first signal, highest severity, false signals in the baseline',
    )
    .option('--truth <file>', 'its ground truth (default: scenario.truth.json beside the scenario)')
    .option('--brand <file>', 'its brand (default: brand.json beside the scenario)')
    .option('--seed <n>', 'seed of the generated demo scenario (without a scenario file)', DEMO_SEED)
    .option('--enricher <kind>', 'production (the default configuration\'s understanding: models, categories) or baseline (lexicon sentiment, no categories)', 'production')
    .option('--json', 'print one JSON object')
    .action(async (scenario: string | undefined, opts: ScenarioOptions) => {
      if (opts.enricher !== 'production' && opts.enricher !== 'baseline') {
        throw new CliError(`--enricher must be production or baseline (got ${opts.enricher})`);
      }
      let dir: string | null = null;
      try {
        let streamPath = scenario;
        if (streamPath === undefined) {
          dir = mkdtempSync(join(tmpdir(), 'vigie-scenario-'));
          const written = await writeScenario(dir, { seed: parseIntegerOption(opts.seed, '--seed', 0, 2 ** 31 - 1) });
          streamPath = written.streamPath;
        } else if (!existsSync(streamPath)) {
          throw new CliError(`no scenario file at ${streamPath}; give the scenario.ndjson written by vigie demo, or nothing for the demo scenario`);
        }
        const truthPath = opts.truth ?? join(dirname(streamPath), 'scenario.truth.json');
        const brandPath = opts.brand ?? join(dirname(streamPath), 'brand.json');
        let result: ScenarioEvaluation;
        try {
          const enricher =
            opts.enricher === 'baseline'
              ? createBaselineEnricher()
              : await buildEnricher({ understand: loadConfig({ file: null, env: {}, cwd: process.cwd() }).understand });
          result = await evaluateScenario({ streamPath, truthPath, brandPath }, { enricher });
        } catch (e) {
          if (e instanceof ScenarioFileError) throw new CliError(`${e.message} (use --truth and --brand to name the files)`);
          throw e;
        }
        report(result, opts.json === true);
      } finally {
        if (dir !== null) rmSync(dir, { recursive: true, force: true });
      }
    });
}

function report(r: ScenarioEvaluation, json: boolean): void {
  if (json) {
    printJson({
      onsetToSignalBuckets: r.onsetToSignalBuckets,
      onsetToSignalMinutes: r.onsetToSignalMinutes,
      maxSeverity: r.maxSeverity,
      falseSignalsBaseline: r.falseSignalsBaseline,
      falseSignalsBaselineSev3Plus: r.falseSignalsBaselineSev3Plus,
      baselineSignals: r.baselineSignals,
      bucketMinutes: r.bucketMs / 60_000,
      firstSignal: r.firstSignal === null ? null : { id: r.firstSignal.id, kind: r.firstSignal.kind, severity: r.firstSignal.severity, summary: r.firstSignal.summary },
      signals: r.signals.length,
      mentions: r.mentions,
    });
    return;
  }
  printLine(`Scenario: ${r.mentions.toLocaleString('en')} mentions stored, onset ${r.onset}, judged every ${r.bucketMs / 60_000} min (${(r.durationMs / 1000).toFixed(1)} s)`);
  if (r.firstSignal === null) printLine('First signal: none after the onset');
  else {
    printLine(`First signal: ${r.onsetToSignalBuckets} buckets (${r.onsetToSignalMinutes} min) after the onset — ${r.firstSignal.kind}, ${r.firstSignal.severity}: ${r.firstSignal.summary}`);
  }
  printLine(`Highest severity after the onset: ${r.maxSeverity ?? 'none'}`);
  printLine(`False signals in the baseline: ${r.falseSignalsBaseline} (${r.falseSignalsBaselineSev3Plus} of SEV3 or higher)`);
  for (const b of r.baselineSignals) printLine(`  ${b.id} ${b.severity}: ${b.factors.join(', ')}`);
  printLine('');
  printLine(
    formatTable(
      ['started', 'kind', 'severity', 'score', 'summary'],
      r.signals.map((s) => [iso(s.startedAt), s.kind, s.severity, s.score.toFixed(2), s.summary]),
    ),
  );
}
