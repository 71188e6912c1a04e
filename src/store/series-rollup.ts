import type { WorkspaceId } from '../domain/ids.ts';
import type { Reject } from '../domain/reject.ts';
import { DEFAULT_BUCKET_MS, addCounts, bucketStart, type SeriesBucket } from '../domain/series.ts';
import type { SeriesQuery } from './store.ts';
import { StoreError } from './store.ts';

/** Stored buckets are one minute wide; every query rolls them up. */
export const STORED_BUCKET_MS = DEFAULT_BUCKET_MS;

export function checkSeriesBuckets(ws: WorkspaceId, buckets: readonly SeriesBucket[]): void {
  for (const b of buckets) {
    const where = `series bucket ${b.brandId}@${b.start}`;
    if (b.workspaceId !== ws) throw new StoreError('invalid', `${where} belongs to workspace "${b.workspaceId}", not "${ws}"`);
    if (b.bucketMs !== STORED_BUCKET_MS) {
      throw new StoreError('invalid', `${where}: bucketMs is ${b.bucketMs}; the store keeps ${STORED_BUCKET_MS} ms buckets (roll up when reading)`);
    }
    if (!Number.isSafeInteger(b.start) || b.start % STORED_BUCKET_MS !== 0) {
      throw new StoreError('invalid', `${where}: start must be a multiple of ${STORED_BUCKET_MS} ms`);
    }
  }
}

export function checkSeriesQuery(q: SeriesQuery): void {
  if (!Number.isSafeInteger(q.bucketMs) || q.bucketMs <= 0 || q.bucketMs % STORED_BUCKET_MS !== 0) {
    throw new StoreError('invalid', `bucketMs must be a positive multiple of ${STORED_BUCKET_MS} (got ${String(q.bucketMs)})`);
  }
  if (!Number.isSafeInteger(q.from) || !Number.isSafeInteger(q.to)) {
    throw new StoreError('invalid', 'series from and to must be epoch milliseconds');
  }
}

/**
 * Sums minute buckets (ascending, within [from, to)) into buckets of `bucketMs`, starting at
 * multiples of it. uniqueAuthors is summed too, so once rolled up it is an upper bound (an author
 * active in two minutes counts twice). Only non-empty buckets are returned, ascending.
 */
export function rollUp(minutes: readonly SeriesBucket[], bucketMs: number): SeriesBucket[] {
  const out: SeriesBucket[] = [];
  let cur: SeriesBucket | undefined;
  for (const m of minutes) {
    if (m.count === 0) continue;
    const start = bucketStart(m.start, bucketMs);
    if (cur === undefined || cur.start !== start) {
      cur = { ...m, start, bucketMs };
      out.push(cur);
    } else {
      addCounts(cur, m);
    }
  }
  return out;
}

/** A stored minute bucket, as both stores select it. */
export interface SeriesRow {
  brand_id: string; bucket_start: number | string; count: number | string; negative: number | string;
  positive: number | string; reach: number | string; unique_authors: number | string;
  influencer: number | string; media: number | string;
}

export function seriesFromRow(ws: WorkspaceId, r: SeriesRow): SeriesBucket {
  return {
    workspaceId: ws, brandId: r.brand_id, start: Number(r.bucket_start), bucketMs: STORED_BUCKET_MS, count: Number(r.count),
    negative: Number(r.negative), positive: Number(r.positive), reach: Number(r.reach), uniqueAuthors: Number(r.unique_authors),
    influencer: Number(r.influencer), media: Number(r.media),
  };
}

export interface RejectRow { workspace_id: string; source: string; line: number | string | null; reason: string; excerpt: string; at: number | string }

export function rejectFromRow(r: RejectRow): Reject {
  return {
    workspaceId: r.workspace_id as WorkspaceId, source: r.source, line: r.line === null ? null : Number(r.line),
    reason: r.reason, excerpt: r.excerpt, at: Number(r.at),
  };
}
