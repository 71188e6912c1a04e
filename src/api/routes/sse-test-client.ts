// Test support (not a test): reads a real server-sent event stream with fetch and parses its frames
// the way a browser's EventSource does (fields `event`, `data`, `id`, `retry`; `:` comments).

export interface SseFrame {
  event: string | null;
  data: string | null;
  id: string | null;
  retry: number | null;
  /** Comment lines (without the leading ": "). */
  comments: string[];
}

export interface SseClient {
  status: number;
  headers: Headers;
  /** Every frame read so far, in order. */
  frames: SseFrame[];
  /**
   * The next frame not yet taken that matches `match` (frames before it are taken too); waits for
   * it up to `waitMs` (a guard against a hung test, not a speed check).
   */
  next(match?: (f: SseFrame) => boolean, waitMs?: number): Promise<SseFrame>;
  /** The id a browser would send back as Last-Event-ID now. */
  lastEventId(): string | null;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  /** Disconnects (aborts the request). */
  close(): void;
}

export function parseFrame(block: string): SseFrame {
  const f: SseFrame = { event: null, data: null, id: null, retry: null, comments: [] };
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) {
      f.comments.push(line.slice(1).trimStart());
      continue;
    }
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') f.event = value;
    else if (field === 'data') f.data = f.data === null ? value : `${f.data}\n${value}`;
    else if (field === 'id') f.id = value;
    else if (field === 'retry') f.retry = Number(value);
  }
  return f;
}

export async function openSse(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
  const abort = new AbortController();
  const res = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: abort.signal });
  const frames: SseFrame[] = [];
  let taken = 0;
  let lastId: string | null = null;
  const waiter: { wake: (() => void) | null } = { wake: null };
  let finished = false;
  const ended = (async () => {
    if (res.body === null) return;
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffer += value.replace(/\r\n?/g, '\n');
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const frame = parseFrame(buffer.slice(0, cut));
          buffer = buffer.slice(cut + 2);
          if (frame.id !== null) lastId = frame.id;
          frames.push(frame);
          waiter.wake?.();
        }
      }
    } catch {
      // aborted by close(): the stream is over
    } finally {
      finished = true;
      waiter.wake?.();
    }
  })();
  return {
    status: res.status,
    headers: res.headers,
    frames,
    ended,
    lastEventId: () => lastId,
    close: () => abort.abort(),
    async next(match = () => true, waitMs = 5_000) {
      const deadline = Date.now() + waitMs;
      for (;;) {
        while (taken < frames.length) {
          const f = frames[taken++] as SseFrame;
          if (match(f)) return f;
        }
        if (finished) throw new Error(`the stream ended without the expected frame; frames: ${JSON.stringify(frames)}`);
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no expected frame within ${waitMs} ms; frames: ${JSON.stringify(frames)}`);
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, left);
          waiter.wake = () => {
            clearTimeout(t);
            resolve();
          };
        });
        waiter.wake = null;
      }
    },
  };
}

/** Waits until `check()` is true (polling on timers), up to `waitMs`; for state that settles asynchronously. */
export async function eventually(check: () => boolean, what: string, waitMs = 5_000): Promise<void> {
  const deadline = Date.now() + waitMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`still not true after ${waitMs} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
