import type { Command } from 'commander';
import type { GlobalOptions } from '../options.ts';
import { registerTrainCategories } from './train-categories.ts';
import { registerTrainSentiment } from './train-sentiment.ts';

/** `vigie train …`: builds Vigie's shipped models from data, reproducibly (each subcommand in its own file). */
export function registerTrain(program: Command, _global: () => GlobalOptions): void {
  const trainCommand = program.command('train').description("Train Vigie's built-in models from data (seeded, reproducible)");
  registerTrainSentiment(trainCommand);
  registerTrainCategories(trainCommand);
}
