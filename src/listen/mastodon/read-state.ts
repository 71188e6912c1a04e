/**
 * What one read() of the Mastodon connector remembers, applied in the order items are yielded:
 * the cursor of each stream (the checkpoint), the statuses already yielded (so the same status
 * seen through two hashtags, two instances or a gap fill is yielded once, and again only when
 * edited), and each instance's local ids (to name deletes and replies after the global uri).
 *
 * A stream's cursor (`committed`) is the highest status id yielded on it, except while a gap fill
 * for it runs: then it stays where the gap starts until the fill ends, so a restart in the middle
 * of a fill does it again rather than skip what was not fetched yet.
 */
import type { MentionDraft } from '../../domain/mention.ts';
import type { StatusTracker } from '../live/status-tracker.ts';
import type { ParseOutcome, SourceItem } from '../source.ts';
import { isObject, parseJson, str } from '../import/json-access.ts';
import { parseMastodonEvent } from './parse-status.ts';
import { compareIds, isCursorId, trustworthyId } from './status-ids.ts';
import { streamKeyOfFrame } from './streams.ts';

/** What the channels hand to the reader, in order. */
export type Entry =
  /** An SSE event or a status from a gap fill (`event: 'update'`). */
  | { t: 'event'; instance: string; stream: string; event: string; data: string; receivedAt: number }
  /** A WebSocket text frame (the envelope `{"stream":[…],"event":…,"payload":…}`). */
  | { t: 'frame'; instance: string; text: string; receivedAt: number }
  | { t: 'reject'; instance: string; reason: string; excerpt: string }
  | { t: 'gap-start'; instance: string; stream: string }
  | { t: 'gap-end'; instance: string; stream: string };

interface Cursor {
  lastSeen: string | null;
  committed: string | null;
  filling: number;
}

/** Statuses remembered for de-duplication, and local ids per instance (oldest forgotten first). */
export const SEEN_WINDOW = 50_000;
export const CHECKPOINT_VERSION = 1;

class Lru<V> {
  readonly #max: number;
  readonly #m = new Map<string, V>();
  constructor(max: number) {
    this.#max = max;
  }
  get(k: string): V | undefined {
    return this.#m.get(k);
  }
  set(k: string, v: V): void {
    this.#m.delete(k);
    this.#m.set(k, v);
    if (this.#m.size > this.#max) this.#m.delete(this.#m.keys().next().value as string);
  }
}

export function excerptOf(text: string): string {
  return text.slice(0, 2048).replace(/\u0000/g, '').toWellFormed();
}

/** Parses a checkpoint; an unreadable one is an error message (the caller reports it and starts fresh). */
export function parseCheckpoint(from: string): { ok: true; streams: Map<string, Map<string, string>> } | { ok: false; error: string } {
  const bad = (why: string): { ok: false; error: string } => ({
    ok: false,
    error: `unreadable checkpoint (${why}): expected {"v":${CHECKPOINT_VERSION},"streams":{"<domain>":{"<stream>":"<status id>"}}}`,
  });
  const parsed = parseJson(from);
  if (!parsed.ok) return bad(parsed.reason);
  const v = parsed.value;
  if (!isObject(v) || v.v !== CHECKPOINT_VERSION || !isObject(v.streams)) return bad('not a Mastodon checkpoint');
  const streams = new Map<string, Map<string, string>>();
  for (const [domain, perStream] of Object.entries(v.streams)) {
    if (!isObject(perStream)) return bad(`streams.${domain} is not an object`);
    const m = new Map<string, string>();
    for (const [key, id] of Object.entries(perStream)) {
      if (typeof id !== 'string' || !isCursorId(id)) return bad(`streams.${domain}.${key} is not a status id`);
      m.set(key, id);
    }
    streams.set(domain, m);
  }
  return { ok: true, streams };
}

export class ReadState {
  readonly #sourceId: string;
  readonly #tracker: StatusTracker;
  readonly #cursors = new Map<string, Map<string, Cursor>>();
  /** uri → editedAt of the version yielded (-1 for never edited). */
  readonly #seen = new Lru<number>(SEEN_WINDOW);
  readonly #deleted = new Lru<true>(SEEN_WINDOW);
  readonly #localIds = new Map<string, Lru<string>>();
  #checkpoint: string | null = null;

  constructor(sourceId: string, tracker: StatusTracker, from: Map<string, Map<string, string>> | null) {
    this.#sourceId = sourceId;
    this.#tracker = tracker;
    for (const [domain, m] of from ?? []) {
      for (const [key, id] of m) this.#cursor(domain, key).committed = id;
    }
  }

  /** The stream's cursor as last yielded (null when none). */
  committed(instance: string, stream: string): string | null {
    return this.#cursors.get(instance)?.get(stream)?.committed ?? null;
  }

  #cursor(instance: string, stream: string): Cursor {
    let m = this.#cursors.get(instance);
    if (m === undefined) this.#cursors.set(instance, (m = new Map()));
    let c = m.get(stream);
    if (c === undefined) m.set(stream, (c = { lastSeen: null, committed: null, filling: 0 }));
    return c;
  }

