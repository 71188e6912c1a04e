import type { Command } from 'commander';
import type { GlobalOptions } from '../options.ts';
import { registerEvalCategories } from './eval-categories.ts';
import { registerEvalCorrections } from './eval-corrections.ts';
import { registerEvalLanguage } from './eval-language.ts';
import { registerEvalNab } from './eval-nab.ts';
import { registerEvalSentiment } from './eval-sentiment.ts';
import { registerEvalScenario } from './eval-scenario.ts';

/** `vigie eval …`: Vigie's detection and understanding scored against benchmarks (each subcommand in its own file). */
export function registerEval(program: Command, _global: () => GlobalOptions): void {
  const evalCommand = program.command('eval').description("Evaluate Vigie's detection and understanding on benchmarks");
  registerEvalNab(evalCommand);
  registerEvalScenario(evalCommand);
  registerEvalSentiment(evalCommand);
  registerEvalLanguage(evalCommand);
  registerEvalCategories(evalCommand);
  registerEvalCorrections(evalCommand);
}
