import type { WorkspaceId } from '../domain/ids.ts';
import { SentimentLabelSchema, type Enrichment, type SentimentLabel } from '../domain/mention.ts';
import type { CorrectionQuery, NewSentimentCorrection, SentimentCorrection } from './store.ts';
import { StoreError } from './store.ts';

/**
 * Analysts' sentiment corrections as both stores keep them (table `sentiment_corrections`,
 * migration 0003), and the checks both run: the input, the brand (one of the mention's), the
 * model's side of the story (its label and id at that moment), the list query and its cursor.
 * A mention's label in force is kept in `mentions.corrected_label`; `correctedEnrichment` lays it
 * over the model's stored sentiment when a mention is read.
 */

export const MAX_BY_LENGTH = 200;
export const MAX_NOTE_LENGTH = 2000;
export const MAX_CORRECTION_PAGE = 1000;

/** A correction row joined with its mention's text and language (NULL once the mention is purged). */
export interface CorrectionRow {
  seq: number | string;
  id: string;
  workspace_id: string;
  mention_id: string;
  brand_id: string;
  label: string;
  model_label: string | null;
  model: string | null;
  corrected_by: string;
  note: string | null;
  created_at: number | string;
  is_current: number | boolean;
  mention_text: string | null;
  mention_lang: string | null;
}

/** The SELECT list and FROM clause of a correction listing (both stores). */
export const CORRECTION_FROM = `c.seq, c.id, c.workspace_id, c.mention_id, c.brand_id, c.label, c.model_label, c.model,
  c.corrected_by, c.note, c.created_at, c.is_current, m.text AS mention_text, m.lang AS mention_lang
  FROM sentiment_corrections c LEFT JOIN mentions m ON m.workspace_id = c.workspace_id AND m.id = c.mention_id`;

/** What a correction needs to know of its mention (read in the correction's transaction). */
export interface MentionForCorrection {
  brand_ids: string;
  enrichment: string;
  deleted_at: number | string | null;
  text: string;
  lang: string | null;
}

/** The columns of the mention read for a correction. */
export const MENTION_FOR_CORRECTION = 'brand_ids, enrichment, deleted_at, text, lang';

/** Text both stores can hold: PostgreSQL refuses NUL, and lone surrogates are not UTF-8. */
function clean(s: string): string {
  const t = s.includes('\0') ? s.replaceAll('\0', '\uFFFD') : s;
  return t.isWellFormed() ? t : t.toWellFormed();
}

/** A new correction checked and cleaned (`by` and `note` trimmed; an empty note is null). */
export interface CheckedCorrection {
  mentionId: string;
  brandId: string | undefined;
  label: SentimentLabel;
  by: string;
  note: string | null;
  at: number;
}

export function checkNewCorrection(c: NewSentimentCorrection): CheckedCorrection {
  const label = SentimentLabelSchema.safeParse(c.label);
  if (!label.success) {
    throw new StoreError('invalid', `label must be negative, neutral or positive (got ${JSON.stringify(String(c.label)).slice(0, 60)})`);
  }
  if (typeof c.mentionId !== 'string' || c.mentionId.length === 0) throw new StoreError('invalid', 'mentionId must be a non-empty string');
  if (c.brandId !== undefined && (typeof c.brandId !== 'string' || c.brandId.length === 0)) {
    throw new StoreError('invalid', 'brandId must be a non-empty string when given');
  }
  const by = typeof c.by === 'string' ? clean(c.by.trim()) : '';
  if (by.length === 0 || by.length > MAX_BY_LENGTH) {
    throw new StoreError('invalid', `by (who corrected) must be 1–${MAX_BY_LENGTH} characters, e.g. an e-mail address (got ${by.length})`);
  }
  let note: string | null = null;
  if (c.note !== undefined && c.note !== null) {
    if (typeof c.note !== 'string') throw new StoreError('invalid', 'note must be a string');
    note = clean(c.note.trim());
    if (note.length > MAX_NOTE_LENGTH) throw new StoreError('invalid', `note must be at most ${MAX_NOTE_LENGTH} characters (got ${note.length})`);
    if (note.length === 0) note = null;
  }
  if (!Number.isSafeInteger(c.at)) throw new StoreError('invalid', `at must be epoch milliseconds (got ${String(c.at)})`);
  return { mentionId: c.mentionId, brandId: c.brandId, label: label.data, by, note, at: c.at };
}

