import type { Brand, NewBrand } from '../domain/brand.ts';
import type { WorkspaceId } from '../domain/ids.ts';
import type { Mention, SentimentLabel } from '../domain/mention.ts';
import type { Reject } from '../domain/reject.ts';
import type { SeriesBucket } from '../domain/series.ts';
import type { Severity, Signal, SignalKind } from '../domain/signal.ts';
import type { Workspace } from '../domain/workspace.ts';
import type { AlertingStore } from './alerting-types.ts';

export type * from './alerting-types.ts';

/** What happened to each mention handed to `upsertMentions`, in the same order. */
export type UpsertOutcome = 'inserted' | 'updated' | 'unchanged';

export interface MentionQuery {
  brandId?: string;
  /** Full-text query (plain words; all must match; accent- and case-insensitive). */
  q?: string;
  /** Inclusive lower bound on createdAt, epoch ms. */
  from?: number;
  /** Exclusive upper bound on createdAt, epoch ms. */
  to?: number;
  /** Opaque cursor returned by the previous page. */
  cursor?: string;
  /** Page size, 1–500. */
  limit: number;
}

export interface MentionPage {
  items: Mention[];
  /** Newest first; null when there is no further page. */
  nextCursor: string | null;
}

export interface SeriesQuery {
  brandId: string;
  from: number;
  to: number;
  /** Bucket width of the answer: a multiple of the stored bucket (one minute). */
  bucketMs: number;
}

export interface SignalQuery {
  brandId?: string;
  kind?: SignalKind;
  status?: 'open' | 'closed';
  /** This severity or a more severe one: SEV2 → SEV1 and SEV2. */
  minSeverity?: Severity;
  /** Inclusive lower bound on startedAt, epoch ms. */
  from?: number;
  /** Exclusive upper bound on startedAt, epoch ms. */
  to?: number;
  /** Also return signals made during drills and replays (default false). */
  includeDrill?: boolean;
  /** Opaque cursor returned by the previous page. */
  cursor?: string;
  /** Page size, 1–500. */
  limit: number;
}

export interface SignalPage {
  /** Newest startedAt first (ties by id), evidence included; nextCursor null when there is no further page. */
  items: Signal[];
  nextCursor: string | null;
}

/**
 * An analyst's correction of a mention's sentiment, for one of the mention's brands. Corrections
 * are kept as a history: a new correction of the same (mention, brand) makes the older ones
 * `current: false`, and the latest one is the mention's label.
 */
export interface SentimentCorrection {
  id: string;
  workspaceId: WorkspaceId;
  mentionId: string;
  brandId: string;
  /** The analyst's label. */
  label: SentimentLabel;
  /** The model's label and model id when the correction was made (null when the mention had no sentiment). */
  modelLabel: SentimentLabel | null;
  model: string | null;
  /** Who corrected (free text, e.g. an e-mail address). */
  by: string;
  note: string | null;
  /** Epoch ms. */
  createdAt: number;
  /** False once a later correction of the same mention and brand replaced this one. */
  current: boolean;
  /** The mention's text and language as stored now (null once the mention is purged; '' once deleted). */
  mentionText: string | null;
  mentionLang: string | null;
}

export interface NewSentimentCorrection {
  mentionId: string;
  /** One of the mention's brands; may be left out when the mention has exactly one brand. */
  brandId?: string;
  label: SentimentLabel;
  /** Who corrected: 1–200 characters. */
  by: string;
  /** At most 2,000 characters. */
  note?: string | null;
  /** When, epoch ms. */
  at: number;
}

export interface CorrectionQuery {
  brandId?: string;
  /** Inclusive lower bound on createdAt, epoch ms. */
  since?: number;
  /** Only the corrections still in force (the latest per mention and brand). */
  currentOnly?: boolean;
  /** Opaque cursor returned by the previous page. */
  cursor?: string;
  /** Page size, 1–1000. */
  limit: number;
}

export interface CorrectionPage {
  /** Newest first (in the order they were made); nextCursor null when there is no further page. */
  items: SentimentCorrection[];
  nextCursor: string | null;
}

export interface RejectQuery {
  source?: string;
  limit: number;
}

/**
 * Persistence behind one interface: SQLite (embedded) and PostgreSQL (cluster). Every function
 * that reads or writes tenant data takes the workspace id first, so no query can forget it.
 * Both implementations pass the contract suite in src/store/contract.test.ts. The alerting state
 * (alerts, escalations, timers, deliveries) is the AlertingStore part (alerting-types.ts).
 */
export interface Store extends AlertingStore {
  readonly kind: 'sqlite' | 'postgres';
  /** Applies pending versioned migrations; returns the versions applied. */
  migrate(): Promise<number[]>;
  close(): Promise<void>;

