/** One record cut from a byte stream, before decoding. */
export interface RawRecord {
  /** The record's bytes, or null when it was over the size limit (then only `size` is known). */
  bytes: Buffer | null;
  size: number;
  /** For a record over the limit, its first bytes (for the excerpt). */
  head?: Buffer;
  /** 1-based line where the record starts. */
  line: number;
  /** Byte offset just after the record (its terminator included): where to resume. */
  end: number;
  /** The line number to resume counting from (the record's last line). */
  endLine: number;
  /** Set when the stream's structure is broken here (the record is then rejected). */
  error?: string;
}

const HEAD_BYTES = 2048;

/** Gathers a record's pieces without holding more than `max` bytes. */
export class Accumulator {
  private parts: Buffer[] = [];
  size = 0;
  private readonly max: number;
  constructor(max: number) {
    this.max = max;
  }

  /** The first bytes of a record over the limit, kept for the reject's excerpt. */
  head: Buffer = Buffer.alloc(0);

  add(piece: Buffer): void {
    if (this.size > this.max) {
      this.size += piece.length;
      return;
    }
    this.size += piece.length;
    this.parts.push(piece);
    if (this.size > this.max) {
      this.head = Buffer.concat(this.parts).subarray(0, HEAD_BYTES);
      this.parts = [];
    }
  }

  take(): Buffer | null {
    const out = this.size > this.max ? null : this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts);
    this.parts = [];
    this.size = 0;
    this.head = Buffer.alloc(0);
    return out;
  }
}

/**
 * Splits a byte stream on `\n` (a trailing `\r` is removed), from `offset`, numbering lines from
 * `line + 1`. Empty lines are yielded too (a parser decides what they mean).
 */
export async function* splitLines(
  chunks: AsyncIterable<Buffer>,
  offset: number,
  line: number,
  max: number,
): AsyncGenerator<RawRecord> {
  const acc = new Accumulator(max);
  let pos = offset;
  let n = line;
  for await (const chunk of chunks) {
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(10, start);
      if (nl === -1) break;
      acc.add(chunk.subarray(start, nl));
      pos += nl + 1 - start;
      n += 1;
      yield finish(acc, pos, n);
      start = nl + 1;
    }
    if (start < chunk.length) {
      acc.add(chunk.subarray(start));
      pos += chunk.length - start;
    }
  }
  if (acc.size > 0) yield finish(acc, pos, n + 1);
}

function finish(acc: Accumulator, end: number, line: number): RawRecord {
  const size = acc.size;
  const head = acc.head;
  let bytes = acc.take();
  if (bytes !== null && bytes.length > 0 && bytes[bytes.length - 1] === 13) bytes = bytes.subarray(0, bytes.length - 1);
  return { bytes, size, head, line, end, endLine: line };
}
