import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { SourceError } from './source-error.ts';

/** A checkpoint of a file source: the byte offset to resume at and the lines before it. */
export interface FilePosition {
  offset: number;
  line: number;
}

export function parseCheckpoint(source: string, from: string | null | undefined): FilePosition {
  if (from === null || from === undefined || from === '') return { offset: 0, line: 0 };
  const m = /^(\d{1,15}):(\d{1,15})$/.exec(from);
  if (m === null) {
    throw new SourceError(source, `invalid checkpoint ${JSON.stringify(from.slice(0, 50))} for ${source}: expected "<byte offset>:<line>" as yielded by an earlier read`);
  }
  return { offset: Number(m[1]), line: Number(m[2]) };
}

function describeIoError(source: string, e: unknown): SourceError {
  const code = (e as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return new SourceError(source, `file not found: ${source} (check the path)`, { cause: e });
  if (code === 'EACCES' || code === 'EPERM') return new SourceError(source, `permission denied reading ${source}`, { cause: e });
  if (code === 'EISDIR') return new SourceError(source, `${source} is a directory, not a file`, { cause: e });
  const message = e instanceof Error ? e.message : String(e);
  return new SourceError(source, `cannot read ${source}: ${message}`, { cause: e });
}

/** The file's size; a missing or unreadable file is a SourceError with a clear message. */
export async function fileSize(path: string): Promise<number> {
  try {
    const s = await stat(path);
    if (s.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    return s.size;
  } catch (e) {
    throw describeIoError(path, e);
  }
}

/**
 * Where a read of `path` starts: the checkpoint given (or the beginning) and the file's size.
 * A checkpoint past the end means the file was replaced or truncated: a SourceError.
 */
export async function startOfRead(path: string, from: string | null | undefined): Promise<{ start: FilePosition; total: number }> {
  const start = parseCheckpoint(path, from);
  const total = await fileSize(path);
  if (start.offset > total) {
    throw new SourceError(path, `checkpoint offset ${start.offset} is past the end of ${path} (${total} bytes): the file was replaced or truncated`);
  }
  return { start, total };
}

/** Up to `length` bytes at `offset` (for sniffing a format or the byte before a checkpoint). */
export async function readBytes(path: string, offset: number, length: number): Promise<Buffer> {
  try {
    const handle = await open(path, 'r');
    try {
      const buf = Buffer.alloc(length);
      const { bytesRead } = await handle.read(buf, 0, length, offset);
      return buf.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (e) {
    throw describeIoError(path, e);
  }
}

/**
 * The file's bytes from `offset`, in chunks; `onBytes` counts them for progress. An I/O error is
 * rethrown as a SourceError. Stops quietly when the signal is aborted.
 */
export async function* readChunks(
  path: string,
  offset: number,
  onBytes: (n: number) => void,
  signal?: AbortSignal,
): AsyncGenerator<Buffer> {
  const stream = createReadStream(path, { start: offset, highWaterMark: 256 * 1024 });
  try {
    for await (const chunk of stream) {
      if (signal?.aborted) return;
      const buf = chunk as Buffer;
      onBytes(buf.length);
      yield buf;
    }
  } catch (e) {
    throw describeIoError(path, e);
  } finally {
    stream.destroy();
  }
}