  upsertWorkspace(ws: Workspace): Promise<void>;
  getWorkspace(id: WorkspaceId): Promise<Workspace | null>;
  listWorkspaces(): Promise<Workspace[]>;

  /** Creates a brand; fails with StoreError code 'conflict' if the id exists in the workspace. */
  createBrand(ws: WorkspaceId, brand: NewBrand, now: number): Promise<Brand>;
  /** Replaces a brand's definition (not its id, workspace or creation time). */
  updateBrand(ws: WorkspaceId, brand: Brand): Promise<void>;
  getBrand(ws: WorkspaceId, id: string): Promise<Brand | null>;
  listBrands(ws: WorkspaceId): Promise<Brand[]>;
  deleteBrand(ws: WorkspaceId, id: string): Promise<boolean>;

  /**
   * Inserts new mentions and updates those whose id exists (an edited post: text, editedAt,
   * engagement, enrichment, brandIds and raw change). Every mention must belong to `ws`.
   * Returns one outcome per mention, in order; a batch is atomic.
   */
  upsertMentions(ws: WorkspaceId, mentions: readonly Mention[]): Promise<UpsertOutcome[]>;
  getMention(ws: WorkspaceId, id: string): Promise<Mention | null>;
  searchMentions(ws: WorkspaceId, query: MentionQuery): Promise<MentionPage>;
  countMentions(ws: WorkspaceId, brandId?: string): Promise<number>;
  /** Flags mentions deleted on their platform and purges their text and raw payload. */
  markDeleted(ws: WorkspaceId, ids: readonly string[], at: number): Promise<number>;
  /** Removes mentions created before `before`; returns how many. */
  purgeMentionsBefore(ws: WorkspaceId, before: number): Promise<number>;

  /** Adds bucket aggregates (count, negative, … are summed into any existing row). */
  addSeries(ws: WorkspaceId, buckets: readonly SeriesBucket[]): Promise<void>;
  getSeries(ws: WorkspaceId, query: SeriesQuery): Promise<SeriesBucket[]>;

  addRejects(ws: WorkspaceId, rejects: readonly Reject[]): Promise<void>;
  listRejects(ws: WorkspaceId, query: RejectQuery): Promise<Reject[]>;
  countRejects(ws: WorkspaceId, source?: string): Promise<number>;

  /**
   * Inserts a signal, or replaces the stored one with that id (a signal evolves while its episode
   * is open). Validated against SignalSchema (StoreError 'invalid' otherwise); NUL characters in
   * its texts are stored as U+FFFD.
   */
  upsertSignal(ws: WorkspaceId, signal: Signal): Promise<void>;
  getSignal(ws: WorkspaceId, id: string): Promise<Signal | null>;
  listSignals(ws: WorkspaceId, query: SignalQuery): Promise<SignalPage>;
  /** Every stored signal (drills included), of one brand or all. */
  countSignals(ws: WorkspaceId, brandId?: string): Promise<number>;
  /**
   * Retention: empties the posts, authors, storylines and samples quoted in the evidence of
   * signals whose evidence window ended before `before` (terms, hashtags, counts, factors and the
   * summary are kept). Returns how many signals were changed.
   */
  redactSignalEvidenceBefore(ws: WorkspaceId, before: number): Promise<number>;

  /**
   * Records an analyst's correction of a mention's sentiment, atomically: the correction row (with
   * the model's label and model id of that moment), the older corrections of the same (mention,
   * brand) marked not current, and the mention's label. The mention then reads with
   * `enrichment.sentiment` = { ...the model's, label: <correction>, corrected: true, modelLabel },
   * and keeps it when the pipeline upserts the mention again. StoreError 'not_found' for an unknown
   * mention; 'invalid' for a brand that is not one of the mention's, a missing brand when the
   * mention has several, a deleted mention, or a bad label, `by` or `note`.
   */
  addSentimentCorrection(ws: WorkspaceId, correction: NewSentimentCorrection): Promise<SentimentCorrection>;
  /** Corrections, newest first, with the mentions' current text (for training the brand adapters). */
  listSentimentCorrections(ws: WorkspaceId, query: CorrectionQuery): Promise<CorrectionPage>;

  getCheckpoint(ws: WorkspaceId, sourceId: string): Promise<string | null>;
  setCheckpoint(ws: WorkspaceId, sourceId: string, value: string): Promise<void>;
}

export type StoreErrorCode = 'conflict' | 'not_found' | 'invalid' | 'unavailable';

export class StoreError extends Error {
  readonly code: StoreErrorCode;
  constructor(code: StoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreError';
    this.code = code;
  }
}
