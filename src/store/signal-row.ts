import type { WorkspaceId } from '../domain/ids.ts';
import { SeveritySchema, SignalKindSchema, SignalSchema, type Evidence, type Signal } from '../domain/signal.ts';
import { decodeCursor } from './cursor.ts';
import type { SignalQuery } from './store.ts';
import { StoreError } from './store.ts';

/**
 * A signal as both stores keep it: the fields signals are filtered and sorted by in columns
 * (severity as its text, SEV1 < SEV2 < … also in byte order), factors and evidence as JSON
 * (text in SQLite, jsonb in PostgreSQL). `quotes_until` is the end of the evidence window while
 * the evidence still quotes posts, NULL once retention has redacted them (or without evidence).
 */
export interface SignalRow {
  workspace_id: string;
  id: string;
  brand_id: string;
  kind: string;
  status: string;
  started_at: number | string;
  updated_at: number | string;
  ended_at: number | string | null;
  bucket_ms: number | string;
  score: number;
  severity: string;
  observed: number;
  expected: number;
  summary: string;
  drill: number | boolean;
  quotes_until: number | string | null;
  /** JSON text (SQLite) or the parsed value (PostgreSQL jsonb). */
  factors: unknown;
  evidence: unknown;
}

/** The columns in the order `signalValues` returns them. */
export const SIGNAL_COLUMNS = [
  'workspace_id', 'id', 'brand_id', 'kind', 'status', 'started_at', 'updated_at', 'ended_at', 'bucket_ms', 'score',
  'severity', 'observed', 'expected', 'summary', 'drill', 'quotes_until', 'factors', 'evidence',
] as const satisfies readonly (keyof SignalRow)[];

/** What retention empties in an evidence (the quoted posts and their authors). */
export const REDACTED_EVIDENCE = { topPosts: [], topAuthors: [], storylines: [], samples: [] } as const;

function zodMessage(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): string {
  return error.issues.slice(0, 5).map((i) => `${i.path.map(String).join('.') || '(signal)'}: ${i.message}`).join('; ');
}

/** Validates a signal before it is written (reads then trust what was stored). */
export function parseSignal(ws: WorkspaceId, signal: Signal): Signal {
  const parsed = SignalSchema.safeParse(signal);
  const label = `signal ${JSON.stringify(String((signal as { id?: unknown } | null)?.id).slice(0, 80))}`;
  if (!parsed.success) throw new StoreError('invalid', `invalid ${label}: ${zodMessage(parsed.error)}`);
  const s = parsed.data;
  if (s.workspaceId !== ws) {
    throw new StoreError('invalid', `${label} belongs to workspace "${s.workspaceId}", not "${ws}": upsert it in its own workspace`);
  }
  if (s.id.includes('\0') || s.brandId.includes('\0')) throw new StoreError('invalid', `${label}: ids cannot contain NUL characters`);
  return s;
}

/** True for an id no stored signal can have (NUL is refused on write, and PostgreSQL cannot even compare it). */
export function unstorableId(id: string | undefined): boolean {
  return id !== undefined && id.includes('\0');
}

/** Text both stores can hold: PostgreSQL refuses NUL, and lone surrogates are not UTF-8. */
function cleanString(s: string): string {
  const t = s.includes('\0') ? s.replaceAll('\0', '\uFFFD') : s;
  return t.isWellFormed() ? t : t.toWellFormed();
}

/** Compact JSON whose strings are cleaned like text columns (jsonb refuses \u0000). */
export function signalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'string' ? cleanString(v) : v));
}

export type SignalValue = string | number | null;

/** The values of a signal, in SIGNAL_COLUMNS order; drill is 1 or 0, JSON as text. */
export function signalValues(s: Signal): SignalValue[] {
  return [
    s.workspaceId, s.id, s.brandId, s.kind, s.status, s.startedAt, s.updatedAt, s.endedAt, s.bucketMs, s.score,
    s.severity, s.observed, s.expected, cleanString(s.summary), s.drill ? 1 : 0, quotesUntil(s.evidence),
    signalJson(s.factors), s.evidence === null ? null : signalJson(s.evidence),
  ];
}

