import pg from 'pg';
import type { Pool, PoolClient } from 'pg';
import type { Brand, NewBrand } from '../../domain/brand.ts';
import type { WorkspaceId } from '../../domain/ids.ts';
import type { Mention } from '../../domain/mention.ts';
import type { Reject } from '../../domain/reject.ts';
import type { SeriesBucket } from '../../domain/series.ts';
import type { Signal } from '../../domain/signal.ts';
import type { Workspace } from '../../domain/workspace.ts';
import { AlertingSql, delegateAlerting } from '../alerting-sql.ts';
import type { AlertingStore } from '../alerting-types.ts';
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
import { POSTGRES_MIGRATIONS } from './migrations/index.ts';
import { addCorrectionRow, listCorrectionRows } from './pg-corrections.ts';
import { ensureStage, getMentionRow, searchMentionRows, upsertMentionRows } from './pg-mentions.ts';
import { countSignalRows, getSignalRow, listSignalRows, redactSignalRows, upsertSignalRow } from './pg-signals.ts';

/** bigint (int8) columns hold epoch milliseconds and counts: safe as JS numbers. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === 20 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};
const MIGRATION_LOCK = 7_614_121;

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(malformed DATABASE_URL)';
  }
}

interface BrandRow { workspace_id: string; id: string; created_at: number; definition: string }

/** The cluster store: PostgreSQL through a pg Pool; each call uses one connection. */
// The alerting methods come from AlertingSql (delegateAlerting in the constructor).
export interface PostgresStore extends AlertingStore {}

export class PostgresStore implements Store {
  readonly kind = 'postgres' as const;
  private readonly pool: Pool;
  private readonly where: string;
  private readonly migrations: readonly Migration[];
  /** The alerting tables (one statement per call; claims use FOR UPDATE SKIP LOCKED). */
  private readonly alerting = new AlertingSql('postgres', (op, sql, params) => this.one<Record<string, unknown>>(op, sql, params));

  private constructor(pool: Pool, where: string, migrations: readonly Migration[]) {
    this.pool = pool;
    this.where = where;
    this.migrations = migrations;
    delegateAlerting(this, this.alerting);
  }

