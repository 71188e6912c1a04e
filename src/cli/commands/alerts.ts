/**
 * Alerting from the command line: `vigie alerts list|show|ack|resolve|silence`, `vigie dead-letters
 * list|requeue`, `vigie alerting check <file>|export|import <file>`, and `vigie notify test <channel> --to <target>`
 * (a test page through one channel with the configured SMTP/SMS settings, printing the result).
 * Acting on an alert goes through the escalation engine (so its escalation stops at once) and needs
 * alerting configured; reading only needs the store. `--json` prints the API's format.
 */
import type { Command } from 'commander';
import { randomUUID } from 'node:crypto';
import { existsSync, realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { AlertStatusSchema } from '../../alert/alert.ts';
import {
  AlertingConfigError, checkAlertingFileAt, describeAlertingSummary, dumpAlertingFile, readAlertingFile, summarizeAlertingFile, type AlertingFile,
} from '../../alert/config-file.ts';
import { ContactSchema, type Contact } from '../../alert/delivery/user.ts';
import type { AlertMessage, DeliveryResult } from '../../alert/message.ts';
import { buildRegistry, writeAlertingFile } from '../../alert/setup.ts';
import { presentAlert, presentDelivery, presentEscalation } from '../../api/presenters/alert.ts';
import type { AlertQuery } from '../../store/alerting-types.ts';
import { readConfig, withContext, type AppContext } from '../context.ts';
import { CliError } from '../errors.ts';
import { openAlerting } from '../ingest.ts';
import { parseIntegerOption, parseTimeOption, type GlobalOptions } from '../options.ts';
import { formatTable, iso, printJson, printLine } from '../output.ts';

const NOTIFY_CHANNELS = ['email', 'sms', 'slack', 'teams', 'webhook'] as const;

async function engineOf(ctx: AppContext) {
  const a = await openAlerting(ctx);
  if (a === null) throw new CliError('alerting is not enabled: set alerting.enabled, alerting.file, alerting.baseUrl and alerting.ackSecret (docs/alerting.md)');
  return a;
}

type Refusal = { ok: false; code: string; error: string };
function outcome(r: { ok: true; alert: Parameters<typeof presentAlert>[0] } | Refusal, json: boolean | undefined, what: string): void {
  if (!r.ok) throw new CliError(r.error, r.code === 'not_found' ? 3 : 2);
  if (json) printJson(presentAlert(r.alert));
  else printLine(`Alert ${r.alert.id} ${what}: now ${r.alert.status}.`);
}

export function registerAlerts(program: Command, global: () => GlobalOptions): void {
  const alerts = program.command('alerts').description('List alerts and act on them (acknowledge, resolve, silence)');
  alerts
    .command('list')
    .description('Alerts, newest first')
    .option('--status <status>', 'new, acknowledged, resolved or silenced')
    .option('--brand <id>', 'only this brand')
    .option('--limit <n>', 'how many (1–500)', '20')
    .option('--cursor <cursor>', 'the next page, as given by the previous one')
    .option('--json', 'print JSON (the API format)')
    .action(async (opts: { status?: string; brand?: string; limit: string; cursor?: string; json?: boolean }) => {
      const query: AlertQuery = { limit: parseIntegerOption(opts.limit, '--limit', 1, 500) };
      if (opts.status !== undefined) {
        const s = AlertStatusSchema.safeParse(opts.status);
        if (!s.success) throw new CliError(`--status: expected one of ${AlertStatusSchema.options.join(', ')}, got "${opts.status}"`);
        query.status = s.data;
      }
      if (opts.brand !== undefined) query.brandId = opts.brand;
      if (opts.cursor !== undefined) query.cursor = opts.cursor;
      await withContext(global(), async (ctx) => {
        const page = await ctx.store.listAlerts(ctx.workspaceId, query);
        if (opts.json) return printJson({ alerts: page.items.map(presentAlert), nextCursor: page.nextCursor });
        if (page.items.length === 0) return printLine('No alert found.');
        printLine(formatTable(
          ['created', 'brand', 'kind', 'severity', 'status', 'id', 'title'],
          page.items.map((a) => [iso(a.createdAt), a.brandId, a.kind + (a.drill ? ' (drill)' : ''), a.severity, a.status, a.id, a.title.slice(0, 100)]),
        ));
        if (page.nextCursor !== null) printLine(`More: --cursor ${page.nextCursor}`);
      });
    });
  alerts
    .command('show <id>')
    .description('One alert and its escalation')
    .option('--json', 'print JSON (the API format)')
    .action(async (id: string, opts: { json?: boolean }) => {
      await withContext(global(), async (ctx) => {
        const a = await ctx.store.getAlert(ctx.workspaceId, id);
        if (a === null) throw new CliError(`no alert "${id}" in workspace ${ctx.workspaceId}; list them with \`vigie alerts list\``, 3);
        const esc = presentEscalation(await ctx.store.getEscalation(ctx.workspaceId, id));
        if (opts.json) return printJson({ ...presentAlert(a), escalation: esc });
        printLine(`${a.id}  ${a.severity} ${a.kind} on ${a.brandId}${a.drill ? ' (DRILL)' : ''}: ${a.status}`);
        printLine(a.title);
        printLine(`created ${iso(a.createdAt)}, ${a.signalIds.length} signal(s)`);
        if (a.acknowledgedBy !== null) printLine(`acknowledged by ${a.acknowledgedBy} at ${iso(a.acknowledgedAt)}`);
        if (a.resolvedBy !== null) printLine(`resolved by ${a.resolvedBy} at ${iso(a.resolvedAt)}${a.falseAlarm ? ' (false alarm)' : ''}${a.resolutionNote ? `: ${a.resolutionNote}` : ''}`);
        if (a.status === 'silenced') printLine(`silenced ${a.silencedUntil === null ? 'for good' : `until ${iso(a.silencedUntil)}`}`);
        if (esc !== null) printLine(`escalation: policy ${String(esc.policyId)}, step ${String(esc.step)}${esc.stoppedAt === null ? ', running' : `, stopped (${String(esc.stopReason)})`}`);
      });
    });
  alerts
    .command('ack <id>')
    .description('Acknowledge an alert (its escalation stops)')
    .option('--by <who>', 'who acknowledges', process.env.USER ?? 'cli')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { by: string; json?: boolean }) => {
      await withContext(global(), async (ctx) => {
        const a = await engineOf(ctx);
        try {
          outcome(await a.engine.acknowledge(id, opts.by), opts.json, 'acknowledged');
        } finally {
          a.close();
        }
      });
    });
  alerts
    .command('resolve <id>')
    .description('Resolve an alert')
    .option('--by <who>', 'who resolves', process.env.USER ?? 'cli')
    .option('--note <text>', 'what was done')
    .option('--false-alarm', 'mark it a false alarm (alert-quality figures)')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { by: string; note?: string; falseAlarm?: boolean; json?: boolean }) => {
      await withContext(global(), async (ctx) => {
        const a = await engineOf(ctx);
        try {
          outcome(await a.engine.resolve(id, opts.by, { ...(opts.note === undefined ? {} : { note: opts.note }), falseAlarm: opts.falseAlarm === true }), opts.json, 'resolved');
        } finally {
          a.close();
        }
      });
    });
  alerts
    .command('silence <id>')
    .description('Silence an alert until a time, or for good')
    .option('--by <who>', 'who silences', process.env.USER ?? 'cli')
    .option('--until <when>', 'ISO 8601 date or epoch ms (default: for good)')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { by: string; until?: string; json?: boolean }) => {
      const until = opts.until === undefined ? null : parseTimeOption(opts.until, '--until');
      if (until !== null && until <= Date.now()) throw new CliError(`--until: ${iso(until)} is not in the future (leave it out to silence for good)`);
      await withContext(global(), async (ctx) => {
        const a = await engineOf(ctx);
        try {
          outcome(await a.engine.silence(id, opts.by, until), opts.json, 'silenced');
        } finally {
          a.close();
        }
      });
    });

  const dead = program.command('dead-letters').description('Deliveries that failed for good, and requeueing them');
  dead
    .command('list')
    .description('The dead-letter list, most recent first')
    .option('--limit <n>', 'how many (1–500)', '50')
    .option('--cursor <cursor>', 'the next page')
    .option('--json', 'print JSON (the API format)')
    .action(async (opts: { limit: string; cursor?: string; json?: boolean }) => {
      const limit = parseIntegerOption(opts.limit, '--limit', 1, 500);
      await withContext(global(), async (ctx) => {
        const page = await ctx.store.listDeadDeliveries(ctx.workspaceId, { limit, ...(opts.cursor === undefined ? {} : { cursor: opts.cursor }) });
        if (opts.json) return printJson({ deliveries: page.items.map(presentDelivery), nextCursor: page.nextCursor });
        if (page.items.length === 0) return printLine('The dead-letter list is empty.');
        printLine(formatTable(['dead', 'channel', 'alert', 'attempts', 'id', 'error'], page.items.map((d) => [iso(d.deadAt), d.channel, d.alertId, String(d.attempts), d.id, (d.lastError ?? '').slice(0, 120)])));
      });
    });
  dead
    .command('requeue <id>')
    .description('Send a dead delivery again (attempts reset)')
    .action(async (id: string) => {
      await withContext(global(), async (ctx) => {
        const d = await ctx.store.getDelivery(ctx.workspaceId, id);
        if (d === null) throw new CliError(`no delivery "${id}"; see \`vigie dead-letters list\``, 3);
        if (d.status !== 'dead') throw new CliError(`delivery "${id}" is ${d.status}, not dead: only dead deliveries can be requeued`);
        await ctx.store.requeueDelivery(ctx.workspaceId, id, Date.now());
        printLine(`Delivery ${id} requeued: \`vigie serve\` sends it at its next pass.`);
      });
    });

  const alerting = program.command('alerting').description('The alerting file: check it, export it, import it');
  alerting
    .command('check <file>')
    .description('Validate an alerting YAML file (users, schedules, channels, teams, policies, routing); errors name file:line:column')
    .action((file: string) => {
      printLine(`${file}: OK — ${describeAlertingSummary(summarizeAlertingFile(loadAlertingFile(file)))}.`);
    });
  alerting
    .command('export')
    .description('Print the configured alerting file (alerting.file), normalised, as YAML that imports back equal')
    .action(() => {
      const config = readConfig(global());
      if (config.alerting.file === null) throw new CliError('alerting.file is not set in the configuration: nothing to export');
      process.stdout.write(dumpAlertingFile(loadAlertingFile(config.alerting.file)));
    });
  alerting
    .command('import <file>')
    .description('Validate an alerting YAML file and, if valid, make it the configured alerting.file (replaced atomically, the old one kept as <file>.previous); errors name file:line:column and change nothing')
    .action((file: string) => {
      const config = readConfig(global());
      const configured = config.alerting.file;
      if (configured === null) throw new CliError('alerting.file is not set in the configuration: set it to where the alerting file should live (docs/alerting.md), then import');
      const target = resolve(configured);
      // Secrets masked by GET /api/alerting/config ("***") keep the values of the configured file.
      const current = checkAlertingFileAt(target, configured);
      const r = checkAlertingFileAt(resolve(file), file, current.ok ? { keepSecretsFrom: current.file } : {});
      if (!r.ok) throw new CliError(`${file} is not valid; ${configured} was not changed:\n${r.problems.map((p) => `  ${p.text}`).join('\n')}`);
      printLine(`${file}: OK — ${describeAlertingSummary(summarizeAlertingFile(r.file))}.`);
      if (existsSync(target) && realpathSync(target) === realpathSync(resolve(file))) {
        printLine(`${file} is already the configured alerting file (alerting.file): nothing to copy.`);
      } else {
        const existed = existsSync(target);
        try {
          writeAlertingFile(target, r.text);
        } catch (e) {
          throw new CliError(e instanceof Error ? e.message : String(e), 1);
        }
        printLine(`Written to ${configured}${existed ? ` (the previous one kept as ${configured}.previous)` : ''}.`);
      }
      printLine('A running `vigie serve` takes it on SIGHUP (kill -HUP <pid>); PUT /api/alerting/config does both at once.');
    });

  program
    .command('notify')
    .description('Channel checks')
    .command('test <channel>')
    .description(`Send a test page through one channel (${NOTIFY_CHANNELS.join(', ')}) with the configured settings, and print the result`)
    .requiredOption('--to <target>', 'e-mail address, E.164 phone number, or https:// URL (Slack, Teams, webhook)')
    .option('--secret <whsec>', 'webhook signing secret, whsec_… (required for the webhook channel)')
    .option('--lang <lang>', 'en or fr', 'en')
    .option('--json', 'print the DeliveryResult as JSON')
    .action(async (channel: string, opts: { to: string; secret?: string; lang: string; json?: boolean }) => {
      const contact = testContact(channel, opts.to, opts.secret);
      if (opts.lang !== 'en' && opts.lang !== 'fr') throw new CliError(`--lang: expected en or fr, got "${opts.lang}"`);
      const config = readConfig(global());
      let built;
      try {
        built = buildRegistry(config.alerting);
      } catch (e) {
        throw new CliError(e instanceof Error ? e.message : String(e));
      }
      try {
        const base = (config.alerting.baseUrl ?? 'http://127.0.0.1').replace(/\/+$/, '');
        const out = await built.registry.deliver(contact, testPage(base, opts.lang), {});
        const result: DeliveryResult = out.outcome === 'delivered' || out.outcome === 'failed' ? out.result : { ok: false, retryable: false, error: out.reason };
        if (opts.json) printJson(result);
        else printLine(result.ok ? `Test page sent by ${channel} to ${opts.to}${result.status === undefined ? '' : ` (HTTP ${result.status})`}.` : `Test page NOT sent by ${channel} to ${opts.to}: ${result.error}`);
        if (!result.ok) throw new CliError('the test page was not delivered (see above)', 1);
      } finally {
        built.close();
      }
    });
}

