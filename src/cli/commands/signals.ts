import type { Command } from 'commander';
import { presentSignal } from '../../api/presenters/signal.ts';
import { SeveritySchema, SignalKindSchema, type BurstTerm, type EvidencePost, type Signal } from '../../domain/signal.ts';
import type { SignalQuery } from '../../store/store.ts';
import { requireBrand, withContext } from '../context.ts';
import { CliError } from '../errors.ts';
import { parseIntegerOption, parseTimeOption, type GlobalOptions } from '../options.ts';
import { formatTable, iso, printJson, printLine } from '../output.ts';

interface ListOptions {
  brand?: string;
  status?: string;
  kind?: string;
  minSeverity?: string;
  since?: string;
  drill?: boolean;
  limit: string;
  cursor?: string;
  json?: boolean;
}

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

/** `--since`: a duration back from now (30m, 24h, 7d, 2w), an ISO 8601 date or epoch ms. */
export function parseSince(value: string, now: number): number {
  const d = /^(\d{1,6})\s*([mhdw])$/i.exec(value.trim());
  if (d) return now - Number(d[1]) * UNIT_MS[d[2]!.toLowerCase()]!;
  try {
    return parseTimeOption(value, '--since');
  } catch {
    throw new CliError(`--since: expected a duration back from now (30m, 24h, 7d, 2w), an ISO 8601 date (2026-03-09T14:00:00Z) or epoch milliseconds, got "${value}"`);
  }
}

function listQuery(opts: ListOptions, now: number): SignalQuery {
  const q: SignalQuery = { limit: parseIntegerOption(opts.limit, '--limit', 1, 500), includeDrill: opts.drill === true };
  if (opts.brand !== undefined) q.brandId = opts.brand;
  if (opts.status !== undefined) {
    if (opts.status !== 'open' && opts.status !== 'closed') throw new CliError(`--status: expected open or closed, got "${opts.status}"`);
    q.status = opts.status;
  }
  if (opts.kind !== undefined) {
    const k = SignalKindSchema.safeParse(opts.kind);
    if (!k.success) throw new CliError(`--kind: expected one of ${SignalKindSchema.options.join(', ')}, got "${opts.kind}"`);
    q.kind = k.data;
  }
  if (opts.minSeverity !== undefined) {
    const s = SeveritySchema.safeParse(opts.minSeverity.trim().toUpperCase());
    if (!s.success) throw new CliError(`--min-severity: expected SEV1, SEV2, SEV3 or SEV4 (SEV2 lists SEV1 and SEV2), got "${opts.minSeverity}"`);
    q.minSeverity = s.data;
  }
  if (opts.since !== undefined) q.from = parseSince(opts.since, now);
  if (opts.cursor !== undefined) q.cursor = opts.cursor;
  return q;
}

export function registerSignals(program: Command, global: () => GlobalOptions): void {
  const signals = program
    .command('signals')
    .description('List the signals detection stored (newest first); `signals show <id>` explains one')
    .option('--brand <id>', 'only this brand')
    .option('--status <status>', 'open or closed')
    .option('--kind <kind>', `only this kind: ${SignalKindSchema.options.join(', ')}`)
    .option('--min-severity <sev>', 'this severity or worse: SEV3 lists SEV1, SEV2 and SEV3')
    .option('--since <when>', 'started since: a duration back from now (30m, 24h, 7d, 2w), an ISO 8601 date or epoch ms')
    .option('--drill', 'also list signals made during drills and replays')
    .option('--limit <n>', 'how many (1–500)', '20')
    .option('--cursor <cursor>', 'the next page, as given by the previous one')
    .option('--json', 'print JSON (the API format)')
    .action(async (opts: ListOptions) => {
      const query = listQuery(opts, Date.now());
      await withContext(global(), async (ctx) => {
        if (query.brandId !== undefined) await requireBrand(ctx, query.brandId);
        const page = await ctx.store.listSignals(ctx.workspaceId, query);
        if (opts.json) return printJson({ signals: page.items.map(presentSignal), nextCursor: page.nextCursor });
        if (page.items.length === 0) return printLine('No signal found.');
        printLine(formatTable(
          ['started', 'brand', 'kind', 'severity', 'score', 'id', 'summary'],
          page.items.map((s) => [iso(s.startedAt), s.brandId, s.kind + (s.drill ? ' (drill)' : ''), s.severity, s.score.toFixed(2), s.id, oneLine(s.summary, 120)]),
        ));
        if (page.nextCursor) printLine(`\nMore: add --cursor ${page.nextCursor}`);
      });
    });

  signals
    .command('show')
    .description('Show one signal: what happened, the severity factors and the evidence (terms, hashtags, top posts, storylines, samples)')
    .argument('<id>', 'signal id, as listed by `vigie signals`')
    .option('--json', 'print JSON (the API format)')
    .action(async (id: string, opts: { json?: boolean }, cmd: Command) => {
      // The program hands options it does not know to `signals` first, which takes --json as its own.
      const json = opts.json === true || cmd.parent?.opts<ListOptions>().json === true;
      await withContext(global(), async (ctx) => {
        const signal = await ctx.store.getSignal(ctx.workspaceId, id);
        if (signal === null) throw new CliError(`no signal "${id}" in workspace ${ctx.workspaceId}; list them with \`vigie signals\``);
        if (json) return printJson(presentSignal(signal));
        printSignal(signal);
      });
    });
}

