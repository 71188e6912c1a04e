import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { presentCorrection } from '../../api/presenters/correction.ts';
import { presentMention } from '../../api/presenters/mention.ts';
import { StoreError, type CorrectionQuery, type NewSentimentCorrection, type SentimentCorrection } from '../../store/store.ts';
import { parseLabel } from '../../understand/sentiment/adapter/labelled-csv.ts';
import { requireBrand, withContext } from '../context.ts';
import { CliError } from '../errors.ts';
import { parseIntegerOption, type GlobalOptions } from '../options.ts';
import { formatTable, iso, printJson, printLine } from '../output.ts';
import { parseSince } from './signals.ts';

/**
 * `vigie corrections add <mention> <label>`: an analyst corrects a mention's sentiment (through the
 * store: the correction is kept, the mention's label changes); `vigie corrections list`: the
 * corrections, newest first. The per-brand sentiment adapters learn from them.
 */
interface AddOptions { brand?: string; by?: string; note?: string; json?: boolean }
interface ListOptions { brand?: string; since?: string; current?: boolean; limit: string; cursor?: string; json?: boolean }

/** Who corrects when --by is not given: the user running the command. */
function defaultBy(): string {
  try {
    return userInfo().username || 'cli';
  } catch {
    return 'cli';
  }
}

export function registerCorrections(program: Command, global: () => GlobalOptions): void {
  const corrections = program
    .command('corrections')
    .description("Analysts' corrections of mentions' sentiment: add one, list them (the brands' sentiment adapters learn from them)");

  corrections
    .command('add')
    .description("Correct a mention's sentiment for one of its brands (the mention keeps the model's label as modelLabel)")
    .argument('<mentionId>', 'the mention, as listed by `vigie search` (e.g. x:1790000000000000000)')
    .argument('<label>', 'negative, neutral or positive')
    .option('--brand <id>', "which of the mention's brands (needed when it has several)")
    .option('--by <who>', 'who corrects (e.g. an e-mail address; default: the user running the command)')
    .option('--note <text>', 'why, for the record')
    .option('--json', 'print JSON (the API format)')
    .action(async (mentionId: string, rawLabel: string, opts: AddOptions) => {
      const label = parseLabel(rawLabel);
      if (label === null) throw new CliError(`<label>: expected negative, neutral or positive, got "${rawLabel}"`);
      const input: NewSentimentCorrection = { mentionId, label, by: opts.by ?? defaultBy(), at: Date.now() };
      if (opts.brand !== undefined) input.brandId = opts.brand;
      if (opts.note !== undefined) input.note = opts.note;
      await withContext(global(), async (ctx) => {
        const correction = await ctx.store.addSentimentCorrection(ctx.workspaceId, input).catch((e: unknown) => {
          if (e instanceof StoreError && e.code === 'not_found') {
            throw new CliError(`${e.message}; find mentions with \`vigie search\``);
          }
          throw e;
        });
        const mention = await ctx.store.getMention(ctx.workspaceId, mentionId);
        if (opts.json) return printJson({ correction: presentCorrection(correction), mention: mention === null ? null : presentMention(mention) });
        printLine(describe(correction));
      });
    });

  corrections
    .command('list')
    .description('List the corrections, newest first')
    .option('--brand <id>', 'only this brand')
    .option('--since <when>', 'made since: a duration back from now (30m, 24h, 7d, 2w), an ISO 8601 date or epoch ms')
    .option('--current', 'only the corrections in force (the latest per mention and brand)')
    .option('--limit <n>', 'how many (1–1000)', '50')
    .option('--cursor <cursor>', 'the next page, as given by the previous one')
    .option('--json', 'print JSON (the API format)')
    .action(async (opts: ListOptions) => {
      const query: CorrectionQuery = { limit: parseIntegerOption(opts.limit, '--limit', 1, 1000), currentOnly: opts.current === true };
      if (opts.since !== undefined) query.since = parseSince(opts.since, Date.now());
      if (opts.cursor !== undefined) query.cursor = opts.cursor;
      await withContext(global(), async (ctx) => {
        if (opts.brand !== undefined) {
          await requireBrand(ctx, opts.brand);
          query.brandId = opts.brand;
        }
        const page = await ctx.store.listSentimentCorrections(ctx.workspaceId, query);
        if (opts.json) return printJson({ corrections: page.items.map(presentCorrection), nextCursor: page.nextCursor });
        if (page.items.length === 0) return printLine('No correction found.');
        printLine(formatTable(
          ['made', 'brand', 'mention', 'label', 'model said', 'by', 'in force', 'text'],
          page.items.map((c) => [iso(c.createdAt), c.brandId, c.mentionId, c.label, c.modelLabel ?? '-', c.by, c.current ? 'yes' : 'no', excerpt(c.mentionText)]),
        ));
        if (page.nextCursor) printLine(`\nMore: add --cursor ${page.nextCursor}`);
      });
    });
}

function describe(c: SentimentCorrection): string {
  const was = c.modelLabel === null ? 'no sentiment from the model' : `the model said ${c.modelLabel}${c.model === null ? '' : ` (${c.model})`}`;
  return `Corrected ${c.mentionId} for brand ${c.brandId}: ${c.label} (${was}); by ${c.by}${c.note === null ? '' : `; note: ${c.note}`}. Correction ${c.id}.`;
}

function excerpt(text: string | null): string {
  if (text === null) return '(purged)';
  if (text === '') return '(deleted)';
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > 60 ? `${t.slice(0, 59)}…` : t;
}
