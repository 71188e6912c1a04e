import type { WorkspaceId } from '../domain/ids.ts';
import type { Mention } from '../domain/mention.ts';
import type { SeriesBucket } from '../domain/series.ts';

/**
 * Events the pipeline emits for the stages downstream of it (detectors now, others later).
 * - `mentions.stored`: a batch was persisted (new or updated mentions, with their enrichment).
 * - `bucket.closed`: a series bucket will receive no more in-order data (the watermark passed it).
 *   Late data after that is still added to the store, and a `bucket.closed` with `late: true`
 *   carries the aggregate of the late mentions alone (a delta to add to the bucket already seen).
 * - `watermark`: every bucket ending at or before `at` is closed (sent after the batch's
 *   `bucket.closed` events). Buckets that received nothing are never announced, so a detector
 *   learns from this event that the minutes between were empty.
 */
export type PipelineEvent =
  | { type: 'mentions.stored'; workspaceId: WorkspaceId; mentions: readonly Mention[] }
  | { type: 'bucket.closed'; workspaceId: WorkspaceId; bucket: SeriesBucket; late: boolean }
  | { type: 'watermark'; workspaceId: WorkspaceId; at: number };

/** What a detector (or any downstream stage) implements to receive pipeline events. */
export interface PipelineListener {
  onEvent(event: PipelineEvent): void | Promise<void>;
}
