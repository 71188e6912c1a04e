/**
 * A fetched feed document turned into the source's items: the entries not seen before (by id,
 * also within the document), oldest first, each with the checkpoint to resume after it; entries
 * older than maxAgeDays skipped; Atom tombstones as deletes; the validators (ETag,
 * Last-Modified) of the answer saved only with the last item, so that a restart in the middle
 * fetches the document again instead of losing its remaining entries.
 */
import type { SourceItem } from '../source.ts';
import { entryToMention, tombstoneId, type EntryResult } from './feed-entry.ts';
import { parseFeedDate } from './feed-dates.ts';
import type { FeedMemory } from './feed-state.ts';
import type { FeedDocument } from './feed-xml.ts';

export const EXCERPT_CHARS = 2_048;

/** The offending input for a reject: at most 2 kB, well-formed. */
export function excerpt(s: string): string {
  return s.slice(0, EXCERPT_CHARS).toWellFormed();
}

export interface FeedItemsInput {
  sourceId: string;
  feedName: string;
  /** Where the document came from (after redirects). */
  feedUrl: string;
  /** The feed's URL as configured. */
  configuredUrl: string;
  doc: FeedDocument;
  receivedAt: number;
  memory: FeedMemory;
  validators: { etag: string | null; lastModified: string | null };
  maxSeen: number;
  /** 0 = no age limit. */
  maxAgeMs: number;
  /** The source's checkpoint from every feed's memory, as it is now. */
  checkpoint: () => string;
}

/** A SourceItem without its checkpoint (Omit spread over each kind of the union). */
type ItemBody = SourceItem extends infer T ? (T extends SourceItem ? Omit<T, 'checkpoint'> : never) : never;

interface Pending {
  id: string;
  item: ItemBody;
  order: number;
}

function safeEntry(input: FeedItemsInput, i: number): EntryResult | { id: null; reason: string } {
  const entry = input.doc.entries[i]!;
  try {
    return entryToMention(entry, { feedUrl: input.feedUrl, configuredUrl: input.configuredUrl, doc: input.doc, receivedAt: input.receivedAt });
  } catch (e) {
    return { id: null, reason: `the entry could not be read: ${e instanceof Error ? e.message : String(e)}` };
  }
}

export function feedItems(input: FeedItemsInput): SourceItem[] {
  const { memory, doc } = input;
  const listed = new Set<string>();
  const pending: Pending[] = [];
  const reject = (reason: string, i: number): ItemBody => ({
    kind: 'reject',
    reject: { source: input.sourceId, line: doc.entries[i]!.line, reason: `feed "${input.feedName}": ${reason}`, excerpt: excerpt(doc.entries[i]!.raw) },
  });
  for (let i = 0; i < doc.entries.length; i++) {
    const r = safeEntry(input, i);
    if (r.id === null) {
      // Not even an id: nothing to remember it by, so it is rejected again at each changed fetch.
      pending.push({ id: `unreadable:${i}`, item: reject(r.reason, i), order: Number.MAX_SAFE_INTEGER });
      continue;
    }
    if (listed.has(r.id)) continue;
    listed.add(r.id);
    if (memory.has(r.id)) continue;
    const o = r.outcome;
    if (o.kind === 'mention') {
      const tooOld = input.maxAgeMs > 0 && r.dated && o.mention.createdAt < input.receivedAt - input.maxAgeMs;
      if (!tooOld) pending.push({ id: r.id, item: { kind: 'mention', mention: o.mention }, order: o.mention.createdAt });
    } else if (o.kind === 'reject') {
      pending.push({ id: r.id, item: reject(o.reason, i), order: Number.MAX_SAFE_INTEGER });
    }
  }
  for (const t of doc.tombstones) {
    const id = tombstoneId(t.ref, doc, input.configuredUrl);
    const key = `deleted:${id}`;
    if (listed.has(key) || memory.has(key)) continue;
    listed.add(key);
    pending.push({ id: key, item: { kind: 'delete', id, at: parseFeedDate(t.when ?? undefined) ?? input.receivedAt }, order: Number.MAX_SAFE_INTEGER - 1 });
  }
  // What the feed lists and was seen before (or is skipped) stays remembered, as the most recent.
  const fresh = new Set(pending.map((p) => p.id));
  memory.touch([...listed].filter((id) => !fresh.has(id)));
  pending.sort((a, b) => a.order - b.order);
  const keep = listed.size;
  const items: SourceItem[] = [];
  pending.forEach((p, n) => {
    if (!p.id.startsWith('unreadable:')) memory.touch([p.id]);
    if (n === pending.length - 1) memory.validators(input.validators.etag, input.validators.lastModified);
    memory.trim(input.maxSeen, keep);
    items.push({ ...p.item, checkpoint: input.checkpoint() });
  });
  if (pending.length === 0) {
    memory.validators(input.validators.etag, input.validators.lastModified);
    memory.trim(input.maxSeen, keep);
  }
  return items;
}
