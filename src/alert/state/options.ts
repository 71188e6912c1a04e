/**
 * The alert options of a workspace: how signals are grouped into alerts (key and window), the
 * acknowledgement timeout, reminders, auto-resolve, the resolution note and maintenance windows.
 * Also `groupKey`, the key a signal is grouped under, and `maintenanceAt`, the window (if any)
 * that keeps a brand's alerts from paging. Pure: no I/O, time passed in.
 */
import { z } from 'zod';
import type { Signal } from '../../domain/signal.ts';

/** The parts a grouping key can be made of, in the order they appear in the key. */
export const GROUP_BY_PARTS = ['brand', 'kind', 'severity', 'category'] as const;
export type GroupByPart = (typeof GROUP_BY_PARTS)[number];

/** An instant: epoch milliseconds, or an ISO 8601 date-time with its offset ("2025-06-01T22:00:00+02:00"). */
const InstantSchema = z.union(
  [
    z.number().int().nonnegative(),
    z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time with an offset, e.g. "2025-06-01T22:00:00+02:00", or epoch milliseconds' }),
  ],
  { message: 'must be an ISO 8601 date-time with an offset (e.g. "2025-06-01T22:00:00+02:00") or epoch milliseconds' },
).transform((v) => (typeof v === 'number' ? v : Date.parse(v)));

const minutes = (what: string) =>
  z.number({ message: `${what} must be a number of minutes` }).int({ message: `${what} must be a whole number of minutes` }).min(1, { message: `${what} must be at least 1 minute` }).max(525_600, { message: `${what} must be at most a year (525600 minutes)` });

export const MaintenanceWindowSchema = z
  .strictObject({
    from: InstantSchema.describe('Start of the maintenance window (inclusive).'),
    to: InstantSchema.describe('End of the maintenance window (exclusive).'),
    brands: z
      .array(z.string().min(1))
      .min(1, { message: 'an empty list covers no brand: remove `brands` to cover every brand, or list brand ids' })
      .optional()
      .describe('Brand ids the window covers; absent means every brand of the workspace.'),
  })
  .refine((w) => w.to > w.from, { message: '`to` must be after `from`', path: ['to'] })
  .describe('During a maintenance window, alerts of the covered brands are recorded but page nobody.');
export type MaintenanceWindow = z.infer<typeof MaintenanceWindowSchema>;

export const AlertOptionsSchema = z
  .strictObject({
    groupBy: z
      .array(z.enum(GROUP_BY_PARTS, { message: `must be one of ${GROUP_BY_PARTS.join(', ')}` }))
      .min(1, { message: 'must list at least one of brand, kind, severity, category' })
      .refine((g) => new Set(g).size === g.length, { message: 'lists a part twice' })
      .default(['brand', 'kind'])
      .describe('What signals are grouped by: a subset of brand, kind, severity, category (default brand + kind).'),
    windowMinutes: minutes('windowMinutes')
      .default(60)
      .describe('A signal joins an unresolved alert of its key when that alert\'s last signal was at most this many minutes before it; otherwise it opens a new alert.'),
    ackTimeoutMinutes: minutes('ackTimeoutMinutes')
      .nullable()
      .default(null)
      .describe('An acknowledgement lapses after this many minutes and the alert goes back to `new` (and pages again); null: acknowledgements never lapse.'),
    reminderMinutes: minutes('reminderMinutes')
      .nullable()
      .default(null)
      .describe('While an alert stays acknowledged but unresolved, remind whoever acknowledged it every this many minutes; null: no reminders.'),
    autoResolve: z
      .strictObject({
        enabled: z.boolean().default(true).describe('Resolve an alert by itself once all its signals have closed and stayed calm.'),
        afterCalmMinutes: minutes('autoResolve.afterCalmMinutes')
          .default(30)
          .describe('How long all the alert\'s signals must have been closed before it resolves by itself.'),
      })
      .default({ enabled: true, afterCalmMinutes: 30 })
      .describe('Auto-resolve when the signal subsides.'),
    requireResolutionNote: z
      .boolean()
      .default(false)
      .describe('When true, resolving an alert by hand requires a note saying what was done.'),
    maintenance: z
      .array(MaintenanceWindowSchema)
      .default([])
      .describe('Maintenance windows: alerts are recorded but page nobody.'),
  })
  .describe('How signals become alerts and how alerts age.');
export type AlertOptions = z.infer<typeof AlertOptionsSchema>;
export type AlertOptionsInput = z.input<typeof AlertOptionsSchema>;

/** The default options (brand + kind, 60-minute window, no ack timeout, no reminders, auto-resolve after 30 calm minutes). */
export const DEFAULT_ALERT_OPTIONS: AlertOptions = AlertOptionsSchema.parse({});

/**
 * Parses alert options, or throws an Error listing every problem with its path
 * (e.g. `alerts.maintenance[0].to: \`to\` must be after \`from\``). `where` prefixes the paths.
 */
export function parseAlertOptions(input: unknown, where = 'alerts'): AlertOptions {
  const r = AlertOptionsSchema.safeParse(input);
  if (r.success) return r.data;
  const lines = r.error.issues.map((i) => {
    const path = i.path.reduce<string>((p, k) => (typeof k === 'number' ? `${p}[${k}]` : `${p}.${String(k)}`), where);
    return `${path}: ${i.message}`;
  });
  throw new Error(`Invalid alert options:\n  ${lines.join('\n  ')}`);
}

/** Escapes one key part so that ":" inside a brand id or category cannot make two keys collide. */
const part = (s: string): string => encodeURIComponent(s);

/**
 * The grouping key of a signal: its configured parts in a fixed order (brand, kind, severity,
 * category), joined by ":" (e.g. `kerlann:negative_volume`). Drill signals get a `drill:` prefix so
 * they never join a real alert. `category` is the signal's main crisis-trigger category (signals
 * do not carry one: the caller gives it), null when it has none; it must be given (null or a
 * string) when `groupBy` includes `category`.
 */
export function groupKey(signal: Pick<Signal, 'brandId' | 'kind' | 'severity' | 'drill'>, options: Pick<AlertOptions, 'groupBy'>, category?: string | null): string {
  const parts: string[] = [];
  for (const p of GROUP_BY_PARTS) {
    if (!options.groupBy.includes(p)) continue;
    if (p === 'brand') parts.push(part(signal.brandId));
    else if (p === 'kind') parts.push(signal.kind);
    else if (p === 'severity') parts.push(signal.severity);
    else {
      if (category === undefined)
        throw new Error('groupKey: groupBy includes "category" but no category was given for the signal (pass its main crisis-trigger category, or null when it has none)');
      parts.push(category === null ? '-' : part(category));
    }
  }
  return (signal.drill ? 'drill:' : '') + parts.join(':');
}

/** The maintenance window covering `brandId` at `now`, or null. */
export function maintenanceAt(options: Pick<AlertOptions, 'maintenance'>, brandId: string, now: number): MaintenanceWindow | null {
  for (const w of options.maintenance) {
    if (now >= w.from && now < w.to && (w.brands === undefined || w.brands.includes(brandId))) return w;
  }
  return null;
}
