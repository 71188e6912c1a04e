import type { Command } from 'commander';
import { FILE_FORMATS, openFileSource, type FileFormat } from '../../listen/import/file-source.ts';
import { parseCsvMapping } from '../../listen/csv/mapping.ts';
import { requireBrand, withContext, type AppContext } from '../context.ts';
import { CliError } from '../errors.ts';
import { ingest, summaryLines } from '../ingest.ts';
import type { GlobalOptions } from '../options.ts';
import { printJson, printLine } from '../output.ts';
import type { RunSummary } from '../../pipeline/pipeline.ts';

interface ImportOptions {
  format: string;
  brand?: string;
  map?: string;
  resume?: boolean;
  json?: boolean;
}

export function parseFormat(value: string): FileFormat {
  if (!(FILE_FORMATS as readonly string[]).includes(value)) {
    throw new CliError(`--format: expected one of ${FILE_FORMATS.join(', ')}, got "${value}"`);
  }
  return value as FileFormat;
}

export function registerImport(program: Command, global: () => GlobalOptions): void {
  program
    .command('import')
    .description('Import a file of posts through the pipeline (parse, match, enrich, store, series)')
    .argument('<file>', 'the file to import')
    .requiredOption('--format <format>', `file format: ${FILE_FORMATS.join(' | ')}`)
    .option('--brand <id>', 'attach every post to this brand, besides the brands its listening queries match (so no post is left unmatched)')
    .option('--map <mapping>', 'CSV column mapping, e.g. "text=body,created_at=date" (see docs/import-formats.md)')
    .option('--resume', 'continue from where the last import of this file stopped')
    .option('--json', 'print the summary as JSON')
    .action(async (file: string, opts: ImportOptions) => {
      const format = parseFormat(opts.format);
      if (opts.map && format !== 'csv') throw new CliError('--map applies to --format csv only');
      const csvMapping = opts.map ? parseCsvMapping(opts.map) : undefined;
      await withContext(global(), async (ctx) => {
        if (opts.brand) await requireBrand(ctx, opts.brand);
        const source = openFileSource(file, format, { csvMapping });
        const summary = await ingest(ctx, source, {
          label: 'import',
          brandId: opts.brand ?? null,
          resume: opts.resume ?? false,
          plainProgress: opts.json ?? undefined,
        });
        await reportSummary(ctx, summary, source.id, opts.json ?? false);
      });
    });
}

/** Prints an import's summary, with the most frequent reject reasons. */
export async function reportSummary(ctx: AppContext, summary: RunSummary, sourceId: string, json: boolean): Promise<void> {
  const rejects = summary.rejected > 0 ? await ctx.store.listRejects(ctx.workspaceId, { source: sourceId, limit: 5 }) : [];
  if (json) {
    printJson({ ...summary, rejects: rejects.map((r) => ({ line: r.line, reason: r.reason })) });
    return;
  }
  for (const line of summaryLines(summary)) printLine(line);
  for (const r of rejects) printLine(`  rejected line ${r.line ?? '?'}: ${r.reason}`);
  if (summary.rejected > rejects.length) printLine(`  (${summary.rejected - rejects.length} more rejects are kept in the store)`);
  if (summary.stopped && summary.lastCheckpoint) printLine('  Run the same command with --resume to continue.');
}
