import { z } from 'zod';
import { SlugSchema } from '../../domain/ids.ts';

const TIME_HELP = 'expected an ISO 8601 date (2024-05-01 or 2024-05-01T12:00:00Z) or epoch milliseconds';
const ISO = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

/** The largest epoch millisecond a Date can hold. */
const MAX_DATE_MS = 8.64e15;

/** Parses an ISO 8601 date (UTC when it has no offset) or epoch milliseconds; null if neither. */
export function parseTime(value: string): number | null {
  const s = value.trim();
  if (/^-?\d{1,16}$/.test(s)) return Math.abs(Number(s)) <= MAX_DATE_MS ? Number(s) : null;
  if (!ISO.test(s)) return null;
  const hasZone = /(?:Z|[+-]\d{2}:?\d{2})$/i.test(s) && s.length > 10;
  const t = Date.parse(s.length > 10 && !hasZone ? `${s.replace(' ', 'T')}Z` : s.replace(' ', 'T'));
  return Number.isFinite(t) ? t : null;
}

/** A point in time, as ISO 8601 or epoch milliseconds; becomes epoch milliseconds. */
export const TimeParam = z.string().transform((s, ctx) => {
  const t = parseTime(s);
  if (t === null) {
    ctx.addIssue({ code: 'custom', message: `${TIME_HELP}, got ${JSON.stringify(s.slice(0, 60))}` });
    return z.NEVER;
  }
  return t;
});

/** An integer given in the query string. */
export function intParam(min: number, max: number) {
  const message = `expected an integer from ${min} to ${max}`;
  return z.string().transform((s, ctx) => {
    const n = /^\d{1,15}$/.test(s.trim()) ? Number(s.trim()) : NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      ctx.addIssue({ code: 'custom', message: `${message}, got ${JSON.stringify(s.slice(0, 60))}` });
      return z.NEVER;
    }
    return n;
  });
}

export const NAMED_BUCKETS = { '1m': 60_000, '5m': 300_000, '15m': 900_000, '1h': 3_600_000, '1d': 86_400_000 } as const;

/** A bucket width: one of the named widths or a number of milliseconds, a multiple of one minute. */
export const BucketParam = z.string().transform((s, ctx) => {
  const named = (NAMED_BUCKETS as Record<string, number>)[s];
  if (named !== undefined) return { label: s, ms: named };
  const n = /^\d{1,12}$/.test(s) ? Number(s) : NaN;
  if (!Number.isSafeInteger(n) || n <= 0 || n % 60_000 !== 0) {
    ctx.addIssue({
      code: 'custom',
      message: `expected 1m, 5m, 15m, 1h, 1d or a number of milliseconds that is a multiple of 60000, got ${JSON.stringify(s.slice(0, 60))}`,
    });
    return z.NEVER;
  }
  const label = Object.entries(NAMED_BUCKETS).find(([, ms]) => ms === n)?.[0] ?? `${n}ms`;
  return { label, ms: n };
});

export const BrandIdParam = SlugSchema;
