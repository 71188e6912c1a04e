import { Command, CommanderError } from 'commander';
import { registerAlerts } from './commands/alerts.ts';
import { registerBrands } from './commands/brands.ts';
import { registerCorrections } from './commands/corrections.ts';
import { registerDemo } from './commands/demo.ts';
import { registerEval } from './commands/eval.ts';
import { registerImport } from './commands/import.ts';
import { registerOncall } from './commands/oncall.ts';
import { registerReplay } from './commands/replay.ts';
import { registerSearch } from './commands/search.ts';
import { registerSecrets } from './commands/secrets.ts';
import { registerServe } from './commands/serve.ts';
import { registerSignals } from './commands/signals.ts';
import { registerSources } from './commands/sources.ts';
import { registerTrain } from './commands/train.ts';
import { isUserError } from './errors.ts';
import type { GlobalOptions } from './options.ts';

export function buildProgram(): Command {
  const program = new Command('vigie')
    .description('Vigie — crisis command centre for brands on social media')
    .option('--config <file>', 'configuration file (default: $VIGIE_CONFIG, else ./vigie.yaml if present)')
    .option('--log-level <level>', 'fatal | error | warn | info | debug | trace | silent')
    .showHelpAfterError('(add --help for usage)')
    .exitOverride();
  const global = (): GlobalOptions => program.opts<GlobalOptions>();
  registerDemo(program, global);
  registerServe(program, global);
  registerImport(program, global);
  registerReplay(program, global);
  registerBrands(program, global);
  registerSearch(program, global);
  registerSignals(program, global);
  registerEval(program, global);
  registerTrain(program, global);
  registerCorrections(program, global);
  registerAlerts(program, global);
  registerOncall(program, global);
  registerSources(program, global);
  registerSecrets(program, global);
  for (const cmd of program.commands) cmd.exitOverride();
  return program;
}

export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode;
    if (isUserError(e)) {
      process.stderr.write(`vigie: ${e.message}\n`);
      return 'exitCode' in e && typeof e.exitCode === 'number' ? e.exitCode : 2;
    }
    process.stderr.write(`vigie: unexpected error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return 1;
  }
}

if (import.meta.main) {
  const code = await main(process.argv.slice(2));
  // On a pipe, stdout is written asynchronously: exiting at once would cut a large --json answer.
  await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
  process.exit(code);
}