/** True for an id no stored row can have (PostgreSQL cannot even compare a string holding NUL). */
export function unstorable(id: string | undefined): boolean {
  return id !== undefined && id.includes('\0');
}

export function mentionNotFound(ws: WorkspaceId, mentionId: string): StoreError {
  return new StoreError('not_found', `no mention "${mentionId.slice(0, 200)}" in workspace "${ws}": check the id (e.g. x:1790000000000000000)`);
}

/** The brand a correction is for: the one asked, if it is one of the mention's, or the mention's only brand. */
export function correctionBrand(mentionId: string, brandIds: readonly string[], wanted: string | undefined): string {
  const list = brandIds.length === 0 ? 'no brand' : `brands ${brandIds.join(', ')}`;
  if (wanted === undefined) {
    if (brandIds.length === 1) return brandIds[0]!;
    throw new StoreError('invalid', brandIds.length === 0
      ? `brand: mention ${mentionId} matched no brand, so there is no brand to correct it for`
      : `brand: mention ${mentionId} is about ${list}: say which one the correction is for`);
  }
  if (!brandIds.includes(wanted)) {
    throw new StoreError('invalid', `brand "${wanted}" is not one of mention ${mentionId}'s (${list}): correct it for one of those`);
  }
  return wanted;
}

/** The model's label and id in a stored enrichment (the stored sentiment is the model's own). */
export function modelSide(e: Enrichment): { modelLabel: SentimentLabel | null; model: string | null } {
  const s = e.sentiment;
  if (s === null) return { modelLabel: null, model: null };
  // A mention upserted with a corrected sentiment keeps the model's label in modelLabel.
  const modelLabel = s.corrected === true ? (s.modelLabel ?? null) : s.label;
  return { modelLabel, model: s.model };
}

/**
 * Validates the mention and builds the correction row to insert, before any write: 'not_found'
 * when the mention is absent, 'invalid' when it was deleted or the brand does not fit.
 */
export function buildCorrection(
  ws: WorkspaceId,
  c: CheckedCorrection,
  mention: MentionForCorrection | undefined,
  id: string,
): SentimentCorrection {
  if (mention === undefined) throw mentionNotFound(ws, c.mentionId);
  if (mention.deleted_at !== null) {
    throw new StoreError('invalid', `mention ${c.mentionId} was deleted on its platform and its text purged: there is nothing left to correct`);
  }
  const brandId = correctionBrand(c.mentionId, JSON.parse(mention.brand_ids) as string[], c.brandId);
  const { modelLabel, model } = modelSide(JSON.parse(mention.enrichment) as Enrichment);
  return {
    id, workspaceId: ws, mentionId: c.mentionId, brandId, label: c.label, modelLabel, model, by: c.by, note: c.note,
    createdAt: c.at, current: true, mentionText: mention.text, mentionLang: mention.lang,
  };
}

/** The values to insert, in the order of CORRECTION_INSERT_COLUMNS. */
export const CORRECTION_INSERT_COLUMNS = [
  'workspace_id', 'id', 'mention_id', 'brand_id', 'label', 'model_label', 'model', 'corrected_by', 'note', 'created_at',
] as const;

export function correctionValues(c: SentimentCorrection): (string | number | null)[] {
  return [c.workspaceId, c.id, c.mentionId, c.brandId, c.label, c.modelLabel, c.model, c.by, c.note, c.createdAt];
}

