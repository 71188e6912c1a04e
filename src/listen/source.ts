import type { MentionDraft } from '../domain/mention.ts';
import type { RejectDraft } from '../domain/reject.ts';

/**
 * What a source yields. A source parses and validates its platform's payloads and normalises
 * them into mention drafts; what does not parse becomes a reject (never an exception).
 * Every item carries the checkpoint to resume from *after* it.
 */
export type SourceItem =
  | { kind: 'mention'; mention: MentionDraft; checkpoint: string }
  | { kind: 'delete'; id: string; at: number; checkpoint: string }
  | { kind: 'reject'; reject: RejectDraft; checkpoint: string };

export interface SourceOptions {
  /** Resume after this checkpoint (as yielded by an earlier run), or from the start. */
  from?: string | null;
  /** Stop reading when aborted; the iterator then returns normally. */
  signal?: AbortSignal;
}

/**
 * A source of mentions: file imports and replays in this issue, live connectors later.
 * `read` returns an async iterable, so a slow consumer holds the source back (back-pressure).
 */
export interface Source {
  /** Stable id, used for checkpoints and rejects (for a file: its path). */
  readonly id: string;
  readonly kind: string;
  read(options?: SourceOptions): AsyncIterable<SourceItem>;
  /** Progress for long imports: bytes read and total when known. */
  progress?(): { done: number; total: number | null };
}

/**
 * What one parsed record (a line, a frame, a CSV row) becomes. Parsers are pure functions of the
 * record and the receipt time; file sources and live connectors share them.
 */
export type ParseOutcome =
  | { kind: 'mention'; mention: MentionDraft }
  | { kind: 'delete'; id: string; at: number }
  /** Not a mention and not an error: a keep-alive, a like, an identity event… */
  | { kind: 'ignore'; why: string }
  | { kind: 'reject'; reason: string };

export type RecordParser = (record: string, receivedAt: number) => ParseOutcome;
