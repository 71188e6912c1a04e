import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { Brand, NewBrand } from '../../domain/brand.ts';
import type { WorkspaceId } from '../../domain/ids.ts';
import type { Mention } from '../../domain/mention.ts';
import type { Reject } from '../../domain/reject.ts';
import type { SeriesBucket } from '../../domain/series.ts';
import type { Signal } from '../../domain/signal.ts';
import type { Workspace } from '../../domain/workspace.ts';
import { AlertingSql, delegateAlerting } from '../alerting-sql.ts';
import type { AlertingStore } from '../alerting-types.ts';
import type { CheckedStepCommit, DeliveryRow } from '../alerting-rows.ts';
import type { ClaimOptions } from '../alerting-types.ts';
import { brandDefinition, brandFromRow, checkMentionsWorkspace, checkPageQuery, parseBrand, parseNewBrand } from '../checks.ts';
import type { Migration } from '../migration.ts';
import { STORED_BUCKET_MS, checkSeriesBuckets, checkSeriesQuery, rejectFromRow, rollUp, seriesFromRow, type RejectRow, type SeriesRow } from '../series-rollup.ts';
import { checkCorrectionQuery, checkNewCorrection, mentionNotFound, unstorable } from '../correction-row.ts';
import { checkSignalQuery, parseSignal, unstorableId } from '../signal-row.ts';
import type {
  CorrectionPage, CorrectionQuery, MentionPage, MentionQuery, NewSentimentCorrection, RejectQuery, SentimentCorrection, SeriesQuery, SignalPage,
  SignalQuery, Store, UpsertOutcome,
} from '../store.ts';
import { StoreError } from '../store.ts';
import { SQLITE_MIGRATIONS } from './migrations/index.ts';
import { openSqlite } from './open-sqlite.ts';
import { getMentionRow, searchMentionRows, upsertMentionRows } from './sqlite-mentions.ts';
import { addCorrectionRow, listCorrectionRows } from './sqlite-corrections.ts';
import { countSignalRows, getSignalRow, listSignalRows, redactSignalRows, upsertSignalRow } from './sqlite-signals.ts';

interface BrandRow { workspace_id: string; id: string; created_at: number; definition: string }

/** The embedded store: one SQLite file through node:sqlite (WAL, FTS5). */
// The alerting methods come from AlertingSql (delegateAlerting in the constructor).
export interface SqliteStore extends AlertingStore {}

