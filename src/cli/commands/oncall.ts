/**
 * `vigie oncall <schedule> [--at <when>] [--days 14] [--json]`: who is on call on an on-call schedule
 * of the configured alerting file, and the final shifts (overrides applied) of the next days, with
 * the times in the schedule's time zone (named) and the gaps where nobody is on call. Reads only the
 * alerting file, no store. `--json` prints the API's format (GET /api/alerting/schedules/:id/on-call).
 */
import type { Command } from 'commander';
import { onCallView, parseScheduleTime } from '../../api/routes/alerting-config.ts';
import { readConfig } from '../context.ts';
import { CliError } from '../errors.ts';
import { parseIntegerOption, type GlobalOptions } from '../options.ts';
import { formatTable, printJson, printLine } from '../output.ts';
import { loadAlertingFile } from './alerts.ts';

/** "2024-05-06T09:00+02:00" → "2024-05-06 09:00 +02:00" */
const readable = (local: string): string => local.replace('T', ' ').replace(/([+-]\d{2}:\d{2})$/, ' $1');

export function registerOncall(program: Command, global: () => GlobalOptions): void {
  program
    .command('oncall <schedule>')
    .description("Who is on call on an on-call schedule of the alerting file, and the shifts of the next days (times in the schedule's time zone)")
    .option('--at <when>', "the moment to ask about: a local date-time in the schedule's zone (2025-03-10T09:00), an ISO instant with Z or an offset, or epoch ms (default: now)")
    .option('--days <n>', 'days of shifts to show (1–31)', '14')
    .option('--json', 'print JSON (the API format)')
    .action((id: string, opts: { at?: string; days: string; json?: boolean }) => {
      const days = parseIntegerOption(opts.days, '--days', 1, 31);
      const config = readConfig(global());
      const path = config.alerting.file;
      if (path === null) throw new CliError('alerting.file is not set in the configuration: there are no on-call schedules to read (docs/alerting.md)');
      const file = loadAlertingFile(path);
      const schedule = file.config.schedules.find((s) => s.id === id);
      if (schedule === undefined) {
        const known = file.config.schedules.map((s) => s.id);
        throw new CliError(`no on-call schedule "${id}" in ${path} (${known.length === 0 ? 'it has none' : `known: ${known.join(', ')}`})`, 3);
      }
      const tz = schedule.timeZone;
      let at = Date.now();
      if (opts.at !== undefined) {
        const t = parseScheduleTime(opts.at, tz);
        if (t === null) throw new CliError(`--at: expected a local date-time in ${tz} (2025-03-10T09:00), an ISO instant with Z or an offset, or epoch ms; got "${opts.at}"`);
        at = t;
      }
      const view = onCallView(file, schedule, at, days);
      if (opts.json) return printJson(view);
      const who = (user: string, name: string | null): string => (name === null ? user : `${name} (${user})`);
      printLine(`Schedule ${schedule.id} (${schedule.name}), times in ${tz}`);
      printLine(`On call at ${readable(view.atLocal)}: ${view.onCall === null ? 'NOBODY' : `${who(view.onCall.user, view.onCall.name)}, ${view.onCall.layer === null ? 'by override' : `layer ${view.onCall.layer}`}`}`);
      printLine();
      printLine(`Shifts over the next ${days} day(s):`);
      if (view.shifts.length === 0) printLine('  none: nobody is on call in that period');
      else
        printLine(formatTable(
          ['from', 'to', 'on call', 'layer'],
          view.shifts.map((s) => [readable(s.startLocal), readable(s.endLocal), who(s.user, s.name), s.layer ?? 'override']),
        ));
      if (view.gaps.length > 0) {
        printLine();
        printLine(`Nobody on call (alerts paging this schedule reach no one):`);
        for (const g of view.gaps) printLine(`  ${readable(g.startLocal)} → ${readable(g.endLocal)}`);
      }
    });
}
