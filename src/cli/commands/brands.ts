import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { NewBrandSchema, type NewBrand } from '../../domain/brand.ts';
import { BrandQueryError, compileBrandQueries, toXRule } from '../../listen/query/index.ts';
import { requireBrand, withContext } from '../context.ts';
import { CliError } from '../errors.ts';
import { collect, type GlobalOptions } from '../options.ts';
import { formatTable, iso, printJson, printLine } from '../output.ts';

interface AddOptions {
  name?: string;
  alias: string[];
  handle: string[];
  keyword: string[];
  query: string[];
  lang: string[];
  owned: string[];
  employeeHandle: string[];
  employeeDomain: string[];
  file?: string;
  json?: boolean;
}

export function registerBrands(program: Command, global: () => GlobalOptions): void {
  const brands = program.command('brands').description('Manage the brands Vigie watches');

  brands
    .command('add')
    .description('Add a brand, from flags or from a JSON file (same fields as `brands show --json`)')
    .argument('[id]', 'brand id: lowercase letters, digits, "-" or "_" (for example "kerlann")')
    .option('--name <name>', 'display name')
    .option('--alias <alias>', 'another name of the brand (repeatable)', collect, [])
    .option('--handle <handle>', "one of the brand's handles, without @ (repeatable)", collect, [])
    .option('--keyword <word>', 'a keyword (repeatable)', collect, [])
    .option('--query <query>', 'a listening query, e.g. \'kerlann OR "vapeur 6l" NOT kerlan\' (repeatable)', collect, [])
    .option('--lang <code>', 'a language to keep, ISO 639-1 (repeatable; none = all)', collect, [])
    .option('--owned <handle>', 'an account the brand owns (repeatable)', collect, [])
    .option('--employee-handle <handle>', "an employee's handle (repeatable)", collect, [])
    .option('--employee-domain <domain>', "the employees' e-mail domain (repeatable)", collect, [])
    .option('--file <path>', 'read the brand from a JSON file instead of flags')
    .option('--json', 'print the created brand as JSON')
    .action(async (id: string | undefined, opts: AddOptions) => {
      const input = brandInput(id, opts);
      await withContext(global(), async (ctx) => {
        const brand = await ctx.store.createBrand(ctx.workspaceId, input, Date.now());
        if (opts.json) printJson(brand);
        else printLine(`Added brand ${brand.id} (${brand.name}) with ${brand.queries.length} listening quer${brand.queries.length === 1 ? 'y' : 'ies'}.`);
      });
    });

  brands
    .command('list')
    .description('List the brands of the workspace')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      await withContext(global(), async (ctx) => {
        const list = await ctx.store.listBrands(ctx.workspaceId);
        if (opts.json) return printJson({ brands: list });
        if (list.length === 0) return printLine('No brand yet: add one with `vigie brands add <id> --name … --query …`.');
        const rows = await Promise.all(
          list.map(async (b) => [b.id, b.name, String(b.queries.length), String(await ctx.store.countMentions(ctx.workspaceId, b.id))]),
        );
        printLine(formatTable(['id', 'name', 'queries', 'mentions'], rows));
      });
    });

  brands
    .command('show')
    .description("Show a brand's definition and figures")
    .argument('<id>', 'brand id')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { json?: boolean }) => {
      await withContext(global(), async (ctx) => {
        const brand = await requireBrand(ctx, id);
        const mentions = await ctx.store.countMentions(ctx.workspaceId, id);
        if (opts.json) return printJson({ ...brand, mentions, xRules: brand.queries.map((q) => ({ id: q.id, ...xRule(q.text) })) });
        printLine(`${brand.name} (${brand.id}), created ${iso(brand.createdAt)}, ${mentions} mentions stored`);
        const list = (label: string, values: readonly string[]): void => {
          if (values.length) printLine(`  ${label}: ${values.join(', ')}`);
        };
        list('aliases', brand.aliases);
        list('handles', brand.handles.map((h) => `@${h}`));
        list('keywords', brand.keywords);
        list('languages', brand.languages);
        list('owned accounts', brand.ownedAccounts);
        list('employee handles', brand.employeeHandles);
        list('employee domains', brand.employeeDomains);
        for (const q of brand.queries) {
          printLine(`  query ${q.id}${q.enabled ? '' : ' (disabled)'}: ${q.text}`);
          const x = xRule(q.text);
          printLine(x.rule !== null ? `    X filtered-stream rule: ${x.rule}` : `    no X filtered-stream rule: ${x.error}`);
        }
      });
    });
}

/** The query as an X filtered-stream rule, or why it cannot be one. */
function xRule(text: string): { rule: string | null; error: string | null } {
  try {
    return { rule: toXRule(text), error: null };
  } catch (e) {
    return { rule: null, error: e instanceof Error ? e.message : String(e) };
  }
}

function brandInput(id: string | undefined, opts: AddOptions): NewBrand {
  let raw: unknown;
  if (opts.file) {
    try {
      raw = JSON.parse(readFileSync(opts.file, 'utf8'));
    } catch (e) {
      throw new CliError(`--file ${opts.file}: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (id !== undefined && typeof raw === 'object' && raw !== null) raw = { ...raw, id };
  } else {
    if (id === undefined) throw new CliError('brands add: give the brand id (for example `vigie brands add kerlann --name Kerlann`) or --file');
    raw = {
      id,
      name: opts.name ?? id,
      aliases: opts.alias,
      handles: opts.handle.map((h) => h.replace(/^@/, '')),
      keywords: opts.keyword,
      queries: opts.query.map((text, i) => ({ id: `q${i + 1}`, text })),
      languages: opts.lang,
      ownedAccounts: opts.owned.map((h) => h.replace(/^@/, '')),
      employeeHandles: opts.employeeHandle.map((h) => h.replace(/^@/, '')),
      employeeDomains: opts.employeeDomain,
    };
  }
  const parsed = NewBrandSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(brand)'}: ${i.message}`);
    throw new CliError(`invalid brand:\n  ${problems.join('\n  ')}`);
  }
  try {
    compileBrandQueries(parsed.data);
  } catch (e) {
    if (!(e instanceof BrandQueryError)) throw e;
    const q = parsed.data.queries.find((x) => x.id === e.queryId);
    const why = e.cause instanceof Error ? e.cause.message : e.message;
    throw new CliError(q ? `query ${q.id} "${q.text}": ${why}` : e.message);
  }
  return parsed.data;
}
