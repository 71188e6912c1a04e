/**
 * The Bluesky source's checkpoint: `{"cursor":<time_us>,"recent":["<event key>",…]}`. `cursor`
 * is the highest Jetstream `time_us` processed; a resume replays from `cursor − margin`
 * (Jetstream is at-least-once and slightly out of order). `recent` holds the keys of the events
 * yielded within that margin, so that their replay after a restart is dropped too.
 */
import { SourceError } from '../import/source-error.ts';

export interface BlueskyCheckpoint {
  cursor: number | null;
  recent: string[];
}

/** Keys kept in a checkpoint at most (beyond, a replay after a restart may repeat some: the store upserts them). */
export const MAX_RECENT_KEYS = 100;

export function formatCheckpoint(c: BlueskyCheckpoint): string {
  return JSON.stringify(c.recent.length === 0 ? { cursor: c.cursor } : { cursor: c.cursor, recent: c.recent });
}

export function parseCheckpoint(sourceId: string, from: string | null | undefined): BlueskyCheckpoint {
  if (from === null || from === undefined || from === '') return { cursor: null, recent: [] };
  const bad = (why: string): SourceError =>
    new SourceError(
      sourceId,
      `source "${sourceId}": checkpoint ${JSON.stringify(from.slice(0, 200))} is not a Bluesky checkpoint (${why}); ` +
        'expected {"cursor":<Jetstream time_us>}. Remove the stored checkpoint to start from the live stream.',
    );
  let value: unknown;
  try {
    value = JSON.parse(from);
  } catch {
    throw bad('not JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw bad('not a JSON object');
  const v = value as Record<string, unknown>;
  const cursor = v.cursor;
  if (cursor !== null && !(typeof cursor === 'number' && Number.isSafeInteger(cursor) && cursor >= 0)) throw bad('cursor must be a whole number of microseconds');
  const recent = v.recent ?? [];
  if (!Array.isArray(recent) || !recent.every((k) => typeof k === 'string')) throw bad('recent must be a list of strings');
  return { cursor: cursor as number | null, recent: (recent as string[]).slice(-MAX_RECENT_KEYS) };
}