  /** Connects (checking the server answers); errors name the server without its password. */
  static async connect(url: string, options: { max?: number; migrations?: readonly Migration[] } = {}): Promise<PostgresStore> {
    const where = redactUrl(url);
    let pool: Pool;
    try {
      pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, types, connectionTimeoutMillis: 10_000 });
    } catch (e) {
      throw new StoreError('unavailable', `cannot use DATABASE_URL ${where}: ${errorText(e)}`, { cause: e });
    }
    // An idle connection dropped by the server must not crash the process; the next call reconnects.
    pool.on('error', () => undefined);
    try {
      await pool.query('SELECT 1');
    } catch (e) {
      await pool.end().catch(() => undefined);
      throw new StoreError('unavailable', `cannot connect to PostgreSQL at ${where}: ${errorText(e)}`, { cause: e });
    }
    return new PostgresStore(pool, where, options.migrations ?? POSTGRES_MIGRATIONS);
  }

  /** Runs `fn` on one pooled connection; pg errors become StoreError naming `op`. */
  private async use<T>(op: string, fn: (c: PoolClient) => Promise<T>): Promise<T> {
    let c: PoolClient;
    try {
      c = await this.pool.connect();
    } catch (e) {
      throw new StoreError('unavailable', `PostgreSQL ${op}: cannot connect to ${this.where}: ${errorText(e)}`, { cause: e });
    }
    try {
      return await fn(c);
    } catch (e) {
      throw wrap(op, e);
    } finally {
      c.release();
    }
  }

  private tx<T>(op: string, fn: (c: PoolClient) => Promise<T>, before?: (c: PoolClient) => Promise<void>): Promise<T> {
    return this.use(op, async (c) => {
      if (before) await before(c);
      await c.query('BEGIN');
      try {
        const r = await fn(c);
        await c.query('COMMIT');
        return r;
      } catch (e) {
        await c.query('ROLLBACK').catch(() => undefined);
        throw e;
      }
    });
  }

  private async one<R extends object>(op: string, sql: string, params: unknown[]): Promise<R[]> {
    return this.use(op, async (c) => (await c.query<R>(sql, params)).rows);
  }

  async migrate(): Promise<number[]> {
    return this.use('migrate', async (c) => {
      await c.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
      try {
        await c.query(`CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at bigint NOT NULL)`);
        const done = new Set((await c.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
        const known = new Set(this.migrations.map((m) => m.version));
        const unknown = [...done].filter((v) => !known.has(v));
        if (unknown.length > 0) {
          throw new StoreError('unavailable', `database ${this.where} has schema version ${Math.max(...unknown)}, newer than this Vigie knows: upgrade Vigie`);
        }
        const applied: number[] = [];
        for (const m of this.migrations) {
          if (done.has(m.version)) continue;
          await c.query('BEGIN');
          try {
            await c.query(m.sql);
            await c.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [m.version, m.name, Date.now()]);
            await c.query('COMMIT');
          } catch (e) {
            await c.query('ROLLBACK').catch(() => undefined);
            throw wrap(`migration ${m.version} (${m.name})`, e);
          }
          applied.push(m.version);
        }
        return applied;
      } finally {
        await c.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
      }
    });
  }

  async close(): Promise<void> {
    if (!this.pool.ended) await this.pool.end();
  }

  async upsertWorkspace(ws: Workspace): Promise<void> {
    await this.one('upsertWorkspace', `INSERT INTO workspaces (id, name, created_at) VALUES ($1, $2, $3)
      ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name`, [ws.id, ws.name, ws.createdAt]);
  }

  async getWorkspace(id: WorkspaceId): Promise<Workspace | null> {
    const rows = await this.one<{ id: string; name: string; created_at: number }>('getWorkspace', 'SELECT id, name, created_at FROM workspaces WHERE id = $1', [id]);
    const r = rows[0];
    return r === undefined ? null : { id: r.id as WorkspaceId, name: r.name, createdAt: r.created_at };
  }

  async listWorkspaces(): Promise<Workspace[]> {
    const rows = await this.one<{ id: string; name: string; created_at: number }>('listWorkspaces', 'SELECT id, name, created_at FROM workspaces ORDER BY id', []);
    return rows.map((r) => ({ id: r.id as WorkspaceId, name: r.name, createdAt: r.created_at }));
  }

  async createBrand(ws: WorkspaceId, brand: NewBrand, now: number): Promise<Brand> {
    const b = parseNewBrand(ws, brand, now);
    const rows = await this.one('createBrand', `INSERT INTO brands (workspace_id, id, name, definition, created_at) VALUES ($1, $2, $3, $4, $5)
      ON CONFLICT DO NOTHING RETURNING id`, [ws, b.id, b.name, brandDefinition(b), now]);
    if (rows.length === 0) throw new StoreError('conflict', `brand "${b.id}" already exists in workspace "${ws}": choose another id or update it`);
    return b;
  }

  async updateBrand(ws: WorkspaceId, brand: Brand): Promise<void> {
    const b = parseBrand(ws, brand);
    const rows = await this.one('updateBrand', 'UPDATE brands SET name = $1, definition = $2 WHERE workspace_id = $3 AND id = $4 RETURNING id',
      [b.name, brandDefinition(b), ws, b.id]);
    if (rows.length === 0) throw new StoreError('not_found', `brand "${b.id}" does not exist in workspace "${ws}": create it first`);
  }

  async getBrand(ws: WorkspaceId, id: string): Promise<Brand | null> {
    const rows = await this.one<BrandRow>('getBrand', 'SELECT workspace_id, id, created_at, definition FROM brands WHERE workspace_id = $1 AND id = $2', [ws, id]);
    const r = rows[0];
    return r === undefined ? null : brandFromRow(r.workspace_id, r.id, r.created_at, r.definition);
  }

  async listBrands(ws: WorkspaceId): Promise<Brand[]> {
    const rows = await this.one<BrandRow>('listBrands', 'SELECT workspace_id, id, created_at, definition FROM brands WHERE workspace_id = $1 ORDER BY id', [ws]);
    return rows.map((r) => brandFromRow(r.workspace_id, r.id, r.created_at, r.definition));
  }

  async deleteBrand(ws: WorkspaceId, id: string): Promise<boolean> {
    const rows = await this.one('deleteBrand', 'DELETE FROM brands WHERE workspace_id = $1 AND id = $2 RETURNING id', [ws, id]);
    return rows.length > 0;
  }

  async upsertMentions(ws: WorkspaceId, mentions: readonly Mention[]): Promise<UpsertOutcome[]> {
    checkMentionsWorkspace(ws, mentions);
    if (mentions.length === 0) return [];
    return this.tx('upsertMentions', (c) => upsertMentionRows(c, ws, mentions), ensureStage);
  }

  async getMention(ws: WorkspaceId, id: string): Promise<Mention | null> {
    return this.use('getMention', (c) => getMentionRow(c, ws, id));
  }

  async searchMentions(ws: WorkspaceId, query: MentionQuery): Promise<MentionPage> {
    checkPageQuery(query);
    return this.use('searchMentions', (c) => searchMentionRows(c, ws, query));
  }

  async countMentions(ws: WorkspaceId, brandId?: string): Promise<number> {
    const rows = brandId === undefined
      ? await this.one<{ n: number }>('countMentions', 'SELECT count(*) AS n FROM mentions WHERE workspace_id = $1', [ws])
      : await this.one<{ n: number }>('countMentions', 'SELECT count(*) AS n FROM mention_brands WHERE workspace_id = $1 AND brand_id = $2', [ws, brandId]);
    return rows[0]!.n;
  }

  async markDeleted(ws: WorkspaceId, ids: readonly string[], at: number): Promise<number> {
    const rows = await this.one('markDeleted', `UPDATE mentions SET text = '', search = '', raw = NULL, deleted_at = $1
      WHERE workspace_id = $2 AND id IN (SELECT unnest($3::text[])) AND deleted_at IS NULL RETURNING id`, [at, ws, [...ids]]);
    return rows.length;
  }

  async purgeMentionsBefore(ws: WorkspaceId, before: number): Promise<number> {
    return this.use('purgeMentionsBefore', async (c) =>
      (await c.query<{ n: number }>(`WITH gone AS (DELETE FROM mentions WHERE workspace_id = $1 AND created_at < $2 RETURNING id),
        unlinked AS (DELETE FROM mention_brands b USING gone WHERE b.workspace_id = $1 AND b.mention_id = gone.id)
        SELECT count(*) AS n FROM gone`, [ws, before])).rows[0]!.n);
  }

  async addSeries(ws: WorkspaceId, buckets: readonly SeriesBucket[]): Promise<void> {
    checkSeriesBuckets(ws, buckets);
    if (buckets.length === 0) return;
    const col = <K extends keyof SeriesBucket>(k: K): SeriesBucket[K][] => buckets.map((b) => b[k]);
    // One statement for the batch; a bucket repeated in it is summed first (ON CONFLICT cannot touch a row twice).
    await this.one('addSeries', `INSERT INTO series (workspace_id, brand_id, bucket_start, bucket_ms, count, negative, positive, reach,
        unique_authors, influencer, media)
      SELECT $1, brand_id, bucket_start, ${STORED_BUCKET_MS}, sum(count), sum(negative), sum(positive), sum(reach), sum(unique_authors),
        sum(influencer), sum(media)
      FROM unnest($2::text[], $3::bigint[], $4::bigint[], $5::bigint[], $6::bigint[], $7::float8[], $8::bigint[], $9::bigint[], $10::bigint[])
        AS u(brand_id, bucket_start, count, negative, positive, reach, unique_authors, influencer, media)
      GROUP BY brand_id, bucket_start
      ON CONFLICT (workspace_id, brand_id, bucket_start) DO UPDATE SET count = series.count + EXCLUDED.count,
        negative = series.negative + EXCLUDED.negative, positive = series.positive + EXCLUDED.positive, reach = series.reach + EXCLUDED.reach,
        unique_authors = series.unique_authors + EXCLUDED.unique_authors, influencer = series.influencer + EXCLUDED.influencer,
        media = series.media + EXCLUDED.media`,
    [ws, col('brandId'), col('start'), col('count'), col('negative'), col('positive'), col('reach'), col('uniqueAuthors'), col('influencer'), col('media')]);
  }

  async getSeries(ws: WorkspaceId, query: SeriesQuery): Promise<SeriesBucket[]> {
    checkSeriesQuery(query);
    const rows = await this.one<SeriesRow>('getSeries', `SELECT brand_id, bucket_start, count, negative, positive, reach, unique_authors,
        influencer, media FROM series WHERE workspace_id = $1 AND brand_id = $2 AND bucket_start >= $3 AND bucket_start < $4
      ORDER BY bucket_start`, [ws, query.brandId, query.from, query.to]);
    return rollUp(rows.map((r) => seriesFromRow(ws, r)), query.bucketMs);
  }

  async addRejects(ws: WorkspaceId, rejects: readonly Reject[]): Promise<void> {
    if (rejects.length === 0) return;
    await this.one('addRejects', `INSERT INTO rejects (workspace_id, source, line, reason, excerpt, at)
      SELECT $1, source, line, reason, excerpt, at
      FROM unnest($2::text[], $3::bigint[], $4::text[], $5::text[], $6::bigint[]) WITH ORDINALITY AS u(source, line, reason, excerpt, at, n)
      ORDER BY n`,
    [ws, rejects.map((r) => r.source), rejects.map((r) => r.line), rejects.map((r) => clean(r.reason)), rejects.map((r) => clean(r.excerpt)), rejects.map((r) => r.at)]);
  }

  async listRejects(ws: WorkspaceId, query: RejectQuery): Promise<Reject[]> {
    const cols = 'workspace_id, source, line, reason, excerpt, at';
    const rows = query.source === undefined
      ? await this.one<RejectRow>('listRejects', `SELECT ${cols} FROM rejects WHERE workspace_id = $1 ORDER BY seq LIMIT $2`, [ws, query.limit])
      : await this.one<RejectRow>('listRejects', `SELECT ${cols} FROM rejects WHERE workspace_id = $1 AND source = $2 ORDER BY seq LIMIT $3`, [ws, query.source, query.limit]);
    return rows.map(rejectFromRow);
  }

  async countRejects(ws: WorkspaceId, source?: string): Promise<number> {
    const rows = source === undefined
      ? await this.one<{ n: number }>('countRejects', 'SELECT count(*) AS n FROM rejects WHERE workspace_id = $1', [ws])
      : await this.one<{ n: number }>('countRejects', 'SELECT count(*) AS n FROM rejects WHERE workspace_id = $1 AND source = $2', [ws, source]);
    return rows[0]!.n;
  }

  async upsertSignal(ws: WorkspaceId, signal: Signal): Promise<void> {
    const s = parseSignal(ws, signal);
    await this.use('upsertSignal', (c) => upsertSignalRow(c, s));
  }

  async getSignal(ws: WorkspaceId, id: string): Promise<Signal | null> {
    if (unstorableId(id)) return null;
    return this.use('getSignal', (c) => getSignalRow(c, ws, id));
  }

  async listSignals(ws: WorkspaceId, query: SignalQuery): Promise<SignalPage> {
    checkSignalQuery(query);
    if (unstorableId(query.brandId)) return { items: [], nextCursor: null };
    return this.use('listSignals', (c) => listSignalRows(c, ws, query));
  }

  async countSignals(ws: WorkspaceId, brandId?: string): Promise<number> {
    if (unstorableId(brandId)) return 0;
    return this.use('countSignals', (c) => countSignalRows(c, ws, brandId));
  }

  async redactSignalEvidenceBefore(ws: WorkspaceId, before: number): Promise<number> {
    return this.use('redactSignalEvidenceBefore', (c) => redactSignalRows(c, ws, before));
  }

  async addSentimentCorrection(ws: WorkspaceId, correction: NewSentimentCorrection): Promise<SentimentCorrection> {
    const c = checkNewCorrection(correction);
    if (unstorable(c.mentionId)) throw mentionNotFound(ws, c.mentionId);
    return this.tx('addSentimentCorrection', (client) => addCorrectionRow(client, ws, c));
  }

  async listSentimentCorrections(ws: WorkspaceId, query: CorrectionQuery): Promise<CorrectionPage> {
    checkCorrectionQuery(query);
    if (unstorable(query.brandId)) return { items: [], nextCursor: null };
    return this.use('listSentimentCorrections', (c) => listCorrectionRows(c, ws, query));
  }

  async getCheckpoint(ws: WorkspaceId, sourceId: string): Promise<string | null> {
    const rows = await this.one<{ value: string }>('getCheckpoint', 'SELECT value FROM checkpoints WHERE workspace_id = $1 AND source_id = $2', [ws, sourceId]);
    return rows[0]?.value ?? null;
  }

  async setCheckpoint(ws: WorkspaceId, sourceId: string, value: string): Promise<void> {
    await this.one('setCheckpoint', `INSERT INTO checkpoints (workspace_id, source_id, value, updated_at) VALUES ($1, $2, $3, $4)
      ON CONFLICT (workspace_id, source_id) DO UPDATE SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at`, [ws, sourceId, clean(value), Date.now()]);
  }
}

/** PostgreSQL text cannot hold NUL. */
function clean(s: string): string {
  return s.includes('\0') ? s.replaceAll('\0', '\uFFFD') : s;
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message || e.constructor.name : String(e);
}

function wrap(op: string, e: unknown): unknown {
  if (e instanceof StoreError) return e;
  const code = (e as { code?: unknown }).code;
  return new StoreError('unavailable', `PostgreSQL ${op} failed: ${errorText(e)}${typeof code === 'string' ? ` (SQLSTATE ${code})` : ''}`, { cause: e });
}