export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  readonly path: string;
  private readonly db: DatabaseSync;
  private readonly statements = new Map<string, StatementSync>();
  private readonly migrations: readonly Migration[];
  /** The alerting tables (one statement per call; writes under the write lock). */
  private readonly alerting = new AlertingSql('sqlite', async (op, sql, params, write) =>
    (write ? this.tx(op, () => this.prepare(sql).all(...params)) : this.read(op, () => this.prepare(sql).all(...params))) as Record<string, unknown>[]);

  /** commitStep of a commit already checked and serialised (the writer thread's form, see ThreadedSqliteStore). */
  commitCheckedStep(ws: WorkspaceId, commit: CheckedStepCommit): Promise<boolean> {
    // Inside a write group the write has its own savepoint: all or nothing.
    return this.alerting.commitCheckedStep(ws, commit, this.group !== null);
  }

  /** claimDueDeliveries as stored rows (the writer thread's reply: strings copy cheaply across threads). */
  claimDueDeliveryRows(now: number, options: ClaimOptions): Promise<DeliveryRow[]> {
    return this.alerting.claimDueDeliveryRows(now, options);
  }

  constructor(path: string, migrations: readonly Migration[] = SQLITE_MIGRATIONS) {
    this.path = path;
    this.db = openSqlite(path);
    this.migrations = migrations;
    delegateAlerting(this, this.alerting);
  }

  /** A prepared statement, cached by its SQL text. */
  private readonly prepare = (sql: string): StatementSync => {
    let s = this.statements.get(sql);
    if (s === undefined) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  };

  /**
   * Runs `fn` in one IMMEDIATE transaction; SQLite errors become StoreError naming `op`. Inside a
   * write group (writeGroup) it runs in the group's transaction, under the savepoint of the write
   * it belongs to: a failing write is undone alone, and it is committed with the group.
   */
  private tx<T>(op: string, fn: () => T): T {
    if (this.group !== null) return this.inGroup(op, fn);
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const r = fn();
      this.db.exec('COMMIT');
      return r;
    } catch (e) {
      if (this.db.isTransaction) this.db.exec('ROLLBACK');
      throw wrap(op, e);
    }
  }

  /**
   * A statement of a write inside a write group: the write's own savepoint (writeGroup) undoes the
   * whole write if any of its statements fails, so none needs a savepoint of its own.
   */
  private inGroup<T>(op: string, fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      // An error that ended the whole transaction (SQLITE_FULL, I/O) takes the group with it.
      if (!this.db.isTransaction) this.group = { lost: true };
      throw wrap(op, e);
    }
  }

  /** The open write group, and whether an error ended its transaction (its earlier writes are then gone). */
  private group: { lost: boolean } | null = null;

  /**
   * Group commit: runs `writes` (calls of this store's write methods, one after the other) in one
   * transaction, each write in its own savepoint (a write that fails leaves nothing of itself, the
   * others stand), so N small writes cost one commit instead of N.
   * Returns each write's outcome in order. When the transaction itself is lost (an error that
   * SQLite does not confine to a savepoint, or a failing COMMIT), every write of the group fails
   * with that error: none of them is stored, and none reports success.
   */
  async writeGroup(writes: readonly (() => Promise<unknown>)[]): Promise<PromiseSettledResult<unknown>[]> {
    if (this.group !== null) throw new Error('SqliteStore.writeGroup: groups do not nest');
    this.db.exec('BEGIN IMMEDIATE');
    this.group = { lost: false };
    const out: PromiseSettledResult<unknown>[] = [];
    let lost: unknown = null;
    try {
      for (const write of writes) {
        // Each write is all or nothing: one that fails halfway leaves nothing of itself.
        this.db.exec('SAVEPOINT g');
        try {
          out.push({ status: 'fulfilled', value: await write() });
          if (this.db.isTransaction) this.db.exec('RELEASE g');
        } catch (e) {
          out.push({ status: 'rejected', reason: e });
          if (this.db.isTransaction && !this.group.lost) this.db.exec('ROLLBACK TO g; RELEASE g');
        }
        if (this.group.lost || !this.db.isTransaction) {
          lost = (out[out.length - 1] as PromiseSettledResult<unknown>).status === 'rejected'
            ? (out[out.length - 1] as PromiseRejectedResult).reason
            : new StoreError('unavailable', 'the write group lost its transaction');
          break;
        }
      }
      if (lost === null) {
        try {
          this.db.exec('COMMIT');
        } catch (e) {
          lost = wrap('commit', e);
        }
      }
    } finally {
      this.group = null;
      if (lost !== null && this.db.isTransaction) this.db.exec('ROLLBACK');
    }
    if (lost === null) return out;
    const why = lost instanceof Error ? lost.message : String(lost);
    const failed = new StoreError('unavailable', `not stored: the transaction it was grouped in failed (${why}); retry the write`);
    return writes.map((_, i) => (i < out.length && out[i]!.status === 'rejected' ? out[i]! : { status: 'rejected', reason: failed }));
  }

  private read<T>(op: string, fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      throw wrap(op, e);
    }
  }

  async migrate(): Promise<number[]> {
    this.db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)`);
    const done = new Set((this.db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version));
    const known = new Set(this.migrations.map((m) => m.version));
    const unknown = [...done].filter((v) => !known.has(v));
    if (unknown.length > 0) {
      throw new StoreError('unavailable', `SQLite file ${this.path} has schema version ${Math.max(...unknown)}, newer than this Vigie knows: upgrade Vigie`);
    }
    const applied: number[] = [];
    for (const m of this.migrations) {
      if (done.has(m.version)) continue;
      this.tx(`migration ${m.version} (${m.name})`, () => {
        this.db.exec(m.sql);
        this.db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, Date.now());
      });
      applied.push(m.version);
    }
    return applied;
  }

  async close(): Promise<void> {
    if (!this.db.isOpen) return;
    this.statements.clear();
    this.db.close();
  }

  async upsertWorkspace(ws: Workspace): Promise<void> {
    this.tx('upsertWorkspace', () =>
      this.prepare('INSERT INTO workspaces (id, name, created_at) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name')
        .run(ws.id, ws.name, ws.createdAt));
  }

  async getWorkspace(id: WorkspaceId): Promise<Workspace | null> {
    const r = this.read('getWorkspace', () => this.prepare('SELECT id, name, created_at FROM workspaces WHERE id = ?').get(id)) as
      | { id: string; name: string; created_at: number } | undefined;
    return r === undefined ? null : { id: r.id as WorkspaceId, name: r.name, createdAt: r.created_at };
  }

  async listWorkspaces(): Promise<Workspace[]> {
    const rows = this.read('listWorkspaces', () => this.prepare('SELECT id, name, created_at FROM workspaces ORDER BY id').all()) as
      { id: string; name: string; created_at: number }[];
    return rows.map((r) => ({ id: r.id as WorkspaceId, name: r.name, createdAt: r.created_at }));
  }

  async createBrand(ws: WorkspaceId, brand: NewBrand, now: number): Promise<Brand> {
    const b = parseNewBrand(ws, brand, now);
    const { changes } = this.tx('createBrand', () =>
      this.prepare(`INSERT INTO brands (workspace_id, id, name, definition, created_at) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT DO NOTHING`).run(ws, b.id, b.name, brandDefinition(b), now));
    if (changes === 0) throw new StoreError('conflict', `brand "${b.id}" already exists in workspace "${ws}": choose another id or update it`);
    return b;
  }

  async updateBrand(ws: WorkspaceId, brand: Brand): Promise<void> {
    const b = parseBrand(ws, brand);
    const { changes } = this.tx('updateBrand', () =>
      this.prepare('UPDATE brands SET name = ?, definition = ? WHERE workspace_id = ? AND id = ?').run(b.name, brandDefinition(b), ws, b.id));
    if (changes === 0) throw new StoreError('not_found', `brand "${b.id}" does not exist in workspace "${ws}": create it first`);
  }

  async getBrand(ws: WorkspaceId, id: string): Promise<Brand | null> {
    const r = this.read('getBrand', () =>
      this.prepare('SELECT workspace_id, id, created_at, definition FROM brands WHERE workspace_id = ? AND id = ?').get(ws, id)) as BrandRow | undefined;
    return r === undefined ? null : brandFromRow(r.workspace_id, r.id, r.created_at, r.definition);
  }

  async listBrands(ws: WorkspaceId): Promise<Brand[]> {
    const rows = this.read('listBrands', () =>
      this.prepare('SELECT workspace_id, id, created_at, definition FROM brands WHERE workspace_id = ? ORDER BY id').all(ws)) as unknown as BrandRow[];
    return rows.map((r) => brandFromRow(r.workspace_id, r.id, r.created_at, r.definition));
  }

  async deleteBrand(ws: WorkspaceId, id: string): Promise<boolean> {
    const { changes } = this.tx('deleteBrand', () => this.prepare('DELETE FROM brands WHERE workspace_id = ? AND id = ?').run(ws, id));
    return changes > 0;
  }

  async upsertMentions(ws: WorkspaceId, mentions: readonly Mention[]): Promise<UpsertOutcome[]> {
    checkMentionsWorkspace(ws, mentions);
    if (mentions.length === 0) return [];
    return this.tx('upsertMentions', () => upsertMentionRows(this.prepare, ws, mentions));
  }

  async getMention(ws: WorkspaceId, id: string): Promise<Mention | null> {
    return this.read('getMention', () => getMentionRow(this.prepare, ws, id));
  }

  async searchMentions(ws: WorkspaceId, query: MentionQuery): Promise<MentionPage> {
    checkPageQuery(query);
    return this.read('searchMentions', () => searchMentionRows(this.prepare, ws, query));
  }

  async countMentions(ws: WorkspaceId, brandId?: string): Promise<number> {
    const r = this.read('countMentions', () =>
      brandId === undefined
        ? this.prepare('SELECT count(*) AS n FROM mentions WHERE workspace_id = ?').get(ws)
        : this.prepare('SELECT count(*) AS n FROM mention_brands WHERE workspace_id = ? AND brand_id = ?').get(ws, brandId)) as { n: number };
    return r.n;
  }

  async markDeleted(ws: WorkspaceId, ids: readonly string[], at: number): Promise<number> {
    return this.tx('markDeleted', () => {
      const s = this.prepare(`UPDATE mentions SET text = '', raw = NULL, deleted_at = ? WHERE workspace_id = ? AND id = ? AND deleted_at IS NULL`);
      let n = 0;
      for (const id of ids) n += Number(s.run(at, ws, id).changes);
      return n;
    });
  }

  async purgeMentionsBefore(ws: WorkspaceId, before: number): Promise<number> {
    return this.tx('purgeMentionsBefore', () =>
      Number(this.prepare('DELETE FROM mentions WHERE workspace_id = ? AND created_at < ?').run(ws, before).changes));
  }

  async addSeries(ws: WorkspaceId, buckets: readonly SeriesBucket[]): Promise<void> {
    checkSeriesBuckets(ws, buckets);
    this.tx('addSeries', () => {
      const s = this.prepare(`INSERT INTO series (workspace_id, brand_id, bucket_start, bucket_ms, count, negative, positive, reach,
          unique_authors, influencer, media) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (workspace_id, brand_id, bucket_start) DO UPDATE SET count = count + excluded.count,
          negative = negative + excluded.negative, positive = positive + excluded.positive, reach = reach + excluded.reach,
          unique_authors = unique_authors + excluded.unique_authors, influencer = influencer + excluded.influencer,
          media = media + excluded.media`);
      for (const b of buckets) {
        s.run(ws, b.brandId, b.start, STORED_BUCKET_MS, b.count, b.negative, b.positive, b.reach, b.uniqueAuthors, b.influencer, b.media);
      }
    });
  }

  async getSeries(ws: WorkspaceId, query: SeriesQuery): Promise<SeriesBucket[]> {
    checkSeriesQuery(query);
    const rows = this.read('getSeries', () =>
      this.prepare(`SELECT brand_id, bucket_start, count, negative, positive, reach, unique_authors, influencer, media FROM series
        WHERE workspace_id = ? AND brand_id = ? AND bucket_start >= ? AND bucket_start < ? ORDER BY bucket_start`)
        .all(ws, query.brandId, query.from, query.to)) as unknown as SeriesRow[];
    return rollUp(rows.map((r) => seriesFromRow(ws, r)), query.bucketMs);
  }

  async addRejects(ws: WorkspaceId, rejects: readonly Reject[]): Promise<void> {
    this.tx('addRejects', () => {
      const s = this.prepare('INSERT INTO rejects (workspace_id, source, line, reason, excerpt, at) VALUES (?, ?, ?, ?, ?, ?)');
      for (const r of rejects) s.run(ws, r.source, r.line, r.reason, r.excerpt, r.at);
    });
  }

  async listRejects(ws: WorkspaceId, query: RejectQuery): Promise<Reject[]> {
    const cols = 'workspace_id, source, line, reason, excerpt, at';
    const rows = this.read('listRejects', () =>
      query.source === undefined
        ? this.prepare(`SELECT ${cols} FROM rejects WHERE workspace_id = ? ORDER BY seq LIMIT ?`).all(ws, query.limit)
        : this.prepare(`SELECT ${cols} FROM rejects WHERE workspace_id = ? AND source = ? ORDER BY seq LIMIT ?`).all(ws, query.source, query.limit),
    ) as unknown as RejectRow[];
    return rows.map(rejectFromRow);
  }

  async countRejects(ws: WorkspaceId, source?: string): Promise<number> {
    const r = this.read('countRejects', () =>
      source === undefined
        ? this.prepare('SELECT count(*) AS n FROM rejects WHERE workspace_id = ?').get(ws)
        : this.prepare('SELECT count(*) AS n FROM rejects WHERE workspace_id = ? AND source = ?').get(ws, source)) as { n: number };
    return r.n;
  }

  async upsertSignal(ws: WorkspaceId, signal: Signal): Promise<void> {
    const s = parseSignal(ws, signal);
    this.tx('upsertSignal', () => upsertSignalRow(this.prepare, s));
  }

  async getSignal(ws: WorkspaceId, id: string): Promise<Signal | null> {
    if (unstorableId(id)) return null;
    return this.read('getSignal', () => getSignalRow(this.prepare, ws, id));
  }

  async listSignals(ws: WorkspaceId, query: SignalQuery): Promise<SignalPage> {
    checkSignalQuery(query);
    if (unstorableId(query.brandId)) return { items: [], nextCursor: null };
    return this.read('listSignals', () => listSignalRows(this.prepare, ws, query));
  }

  async countSignals(ws: WorkspaceId, brandId?: string): Promise<number> {
    if (unstorableId(brandId)) return 0;
    return this.read('countSignals', () => countSignalRows(this.prepare, ws, brandId));
  }

  async redactSignalEvidenceBefore(ws: WorkspaceId, before: number): Promise<number> {
    return this.tx('redactSignalEvidenceBefore', () => redactSignalRows(this.prepare, ws, before));
  }

  async addSentimentCorrection(ws: WorkspaceId, correction: NewSentimentCorrection): Promise<SentimentCorrection> {
    const c = checkNewCorrection(correction);
    if (unstorable(c.mentionId)) throw mentionNotFound(ws, c.mentionId);
    return this.tx('addSentimentCorrection', () => addCorrectionRow(this.prepare, ws, c));
  }

  async listSentimentCorrections(ws: WorkspaceId, query: CorrectionQuery): Promise<CorrectionPage> {
    checkCorrectionQuery(query);
    if (unstorable(query.brandId)) return { items: [], nextCursor: null };
    return this.read('listSentimentCorrections', () => listCorrectionRows(this.prepare, ws, query));
  }

  async getCheckpoint(ws: WorkspaceId, sourceId: string): Promise<string | null> {
    const r = this.read('getCheckpoint', () =>
      this.prepare('SELECT value FROM checkpoints WHERE workspace_id = ? AND source_id = ?').get(ws, sourceId)) as { value: string } | undefined;
    return r?.value ?? null;
  }

  async setCheckpoint(ws: WorkspaceId, sourceId: string, value: string): Promise<void> {
    this.tx('setCheckpoint', () =>
      this.prepare(`INSERT INTO checkpoints (workspace_id, source_id, value, updated_at) VALUES (?, ?, ?, ?)
        ON CONFLICT (workspace_id, source_id) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`)
        .run(ws, sourceId, value, Date.now()));
  }
}

function wrap(op: string, e: unknown): unknown {
  if (e instanceof StoreError) return e;
  const msg = e instanceof Error ? e.message : String(e);
  const busy = /SQLITE_BUSY|database is locked/i.test(msg);
  return new StoreError('unavailable', `SQLite ${op} failed: ${msg}${busy ? ' (another process holds the write lock; retry)' : ''}`, { cause: e });
}