function quotesUntil(e: Evidence | null): number | null {
  if (e === null) return null;
  const quotes = e.topPosts.length + e.topAuthors.length + e.storylines.length + e.samples.length;
  return quotes > 0 ? e.to : null;
}

const json = (v: unknown): unknown => (typeof v === 'string' ? JSON.parse(v) : v);
const num = (v: number | string): number => Number(v);

/** Rebuilds a signal from its row (trusted: the store validated it when writing). */
export function signalFromRow(r: SignalRow): Signal {
  return {
    id: r.id,
    workspaceId: r.workspace_id as WorkspaceId,
    brandId: r.brand_id,
    kind: r.kind as Signal['kind'],
    status: r.status as Signal['status'],
    startedAt: num(r.started_at),
    updatedAt: num(r.updated_at),
    endedAt: r.ended_at === null ? null : num(r.ended_at),
    bucketMs: num(r.bucket_ms),
    score: Number(r.score),
    severity: r.severity as Signal['severity'],
    factors: json(r.factors) as Signal['factors'],
    observed: Number(r.observed),
    expected: Number(r.expected),
    summary: r.summary,
    evidence: r.evidence === null ? null : (json(r.evidence) as Evidence),
    drill: r.drill === true || r.drill === 1,
  };
}

/** Checks a signal query (the API and CLI validate their input first; this guards the store). */
export function checkSignalQuery(q: SignalQuery): void {
  if (!Number.isInteger(q.limit) || q.limit < 1 || q.limit > 500) {
    throw new StoreError('invalid', `limit must be an integer from 1 to 500 (got ${String(q.limit)})`);
  }
  for (const [name, v] of [['from', q.from], ['to', q.to]] as const) {
    if (v !== undefined && !Number.isSafeInteger(v)) throw new StoreError('invalid', `${name} must be epoch milliseconds (got ${String(v)})`);
  }
  if (q.kind !== undefined && !SignalKindSchema.safeParse(q.kind).success) {
    throw new StoreError('invalid', `kind must be one of ${SignalKindSchema.options.join(', ')} (got ${JSON.stringify(q.kind)})`);
  }
  if (q.status !== undefined && q.status !== 'open' && q.status !== 'closed') {
    throw new StoreError('invalid', `status must be open or closed (got ${JSON.stringify(q.status)})`);
  }
  if (q.cursor !== undefined && decodeCursor(q.cursor).id.includes('\0')) {
    throw new StoreError('invalid', 'malformed cursor: pass the nextCursor of the previous page unchanged');
  }
  if (q.minSeverity !== undefined && !SeveritySchema.safeParse(q.minSeverity).success) {
    throw new StoreError('invalid', `minSeverity must be one of ${SeveritySchema.options.join(', ')} (got ${JSON.stringify(q.minSeverity)})`);
  }
}

/**
 * The WHERE conditions of a signal query, for either store: `p` adds a parameter and returns its
 * placeholder (`?` or `$n`); `cursorId` wraps the cursor's id placeholder (PostgreSQL needs a collation).
 */
export function signalConditions(
  ws: WorkspaceId,
  q: SignalQuery,
  p: (v: string | number) => string,
  cursorId: (placeholder: string) => string = (x) => x,
): string[] {
  const where = [`workspace_id = ${p(ws)}`];
  if (q.brandId !== undefined) where.push(`brand_id = ${p(q.brandId)}`);
  if (q.kind !== undefined) where.push(`kind = ${p(q.kind)}`);
  if (q.status !== undefined) where.push(`status = ${p(q.status)}`);
  if (q.minSeverity !== undefined) where.push(`severity <= ${p(q.minSeverity)}`);
  if (q.from !== undefined) where.push(`started_at >= ${p(q.from)}`);
  if (q.to !== undefined) where.push(`started_at < ${p(q.to)}`);
  if (q.includeDrill !== true) where.push('NOT drill');
  if (q.cursor !== undefined) {
    const c = decodeCursor(q.cursor);
    where.push(`(started_at, id) < (${p(c.createdAt)}, ${cursorId(p(c.id))})`);
  }
  return where;
}
