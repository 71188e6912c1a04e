import { PLATFORMS, type Platform } from '../../domain/platform.ts';
import type { MentionDraft } from '../../domain/mention.ts';
import type { ParseOutcome } from '../source.ts';
import { finishDraft } from '../import/normalise.ts';
import type { CsvField } from './mapping.ts';

/** A CSV row as the fields of the mapping (undefined or '' when the column is absent or empty). */
export type CsvRow = Partial<Record<CsvField, string>>;

/** Epoch ms from ISO 8601 or epoch seconds / milliseconds (10 digits or fewer are seconds). */
export function parseCsvTime(value: string): number | undefined {
  const v = value.trim();
  if (/^-?\d+(\.\d+)?$/.test(v)) {
    const n = Number(v);
    if (!Number.isFinite(n)) return undefined;
    return Math.round(Math.abs(n) < 1e11 ? n * 1000 : n);
  }
  if (!/^\d{4}-\d{2}-\d{2}/.test(v)) return undefined;
  const t = Date.parse(v);
  return Number.isFinite(t) ? t : undefined;
}

const platforms = new Set<string>(PLATFORMS);

/**
 * A CSV row (already mapped to fields) as a mention draft. `columns` names the CSV column of each
 * field, for error messages. `raw` is the row as read, kept as evidence.
 */
export function parseCsvRow(row: CsvRow, raw: Record<string, string>, receivedAt: number, columns: Record<CsvField, string>): ParseOutcome {
  const get = (f: CsvField): string => (row[f] ?? '').trim();
  const id = get('id');
  if (id === '') return { kind: 'reject', reason: `empty id (column "${columns.id}")` };
  const created = get('created_at');
  if (created === '') return { kind: 'reject', reason: `empty created_at (column "${columns.created_at}")` };
  const createdAt = parseCsvTime(created);
  if (createdAt === undefined) {
    return { kind: 'reject', reason: `created_at (column "${columns.created_at}") is not ISO 8601 nor epoch seconds/milliseconds: ${JSON.stringify(created.slice(0, 40))}` };
  }
  const platformText = get('platform').toLowerCase() || 'csv';
  if (!platforms.has(platformText)) {
    return { kind: 'reject', reason: `unknown platform "${platformText.slice(0, 40)}" (column "${columns.platform}"); known: ${PLATFORMS.join(', ')}` };
  }
  const platform = platformText as Platform;
  let problem: string | null = null;
  const num = (f: CsvField): number | null => {
    const v = get(f).replace(/[_\s]/g, '');
    if (v === '') return null;
    const n = Number(v);
    if (!Number.isSafeInteger(n) || n < 0) {
      problem ??= `${f} (column "${columns[f]}") must be a non-negative integer, not ${JSON.stringify(v.slice(0, 40))}`;
      return null;
    }
    return n;
  };
  const engagement = { likes: num('likes') ?? 0, reposts: num('reposts') ?? 0, replies: num('replies') ?? 0, quotes: num('quotes') ?? 0, views: num('views') };
  const followers = num('author_followers');
  if (problem !== null) return { kind: 'reject', reason: problem };
  const handle = get('author_handle').replace(/^@/, '');
  const authorKey = get('author_id') || handle || 'unknown';
  const draft: MentionDraft = {
    id: `${platform}:${id}`,
    platform,
    url: get('url') || null,
    author: {
      id: `${platform}:${authorKey}`,
      handle: handle || null,
      name: get('author_name') || null,
      followers,
      verified: false,
      kind: authorKey === 'unknown' ? 'unknown' : 'person',
    },
    text: row.text ?? '',
    lang: get('lang').toLowerCase() || null,
    createdAt,
    receivedAt,
    editedAt: null,
    deletedAt: null,
    relations: { replyTo: null, quoteOf: null, repostOf: null, conversationId: null },
    engagement,
    matchingRules: [],
    raw: JSON.stringify(raw),
  };
  return finishDraft(draft);
}
