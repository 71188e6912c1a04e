/**
 * Cuts the filtered stream's bytes into messages: each ends with `\r\n`, may arrive split across
 * any number of chunks (a multi-byte character included), and an empty one is a keep-alive. A
 * bare `\n` does not end a message (JSON escapes its newlines, so one is damage, and the message
 * is rejected whole). Work is on bytes, so that invalid UTF-8 is seen and reported.
 */

/** The longest message kept; a longer one is rejected without being held in memory. */
export const MAX_MESSAGE_BYTES = 1024 * 1024;
const HEAD_BYTES = 2048;

export type StreamLine =
  | { kind: 'line'; bytes: Buffer }
  /** A message over the limit: its size and first bytes, for the reject. */
  | { kind: 'too-long'; size: number; head: Buffer };

export class CrlfSplitter {
  readonly #max: number;
  #parts: Buffer[] = [];
  #size = 0;
  /** Set while discarding the rest of an over-long message. */
  #overflow: Buffer | null = null;

  constructor(maxBytes = MAX_MESSAGE_BYTES) {
    this.#max = maxBytes;
  }

  /** Bytes held of a message not yet ended (what a drop now would lose). */
  get pending(): number {
    return this.#size;
  }

  /** The messages that the chunk completes, in order. */
  push(chunk: Uint8Array): StreamLine[] {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const out: StreamLine[] = [];
    let start = 0;
    let from = 0;
    for (;;) {
      const nl = buf.indexOf(0x0a, from);
      if (nl === -1) break;
      from = nl + 1;
      const crBefore = nl > start ? buf[nl - 1] === 0x0d : nl === start && this.#lastByte() === 0x0d;
      if (!crBefore) continue;
      if (this.#size === 0 && nl - start <= this.#max + 1) {
        // The whole message is in this chunk: no copy.
        out.push({ kind: 'line', bytes: buf.subarray(start, nl - 1) });
      } else {
        this.#append(buf.subarray(start, nl));
        out.push(this.#take());
      }
      start = nl + 1;
    }
    if (start < buf.length) this.#append(buf.subarray(start));
    return out;
  }

  /** Drops what is held (the connection ended): the number of bytes dropped. */
  reset(): number {
    const n = this.#size;
    this.#parts = [];
    this.#size = 0;
    this.#overflow = null;
    return n;
  }

  #lastByte(): number | undefined {
    const last = this.#parts[this.#parts.length - 1];
    return last === undefined ? undefined : last[last.length - 1];
  }

  #append(b: Buffer): void {
    if (b.length === 0) return;
    this.#size += b.length;
    if (this.#overflow !== null) {
      // Keep only the last byte, to see a `\r` that the next chunk's `\n` completes.
      this.#parts = [Buffer.from(b.subarray(b.length - 1))];
      return;
    }
    // Copy: the chunk's memory may be reused by the reader.
    this.#parts.push(Buffer.from(b));
    if (this.#size > this.#max + 1) {
      this.#overflow = Buffer.concat(this.#parts).subarray(0, HEAD_BYTES);
      this.#parts = [Buffer.from(b.subarray(b.length - 1))];
    }
  }

  /** The message held, without its `\r`. */
  #take(): StreamLine {
    const size = this.#size - 1;
    let line: StreamLine;
    if (this.#overflow !== null) line = { kind: 'too-long', size, head: this.#overflow };
    else {
      const all = this.#parts.length === 1 ? this.#parts[0]! : Buffer.concat(this.#parts, this.#size);
      line = { kind: 'line', bytes: all.subarray(0, Math.max(0, size)) };
    }
    this.#parts = [];
    this.#size = 0;
    this.#overflow = null;
    return line;
  }
}