function oneLine(text: string, max: number): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

/** A number for people: integers as they are, others with two decimals. */
function num(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(2);
}

const indent = (text: string, by: string): string => text.split('\n').map((l) => by + l).join('\n');

function section(title: string, rows: readonly unknown[], print: () => void): void {
  printLine(`  ${title}${rows.length === 0 ? ': none' : ''}`);
  if (rows.length > 0) print();
}

/** A quoted post: its facts on the first line (after `lead`), then its text and link (after `by`). */
function postLines(p: EvidencePost, by: string, lead = by): void {
  const who = p.authorHandle ? `@${p.authorHandle}` : p.authorId;
  const facts = [iso(p.createdAt), who + (p.followers === null ? '' : ` (${p.followers} followers)`), `reach ${num(p.reach)}`, p.sentiment ?? 'sentiment ?', p.lang ?? 'lang ?'];
  printLine(`${lead}${facts.join(' · ')}`);
  printLine(`${by}  ${oneLine(p.text, 280)}`);
  if (p.url) printLine(`${by}  ${p.url}`);
}

function termTable(terms: readonly BurstTerm[]): void {
  printLine(indent(formatTable(['term', 'count', 'expected', 'LLR'], terms.map((t) => [t.term, String(t.count), num(t.expected), num(t.llr)])), '    '));
}

function printSignal(s: Signal): void {
  printLine(`${s.id}${s.drill ? '  (DRILL)' : ''}`);
  printLine(`  ${s.summary}`);
  printLine(`  brand ${s.brandId} · ${s.kind} · ${s.severity} · score ${s.score.toFixed(2)} · ${s.status}`);
  printLine(`  started ${iso(s.startedAt)} · updated ${iso(s.updatedAt)} · ${s.endedAt === null ? 'still open' : `ended ${iso(s.endedAt)}`}`);
  printLine(`  observed ${num(s.observed)} · expected ${num(s.expected)} · buckets of ${num(s.bucketMs / 60_000)} min`);
  printLine('');
  section('Severity factors', s.factors, () =>
    printLine(indent(formatTable(['factor', 'value', 'points', 'detail'], s.factors.map((f) => [f.name, num(f.value), num(f.points), f.detail])), '    ')));
  printLine('');
  const e = s.evidence;
  if (e === null) {
    printLine('  Evidence: none');
    return;
  }
  printLine(`  Evidence: ${e.mentions} mentions from ${iso(e.from)} to ${iso(e.to)}`);
  section('Bursting terms', e.terms, () => termTable(e.terms));
  section('Hashtags', e.hashtags, () => termTable(e.hashtags));
  section('Top posts', e.topPosts, () => e.topPosts.forEach((p, i) => postLines(p, '       ', `    ${String(i + 1).padStart(2)}. `)));
  section('Top authors', e.topAuthors, () =>
    printLine(indent(formatTable(
      ['author', 'stakeholder', 'followers', 'mentions', 'reach'],
      e.topAuthors.map((a) => [a.handle ? `@${a.handle}` : a.authorId, a.stakeholder ?? '?', a.followers === null ? '?' : String(a.followers), String(a.mentions), num(a.reach)]),
    ), '    ')));
  section('Storylines', e.storylines, () => {
    for (const st of e.storylines) {
      printLine(`    ${st.kind} ${st.id}: ${st.size} posts by ${Math.min(st.authors, st.size)} authors, ${iso(st.firstAt)} → ${iso(st.lastAt)}, reach ${num(st.reach)}`);
      const c = st.coordination;
      if (c !== undefined) {
        printLine(`      coordination: ${c.level} (${c.score.toFixed(2)})${c.reasons.length > 0 ? ` — ${c.reasons.join('; ')}` : ''}`);
      }
      postLines(st.representative, '      ');
    }
  });
  section('Samples', e.samples, () => {
    for (const group of e.samples) {
      printLine(`    ${group.lang}:`);
      for (const p of group.mentions) postLines(p, '      ');
    }
  });
}
