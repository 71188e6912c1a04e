/**
 * An incremental Server-Sent Events parser (the WHATWG event-stream format): text arrives in
 * chunks cut anywhere, lines end with `\n`, `\r\n` or `\r`, a line starting with `:` is a comment
 * (Mastodon's `:)` greeting and `:thump` heartbeats, which end with a single `\n` and must not
 * be mistaken for the end of an event), `event:` and `data:` fields build an event, and a blank
 * line dispatches it. A line longer than `maxLine` characters is dropped and reported, so a
 * broken server cannot make the buffer grow without end.
 */

export interface SseEvent {
  event: string;
  data: string;
}

export type SseOutput =
  | { kind: 'event'; event: SseEvent }
  | { kind: 'comment'; text: string }
  | { kind: 'oversized'; length: number; head: string };

export const DEFAULT_MAX_SSE_LINE = 2 * 1024 * 1024;

export class SseParser {
  readonly #maxLine: number;
  #parts: string[] = [];
  #partLength = 0;
  /** Characters of the current line dropped because it is too long (0 when not skipping). */
  #skipped = 0;
  #skippedHead = '';
  #pendingCR = false;
  #event = '';
  #data: string[] = [];
  #hasData = false;

  constructor(maxLine = DEFAULT_MAX_SSE_LINE) {
    this.#maxLine = maxLine;
  }

  /** Feeds a chunk; `out` receives every event, comment and oversized line it completes. */
  feed(chunk: string, out: (o: SseOutput) => void): void {
    let start = 0;
    if (this.#pendingCR) {
      this.#pendingCR = false;
      if (chunk.charCodeAt(0) === 10) start = 1; // the \n of a \r\n cut between two chunks
    }
    const n = chunk.length;
    let i = start;
    // Next \r and \n at or after i, searched again only once passed (a search per line would be quadratic).
    let cr = -2;
    let lf = -2;
    while (i < n) {
      const c = chunk.charCodeAt(i);
      if (c !== 10 && c !== 13) {
        if (cr !== -1 && cr < i) cr = chunk.indexOf('\r', i);
        if (lf !== -1 && lf < i) lf = chunk.indexOf('\n', i);
        const nl = Math.min(cr === -1 ? n : cr, lf === -1 ? n : lf);
        this.#append(chunk, i, nl);
        i = nl;
        continue;
      }
      this.#endLine(out);
      if (c === 13) {
        if (i + 1 < n) {
          if (chunk.charCodeAt(i + 1) === 10) i++;
        } else this.#pendingCR = true;
      }
      i++;
    }
  }

  /** The connection ended: an event without its closing blank line is dropped (as the spec says). */
  reset(): void {
    this.#parts = [];
    this.#partLength = 0;
    this.#skipped = 0;
    this.#skippedHead = '';
    this.#pendingCR = false;
    this.#event = '';
    this.#data = [];
    this.#hasData = false;
  }

  #append(chunk: string, from: number, to: number): void {
    const len = to - from;
    if (this.#skipped > 0) {
      this.#skipped += len;
      return;
    }
    if (this.#partLength + len > this.#maxLine) {
      this.#skippedHead = (this.#parts.join('') + chunk.slice(from, Math.min(to, from + 2048))).slice(0, 2048);
      this.#skipped = this.#partLength + len;
      this.#parts = [];
      this.#partLength = 0;
      return;
    }
    this.#parts.push(from === 0 && to === chunk.length ? chunk : chunk.slice(from, to));
    this.#partLength += len;
  }

  #endLine(out: (o: SseOutput) => void): void {
    if (this.#skipped > 0) {
      out({ kind: 'oversized', length: this.#skipped, head: this.#skippedHead });
      this.#skipped = 0;
      this.#skippedHead = '';
      // The event this line belonged to is incomplete: forget it.
      this.#event = '';
      this.#data = [];
      this.#hasData = false;
      return;
    }
    const line = this.#parts.length === 1 ? (this.#parts[0] as string) : this.#parts.join('');
    this.#parts = [];
    this.#partLength = 0;
    if (line === '') {
      if (this.#hasData) out({ kind: 'event', event: { event: this.#event === '' ? 'message' : this.#event, data: this.#data.join('\n') } });
      this.#event = '';
      this.#data = [];
      this.#hasData = false;
      return;
    }
    if (line.charCodeAt(0) === 58) {
      out({ kind: 'comment', text: line.slice(1) });
      return;
    }
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.charCodeAt(0) === 32) value = value.slice(1);
    if (field === 'event') this.#event = value;
    else if (field === 'data') {
      this.#data.push(value);
      this.#hasData = true;
    }
    // `id` and `retry` are not used by Mastodon; unknown fields are ignored, as the spec says.
  }
}
