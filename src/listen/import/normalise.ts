import { MAX_FUTURE_SKEW_MS, MAX_TEXT_BYTES, MIN_TIMESTAMP, type MentionDraft } from '../../domain/mention.ts';
import type { ParseOutcome } from '../source.ts';
import { checkDraft } from './check-draft.ts';

/** Longest author name and handle kept (the schema's limits); longer ones are cut, not rejected. */
const MAX_NAME = 500;
const MAX_HANDLE = 300;

const NUL = /\u0000/g;

/** Strings are cleaned; anything else is left for checkDraft to report (a parser bug). */
function cleanString<T>(s: T): T {
  if (typeof s !== 'string') return s;
  return (s.includes('\u0000') ? s.replace(NUL, '') : s).toWellFormed() as T;
}

function cleanNullable(s: string | null, max: number): string | null {
  if (typeof s !== 'string') return s;
  const c = cleanString(s).trim();
  if (c.length === 0) return null;
  return c.length > max ? c.slice(0, max) : c;
}

function utf8Bytes(s: string): number {
  // A UTF-16 unit is at most 3 UTF-8 bytes: skip the count when the text cannot be over the limit.
  return s.length * 3 <= MAX_TEXT_BYTES ? 0 : Buffer.byteLength(s, 'utf8');
}

function timeProblem(field: string, t: number | null, receivedAt: number): string | null {
  if (t === null || !Number.isFinite(t)) return null;
  if (t < MIN_TIMESTAMP) return `absurd timestamp: ${field} ${describe(t)} is before 2006-01-01`;
  if (t > receivedAt + MAX_FUTURE_SKEW_MS) {
    return `absurd timestamp: ${field} ${describe(t)} is more than 24 h after receipt (${describe(receivedAt)})`;
  }
  return null;
}

function describe(t: number): string {
  const d = new Date(t);
  return Number.isNaN(d.getTime()) ? String(t) : d.toISOString();
}

/**
 * The normalisations every parser shares, applied once at the end: NUL characters stripped from
 * every string (raw included when the record had any), text made well-formed, NFC-normalised and
 * trimmed, names and handles trimmed and capped; then the checks: text over MAX_TEXT_BYTES
 * (never truncated), absurd timestamps, and the mention schema's rules (the reject names the
 * field path). `record` is the input text, used only to decide cheaply whether raw may hold NULs;
 * `recordIsJson` says it was parsed by JSON.parse, which refuses a raw NUL, so only the `\u0000`
 * escape need be searched (the raw NUL search costs ≈ 0.25 µs on a 1 kB line with emoji).
 */
export function finishDraft(draft: MentionDraft, record?: string, recordIsJson = false): ParseOutcome {
  if (typeof draft.text !== 'string') return { kind: 'reject', reason: 'invalid mention field text: expected a string' };
  const text = cleanString(draft.text).normalize('NFC').trim();
  const bytes = utf8Bytes(text);
  if (bytes > MAX_TEXT_BYTES) {
    return { kind: 'reject', reason: `text is ${bytes} bytes, over the ${MAX_TEXT_BYTES / 1024} kB limit` };
  }
  const mayHaveNul = record === undefined || record.includes('\\u0000') || (!recordIsJson && record.includes('\u0000'));
  const a = draft.author;
  const r = draft.relations;
  const mention: MentionDraft = {
    ...draft,
    id: cleanString(draft.id),
    url: cleanString(draft.url),
    text,
    lang: cleanNullable(draft.lang, 50),
    author: {
      ...a,
      id: cleanString(a.id),
      handle: cleanNullable(a.handle, MAX_HANDLE),
      name: cleanNullable(a.name, MAX_NAME),
    },
    relations: mayHaveNul
      ? {
          replyTo: cleanString(r.replyTo),
          quoteOf: cleanString(r.quoteOf),
          repostOf: cleanString(r.repostOf),
          conversationId: cleanString(r.conversationId),
        }
      : r,
    matchingRules: mayHaveNul && Array.isArray(draft.matchingRules) ? draft.matchingRules.map(cleanString) : draft.matchingRules,
    raw: mayHaveNul ? cleanString(draft.raw) : draft.raw,
    links: mayHaveNul && draft.links ? draft.links.map(cleanString) : draft.links,
  };
  const time =
    timeProblem('createdAt', mention.createdAt, mention.receivedAt) ??
    timeProblem('editedAt', mention.editedAt, mention.receivedAt);
  if (time !== null) return { kind: 'reject', reason: time };
  const invalid = checkDraft(mention);
  if (invalid !== null) return { kind: 'reject', reason: invalid };
  return { kind: 'mention', mention };
}