  #localIdsOf(instance: string): Lru<string> {
    let m = this.#localIds.get(instance);
    if (m === undefined) this.#localIds.set(instance, (m = new Lru(SEEN_WINDOW)));
    return m;
  }

  checkpoint(): string {
    if (this.#checkpoint !== null) return this.#checkpoint;
    const streams: Record<string, Record<string, string>> = {};
    for (const [domain, m] of this.#cursors) {
      for (const [key, c] of m) if (c.committed !== null) (streams[domain] ??= {})[key] = c.committed;
    }
    return (this.#checkpoint = JSON.stringify({ v: CHECKPOINT_VERSION, streams }));
  }

  #advance(instance: string, stream: string | null, localId: string | null, receivedAt: number): void {
    if (stream === null || localId === null || !trustworthyId(localId, receivedAt)) return;
    const c = this.#cursor(instance, stream);
    if (c.lastSeen === null || compareIds(localId, c.lastSeen) > 0) c.lastSeen = localId;
    if (c.filling === 0 && c.lastSeen !== c.committed) {
      c.committed = c.lastSeen;
      this.#checkpoint = null;
    }
  }

  /** Applies one entry; returns the item to yield, or null (a duplicate, an ignored event, a marker). */
  apply(e: Entry): SourceItem | null {
    switch (e.t) {
      case 'gap-start':
        this.#cursor(e.instance, e.stream).filling++;
        return null;
      case 'gap-end': {
        const c = this.#cursor(e.instance, e.stream);
        c.filling = Math.max(0, c.filling - 1);
        if (c.filling === 0 && c.lastSeen !== null && (c.committed === null || compareIds(c.lastSeen, c.committed) > 0)) {
          c.committed = c.lastSeen;
          this.#checkpoint = null;
        }
        return null;
      }
      case 'reject':
        return this.#reject(e.reason, e.excerpt);
      case 'event': {
        const parsed = parseMastodonEvent(e.event, e.data, e.receivedAt, e.instance);
        return this.#outcome(e.instance, e.stream, parsed.outcome, parsed.localId, e.receivedAt, e.data);
      }
      case 'frame':
        return this.#frame(e.instance, e.text, e.receivedAt);
    }
  }

  /** The reject for an entry whose reading threw (a bug): its text kept as the excerpt. */
  failed(e: Entry, reason: string): SourceItem | null {
    if (e.t === 'event') return this.#reject(reason, e.data);
    if (e.t === 'frame') return this.#reject(reason, e.text);
    return null;
  }

  #frame(instance: string, text: string, receivedAt: number): SourceItem | null {
    if (!/\S/.test(text)) return this.#reject('empty WebSocket frame', text);
    const parsed = parseJson(text);
    if (!parsed.ok) return this.#reject(`WebSocket frame: ${parsed.reason}`, text);
    const v = parsed.value;
    if (!isObject(v)) return this.#reject('a WebSocket frame must be a JSON object {"stream":[…],"event":…,"payload":…}', text);
    const event = str(v, 'event');
    if (event === undefined) {
      if (v.error !== undefined) {
        this.#tracker.error('stream-error', `${instance}: the streaming server answered ${JSON.stringify(v).slice(0, 300)}`);
        return null;
      }
      return this.#reject('WebSocket frame without an "event" field', text);
    }
    const payload = typeof v.payload === 'string' ? v.payload : undefined;
    const r = parseMastodonEvent(event, payload, receivedAt, instance, text);
    return this.#outcome(instance, streamKeyOfFrame(v.stream), r.outcome, r.localId, receivedAt, text);
  }

  #reject(reason: string, excerpt: string): SourceItem {
    this.#tracker.rejected();
    return { kind: 'reject', reject: { source: this.#sourceId, line: null, reason, excerpt: excerptOf(excerpt) }, checkpoint: this.checkpoint() };
  }

  #outcome(instance: string, stream: string | null, o: ParseOutcome, localId: string | null, receivedAt: number, record: string): SourceItem | null {
    switch (o.kind) {
      case 'ignore':
        return null;
      case 'reject':
        return this.#reject(o.reason, record);
      case 'delete': {
        const uri = localId === null ? undefined : this.#localIdsOf(instance).get(localId);
        const id = uri === undefined ? o.id : `mastodon:${uri}`;
        if (this.#deleted.get(id) !== undefined) return null;
        this.#deleted.set(id, true);
        this.#tracker.deleted();
        return { kind: 'delete', id, at: o.at, checkpoint: this.checkpoint() };
      }
      case 'mention': {
        this.#advance(instance, stream, localId, receivedAt);
        const m = o.mention;
        const uri = m.id.slice('mastodon:'.length);
        if (localId !== null) this.#localIdsOf(instance).set(localId, uri);
        const version = m.editedAt ?? -1;
        const before = this.#seen.get(uri);
        if (before !== undefined && version <= before) return null;
        if (this.#deleted.get(m.id) !== undefined) return null;
        this.#seen.set(uri, version);
        this.#tracker.mention(m.createdAt);
        return { kind: 'mention', mention: this.#withReplyUri(instance, m), checkpoint: this.checkpoint() };
      }
    }
  }

  /** A reply to a status this reader has seen names it by its global uri (the stored mention's id). */
  #withReplyUri(instance: string, m: MentionDraft): MentionDraft {
    const prefix = `mastodon:${instance}/`;
    const r = m.relations.replyTo;
    if (r === null || !r.startsWith(prefix)) return m;
    const uri = this.#localIdsOf(instance).get(r.slice(prefix.length));
    return uri === undefined ? m : { ...m, relations: { ...m.relations, replyTo: `mastodon:${uri}` } };
  }
}
