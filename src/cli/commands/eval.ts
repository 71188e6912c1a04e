import type { Command } from 'commander';
import type { GlobalOptions } from '../options.ts';
import { registerEvalNab } from './eval-nab.ts';
import { registerEvalScenario } from './eval-scenario.ts';

/** `vigie eval …`: Vigie's detection scored against benchmarks (each subcommand in its own file). */
export function registerEval(program: Command, _global: () => GlobalOptions): void {
  const evalCommand = program.command('eval').description("Evaluate Vigie's detection on benchmarks");
  registerEvalNab(evalCommand);
  registerEvalScenario(evalCommand);
}