export function correctionFromRow(r: CorrectionRow): SentimentCorrection {
  return {
    id: r.id,
    workspaceId: r.workspace_id as WorkspaceId,
    mentionId: r.mention_id,
    brandId: r.brand_id,
    label: r.label as SentimentLabel,
    modelLabel: r.model_label as SentimentLabel | null,
    model: r.model,
    by: r.corrected_by,
    note: r.note,
    createdAt: Number(r.created_at),
    current: r.is_current === true || r.is_current === 1,
    mentionText: r.mention_text,
    mentionLang: r.mention_lang,
  };
}

/** An opaque keyset cursor over the corrections' insertion order: base64url of JSON ["c", seq]. */
export function encodeCorrectionCursor(seq: number): string {
  return Buffer.from(JSON.stringify(['c', seq]), 'utf8').toString('base64url');
}

export function decodeCorrectionCursor(cursor: string): number {
  const bad = (): StoreError =>
    new StoreError('invalid', `malformed cursor ${JSON.stringify(cursor.slice(0, 60))}: pass the nextCursor of the previous page unchanged`);
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) throw bad();
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  if (!Array.isArray(value) || value.length !== 2 || value[0] !== 'c') throw bad();
  const seq: unknown = value[1];
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 1) throw bad();
  return seq;
}

export function checkCorrectionQuery(q: CorrectionQuery): void {
  if (!Number.isInteger(q.limit) || q.limit < 1 || q.limit > MAX_CORRECTION_PAGE) {
    throw new StoreError('invalid', `limit must be an integer from 1 to ${MAX_CORRECTION_PAGE} (got ${String(q.limit)})`);
  }
  if (q.since !== undefined && !Number.isSafeInteger(q.since)) throw new StoreError('invalid', `since must be epoch milliseconds (got ${String(q.since)})`);
  if (q.cursor !== undefined) decodeCorrectionCursor(q.cursor);
}

/** The WHERE conditions of a correction listing; `p` adds a parameter and returns its placeholder. */
export function correctionConditions(ws: WorkspaceId, q: CorrectionQuery, p: (v: string | number) => string): string[] {
  const where = [`c.workspace_id = ${p(ws)}`];
  if (q.brandId !== undefined) where.push(`c.brand_id = ${p(q.brandId)}`);
  if (q.since !== undefined) where.push(`c.created_at >= ${p(q.since)}`);
  if (q.currentOnly === true) where.push('c.is_current');
  if (q.cursor !== undefined) where.push(`c.seq < ${p(decodeCorrectionCursor(q.cursor))}`);
  return where;
}

/** Reads a page of LIMIT + 1 rows: the page and its next cursor. */
export function correctionPage(rows: readonly CorrectionRow[], limit: number): { items: SentimentCorrection[]; nextCursor: string | null } {
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  const last = page[page.length - 1];
  return { items: page.map(correctionFromRow), nextCursor: more && last ? encodeCorrectionCursor(Number(last.seq)) : null };
}

const LABEL_POLARITY: Record<SentimentLabel, number> = { negative: -1, neutral: 0, positive: 1 };

/**
 * A mention's enrichment with the analyst's label in force laid over the model's sentiment:
 * label replaced, `corrected: true`, the model's label in `modelLabel`; score, confidence and
 * model id stay the model's. Without a model sentiment, the label's polarity (−1, 0, 1) is the
 * score and the model is `analyst`. Unchanged when `label` is null.
 */
export function correctedEnrichment(e: Enrichment, label: string | null | undefined): Enrichment {
  if (label === null || label === undefined) return e;
  const l = label as SentimentLabel;
  const s = e.sentiment;
  if (s === null) return { ...e, sentiment: { label: l, score: LABEL_POLARITY[l], model: 'analyst', corrected: true } };
  const modelLabel = s.corrected === true ? s.modelLabel : s.label;
  const sentiment = { ...s, label: l, corrected: true };
  if (modelLabel !== undefined) sentiment.modelLabel = modelLabel;
  return { ...e, sentiment };
}