/** The alerting file at `file` (relative to the working directory), or a CliError listing each problem as file:line:column. */
export function loadAlertingFile(file: string): AlertingFile {
  try {
    return readAlertingFile(resolve(file), file);
  } catch (e) {
    if (e instanceof AlertingConfigError) throw new CliError(`${file} is not valid:\n${e.problems.map((p) => `  ${p}`).join('\n')}`);
    throw e;
  }
}

function testContact(channel: string, to: string, secret: string | undefined): Contact {
  if (!(NOTIFY_CHANNELS as readonly string[]).includes(channel)) throw new CliError(`unknown channel "${channel}": expected one of ${NOTIFY_CHANNELS.join(', ')}`);
  const target = channel === 'email' || channel === 'sms' ? { to } : channel === 'webhook' ? { url: to, secret: secret ?? '' } : { url: to };
  if (channel === 'webhook' && secret === undefined) throw new CliError('--secret: the webhook channel signs its calls; give the receiver\'s secret (whsec_…)');
  const r = ContactSchema.safeParse({ id: 'notify-test', channel, target });
  if (!r.success) throw new CliError(`--to: ${r.error.issues.map((i) => i.message).join('; ')}`);
  return r.data;
}

/** A page that says plainly it is a test, about no real alert. */
function testPage(base: string, lang: 'en' | 'fr'): AlertMessage {
  const id = `test_${randomUUID()}`;
  return {
    alertId: id,
    deliveryId: `${id}_d1`,
    workspaceId: 'test',
    brand: { id: 'vigie-test', name: 'Vigie' },
    severity: 'SEV4',
    kind: 'volume',
    title: lang === 'fr' ? 'TEST — page de test de Vigie, aucune action requise' : 'TEST — a test page from Vigie, no action needed',
    why: [lang === 'fr' ? 'Envoyée par `vigie notify test` pour vérifier ce canal.' : 'Sent by `vigie notify test` to check this channel.'],
    samples: [],
    url: `${base}/api/alerts`,
    ackUrl: `${base}/api/alerts`,
    startedAt: Date.now(),
    urgency: 'normal',
    drill: false,
    lang,
  };
}
