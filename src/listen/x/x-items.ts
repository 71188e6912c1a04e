/**
 * Turns one X message (from the stream or a gap fill) into what the connector yields: a mention
 * (not seen yet: duplicates are dropped by post id), a reject with its reason and an excerpt, or
 * a control message (the in-stream `operational-disconnect`). Keeps the cursor and the status
 * tracker up to date as it goes.
 */
import type { LiveClock } from '../live/live-source.ts';
import type { StatusTracker } from '../live/status-tracker.ts';
import { excerpt } from '../import/utf8.ts';
import type { SourceItem } from '../source.ts';
import type { XCursor } from './cursor.ts';
import { parseXMessage, type XMessageInfo } from './parse-x-line.ts';
import type { RecentIds } from './recent-ids.ts';
import type { StreamLine } from './stream-lines.ts';
import { problemText } from './x-api.ts';

export type MessageOutcome =
  | { kind: 'item'; item: SourceItem }
  /** A keep-alive, a duplicate, an in-stream notice: nothing to yield. */
  | { kind: 'none' }
  /** X ends the connection (operational-disconnect): reconnect. */
  | { kind: 'disconnect'; message: string };

const fatalUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Whether an in-stream error tells that X is closing the connection. */
function isDisconnect(errors: readonly unknown[]): boolean {
  for (const e of errors) {
    if (typeof e !== 'object' || e === null) continue;
    const o = e as Record<string, unknown>;
    if (o.title === 'operational-disconnect' || typeof o.disconnect_type === 'string') return true;
  }
  return false;
}

export class XItems {
  readonly #source: string;
  readonly #cursor: XCursor;
  readonly #seen: RecentIds;
  readonly #tracker: StatusTracker;
  readonly #clock: LiveClock;

  constructor(source: string, cursor: XCursor, seen: RecentIds, tracker: StatusTracker, clock: LiveClock) {
    this.#source = source;
    this.#cursor = cursor;
    this.#seen = seen;
    this.#tracker = tracker;
    this.#clock = clock;
  }

  reject(reason: string, text: string, checkpoint: string): SourceItem {
    this.#tracker.rejected();
    // The first 2 kB (bytes, as file imports do), NULs removed.
    return { kind: 'reject', reject: { source: this.#source, line: null, reason, excerpt: excerpt(Buffer.from(text.slice(0, 2048))) }, checkpoint };
  }

  /** One line of the stream. */
  fromLine(line: StreamLine): MessageOutcome {
    if (line.kind === 'too-long') {
      const reason = `stream message is ${line.size.toLocaleString('en')} bytes, over the 1 MB limit`;
      return { kind: 'item', item: this.reject(reason, excerpt(line.head), this.#cursor.checkpoint()) };
    }
    if (line.bytes.length === 0) return { kind: 'none' };
    let text: string;
    try {
      text = fatalUtf8.decode(line.bytes);
    } catch {
      return { kind: 'item', item: this.reject('stream message is not valid UTF-8', excerpt(line.bytes), this.#cursor.checkpoint()) };
    }
    return this.fromText(text, 'stream message', () => this.#cursor.checkpoint());
  }

  /** One message as text; `checkpoint` gives the checkpoint after it (called once the cursor moved). */
  fromText(text: string, where: string, checkpoint: () => string): MessageOutcome {
    const info: XMessageInfo = { postId: undefined, errors: undefined };
    let outcome;
    try {
      outcome = parseXMessage(text, this.#clock.now(), info);
    } catch (e) {
      // The parser does not throw; if it ever does, the message is rejected and the stream goes on.
      outcome = { kind: 'reject' as const, reason: `parser failure: ${e instanceof Error ? e.message : String(e)}` };
    }
    switch (outcome.kind) {
      case 'mention': {
        const id = info.postId ?? outcome.mention.id;
        if (!this.#seen.add(id)) return { kind: 'none' };
        this.#cursor.seen(id);
        const m = outcome.mention;
        this.#tracker.mention(m.editedAt ?? m.createdAt);
        return { kind: 'item', item: { kind: 'mention', mention: m, checkpoint: checkpoint() } };
      }
      case 'reject':
        return { kind: 'item', item: this.reject(`${where}: ${outcome.reason}`, text, checkpoint()) };
      case 'delete':
        // X's filtered stream does not carry deletes (they come from its compliance streams).
        this.#tracker.deleted();
        return { kind: 'item', item: { kind: 'delete', id: outcome.id, at: outcome.at, checkpoint: checkpoint() } };
      case 'ignore':
        if (info.errors !== undefined) {
          if (isDisconnect(info.errors)) return { kind: 'disconnect', message: `X closed the stream: ${problemText(text)}` };
          this.#tracker.error('stream-error', `X sent an error in the stream: ${problemText(text)}`);
        }
        return { kind: 'none' };
    }
  }
}
