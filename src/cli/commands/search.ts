import type { Command } from 'commander';
import { withContext } from '../context.ts';
import { parseIntegerOption, parseTimeOption, type GlobalOptions } from '../options.ts';
import { iso, printJson, printLine } from '../output.ts';

interface SearchOptions {
  brand?: string;
  from?: string;
  to?: string;
  limit: string;
  cursor?: string;
  json?: boolean;
}

export function registerSearch(program: Command, global: () => GlobalOptions): void {
  program
    .command('search')
    .description('Full-text search of stored mentions (accent- and case-insensitive; all words must match)')
    .argument('<words...>', 'words to find')
    .option('--brand <id>', 'only this brand')
    .option('--from <date>', 'created at or after (ISO 8601 or epoch ms)')
    .option('--to <date>', 'created before (ISO 8601 or epoch ms)')
    .option('--limit <n>', 'how many (1–500)', '20')
    .option('--cursor <cursor>', 'the next page, as given by the previous one')
    .option('--json', 'print JSON')
    .action(async (words: string[], opts: SearchOptions) => {
      const limit = parseIntegerOption(opts.limit, '--limit', 1, 500);
      const from = opts.from === undefined ? undefined : parseTimeOption(opts.from, '--from');
      const to = opts.to === undefined ? undefined : parseTimeOption(opts.to, '--to');
      await withContext(global(), async (ctx) => {
        const page = await ctx.store.searchMentions(ctx.workspaceId, {
          q: words.join(' '),
          brandId: opts.brand,
          from,
          to,
          cursor: opts.cursor,
          limit,
        });
        if (opts.json) {
          return printJson({
            mentions: page.items.map(({ raw: _raw, ...m }) => m),
            nextCursor: page.nextCursor,
          });
        }
        if (page.items.length === 0) return printLine('No mention found.');
        for (const m of page.items) {
          const who = m.author.handle ? `@${m.author.handle}` : m.author.id;
          const sentiment = m.enrichment.sentiment?.label ?? '?';
          printLine(`${iso(m.createdAt)}  ${m.platform}  ${who}  [${sentiment}]  ${m.brandIds.join(',')}`);
          printLine(`  ${m.text.replace(/\s+/g, ' ').slice(0, 200)}`);
          if (m.url) printLine(`  ${m.url}`);
        }
        if (page.nextCursor) printLine(`\nMore: add --cursor ${page.nextCursor}`);
      });
    });
}
