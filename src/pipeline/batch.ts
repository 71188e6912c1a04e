import type { Mention } from '../domain/mention.ts';
import type { Reject } from '../domain/reject.ts';

/** What the pipeline has read and prepared and not yet persisted. */
export class Batch {
  readonly mentions: Mention[] = [];
  readonly deletes: Array<{ id: string; at: number }> = [];
  readonly rejects: Reject[] = [];
  /** The checkpoint after the last item read into this batch (matched or not). */
  checkpoint: string | null = null;
  oldestReceivedAt = Number.POSITIVE_INFINITY;
  /** Items read into the batch, including unmatched mentions (which are not kept). */
  read = 0;
  unmatched = 0;
  startedAt = 0;

  get size(): number {
    return this.mentions.length + this.deletes.length + this.rejects.length;
  }
}

/** Groups deletes by time, since `store.markDeleted` takes one time per call. */
export function deletesByTime(deletes: ReadonlyArray<{ id: string; at: number }>): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const d of deletes) {
    const list = out.get(d.at);
    if (list === undefined) out.set(d.at, [d.id]);
    else list.push(d.id);
  }
  return out;
}
