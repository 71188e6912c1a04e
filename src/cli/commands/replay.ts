import type { Command } from 'commander';
import { FILE_FORMATS, openFileSource } from '../../listen/import/file-source.ts';
import { pacedSource } from '../../listen/import/paced-source.ts';
import { requireBrand, withContext } from '../context.ts';
import { ingest } from '../ingest.ts';
import { parsePositiveNumber, type GlobalOptions } from '../options.ts';
import { parseFormat, reportSummary } from './import.ts';

interface ReplayOptions {
  speed: string;
  format: string;
  brand?: string;
  json?: boolean;
}

export function registerReplay(program: Command, global: () => GlobalOptions): void {
  program
    .command('replay')
    .description('Replay a file through the pipeline at the pace of its timestamps, accelerated')
    .argument('<file>', 'the file to replay')
    .requiredOption('--speed <factor>', 'acceleration: 60 plays an hour in a minute')
    .option('--format <format>', `file format: ${FILE_FORMATS.join(' | ')}`, 'x')
    .option('--brand <id>', 'attach every post to this brand, besides the brands its listening queries match')
    .option('--json', 'print the summary as JSON')
    .action(async (file: string, opts: ReplayOptions) => {
      const speed = parsePositiveNumber(opts.speed, '--speed');
      const format = parseFormat(opts.format);
      await withContext(global(), async (ctx) => {
        if (opts.brand) await requireBrand(ctx, opts.brand);
        const file$ = openFileSource(file, format);
        const source = pacedSource(file$, { speed });
        const summary = await ingest(ctx, source, {
          label: `replay ×${speed}`,
          brandId: opts.brand ?? null,
          plainProgress: opts.json ?? undefined,
        });
        await reportSummary(ctx, summary, source.id, opts.json ?? false);
      });
    });
}
