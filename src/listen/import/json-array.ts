import { Accumulator, type RawRecord } from './records.ts';

/** Where the scanner stands: before the `[`, between elements, or after the closing `]`. */
export type ArrayPosition = 'start' | 'between' | 'done';

const isSpace = (b: number): boolean => b === 32 || b === 10 || b === 13 || b === 9;

/**
 * Streams the elements of one JSON array (as Mastodon's timeline API returns) without parsing the
 * whole file: a byte scanner that follows strings and nesting depth and cuts each top-level
 * element. Each element is yielded with the line where it starts and the offset after its `,` or
 * `]`, so a resume seeks there (with `position` 'between', or 'done' after the `]`).
 */
export async function* splitJsonArray(
  chunks: AsyncIterable<Buffer>,
  offset: number,
  line: number,
  max: number,
  position: ArrayPosition,
): AsyncGenerator<RawRecord> {
  const acc = new Accumulator(max);
  let state: ArrayPosition | 'element' = position;
  let pos = offset;
  let n = line + 1; // the line being scanned
  let startLine = n;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let bom = 0;
  for await (const chunk of chunks) {
    let from = 0; // start of the element's piece in this chunk
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      if (state === 'element') {
        if (inString) {
          if (escaped) escaped = false;
          else if (b === 92) escaped = true;
          else if (b === 34) inString = false;
          else if (b === 10) n++;
          continue;
        }
        if (b === 34) inString = true;
        else if (b === 123 || b === 91) depth++;
        else if ((b === 125 || b === 93) && depth > 0) depth--;
        else if (b === 10) n++;
        else if (depth === 0 && (b === 44 || b === 93)) {
          acc.add(chunk.subarray(from, i));
          const { size, head } = acc;
          const bytes = acc.take();
          state = b === 93 ? 'done' : 'between';
          yield { bytes, size, head, line: startLine, end: pos + i + 1, endLine: n - 1 };
        }
        continue;
      }
      if (b === 10) n++;
      if (isSpace(b)) continue;
      if (state === 'start') {
        if (bom < 3 && b === [0xef, 0xbb, 0xbf][bom]) {
          bom++;
          continue;
        }
        if (b === 91) {
          state = 'between';
          continue;
        }
        yield brokenAt(pos + i, n, 'the file does not start with "[" (expected a JSON array of statuses)');
        return;
      }
      if (state === 'done') {
        yield brokenAt(pos + i, n, 'unexpected data after the closing "]" of the JSON array; the rest of the file is not read');
        return;
      }
      if (b === 93) {
        state = 'done';
        continue;
      }
      state = 'element';
      startLine = n;
      depth = 0;
      inString = false;
      escaped = false;
      from = i;
      i--; // rescan this byte as part of the element
    }
    if (state === 'element') acc.add(chunk.subarray(from));
    pos += chunk.length;
  }
  if (state === 'element') {
    const { size, head } = acc;
    yield { bytes: acc.take(), size, head, line: startLine, end: pos, endLine: n, error: 'the JSON array ends inside this element (truncated file?)' };
  } else if (state !== 'done') {
    yield brokenAt(pos, n, 'the JSON array is not closed with "]" (truncated file?)');
  }
}

function brokenAt(end: number, line: number, error: string): RawRecord {
  return { bytes: Buffer.alloc(0), size: 0, line, end, endLine: line, error };
}
