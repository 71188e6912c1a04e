/**
 * One Jetstream WebSocket connection (Node's global WebSocket), turned into a queue of events
 * the source pulls: `open`, each `frame`, then one `end` saying why it ended. A watchdog ends it
 * when nothing arrives for `stallTimeoutMs` (before the opening too); frames beyond
 * `maxQueuedFrames` not yet pulled end it as a slow consumer (the source resumes from its cursor,
 * so nothing is lost). The watchdog is a real timer: the injected clock only paces back-off.
 */

export interface ConnectionEnd {
  /** 'tcp' (could not connect, dropped), 'closed' (the server closed it), 'stall', 'slow-consumer'. */
  kind: string;
  message: string;
}

export type ConnectionEvent =
  | { kind: 'open' }
  | { kind: 'frame'; data: string | ArrayBuffer }
  | { kind: 'end'; error: ConnectionEnd | null };

export interface ConnectionOptions {
  stallTimeoutMs: number;
  maxQueuedFrames: number;
  /** Called as each frame arrives (before it is queued). */
  onFrame?: () => void;
}

function messageOf(ev: Event): string | null {
  const e = ev as Event & { message?: unknown; error?: unknown };
  if (typeof e.message === 'string' && e.message !== '') return e.message;
  // Node's WebSocket reports a refused connection as an Error with an empty message.
  if (e.error instanceof Error && e.error.message !== '') return e.error.message;
  return null;
}

/** The URL without its query, for messages. */
function shown(url: string): string {
  const q = url.indexOf('?');
  return q < 0 ? url : url.slice(0, q);
}

export class JetstreamConnection {
  readonly #url: string;
  readonly #o: ConnectionOptions;
  #ws: WebSocket | null = null;
  #events: ConnectionEvent[] = [];
  #head = 0;
  #queuedFrames = 0;
  #end: ConnectionEvent | null = null;
  #waiter: (() => void) | null = null;
  #timer: NodeJS.Timeout | null = null;
  #opened = false;
  #lastError: string | null = null;
  #endTaken = false;

  constructor(url: string, o: ConnectionOptions) {
    this.#url = url;
    this.#o = o;
    let ws: WebSocket;
    try {
      ws = new WebSocket(url);
    } catch (e) {
      this.#finish({ kind: 'tcp', message: `cannot open ${shown(url)}: ${e instanceof Error ? e.message : String(e)} (check jetstreamUrl)` });
      return;
    }
    this.#ws = ws;
    ws.binaryType = 'arraybuffer';
    this.#timer = setTimeout(() => this.#stalled(), o.stallTimeoutMs);
    ws.onopen = () => {
      if (this.#end !== null) return;
      this.#opened = true;
      this.#timer?.refresh();
      this.#push({ kind: 'open' });
    };
    ws.onmessage = (ev: MessageEvent) => {
      if (this.#end !== null) return;
      this.#timer?.refresh();
      this.#o.onFrame?.();
      if (this.#queuedFrames >= this.#o.maxQueuedFrames) {
        this.#finish({
          kind: 'slow-consumer',
          message: `over ${this.#o.maxQueuedFrames} frames waited for the pipeline; the connection was closed and resumes from the cursor`,
        });
        return;
      }
      const data: unknown = ev.data;
      this.#queuedFrames++;
      this.#push({ kind: 'frame', data: typeof data === 'string' || data instanceof ArrayBuffer ? data : String(data) });
    };
    ws.onerror = (ev: Event) => {
      this.#lastError = messageOf(ev) ?? this.#lastError;
    };
    ws.onclose = (ev: CloseEvent) => {
      if (this.#end !== null) return;
      const detail = this.#lastError === null ? '' : `: ${this.#lastError}`;
      if (!this.#opened) {
        const why = detail === '' ? ': the connection was refused or closed before the WebSocket handshake' : detail;
        this.#finish({ kind: 'tcp', message: `could not connect to ${shown(url)}${why} (check jetstreamUrl and the network)` });
      } else {
        const reason = ev.reason === '' ? '' : `: ${ev.reason}`;
        this.#finish({
          kind: ev.code === 1006 ? 'tcp' : 'closed',
          message: ev.code === 1006 ? `the connection to ${shown(url)} dropped${detail}` : `Jetstream closed the connection (code ${ev.code}${reason})`,
        });
      }
    };
  }

  #stalled(): void {
    this.#finish({
      kind: 'stall',
      message: this.#opened
        ? `no frame from ${shown(this.#url)} for ${this.#o.stallTimeoutMs} ms; reconnecting`
        : `${shown(this.#url)} did not open within ${this.#o.stallTimeoutMs} ms`,
    });
  }

  #push(e: ConnectionEvent): void {
    this.#events.push(e);
    const w = this.#waiter;
    this.#waiter = null;
    w?.();
  }

  #finish(error: ConnectionEnd | null): void {
    if (this.#end !== null) return;
    this.#end = { kind: 'end', error };
    if (this.#timer !== null) clearTimeout(this.#timer);
    const ws = this.#ws;
    if (ws !== null) {
      ws.onopen = ws.onmessage = ws.onerror = ws.onclose = null;
      // The server may answer a close or not (a stalled one): either way this end is final.
      ws.onerror = () => undefined;
      if (ws.readyState === WebSocket.CONNECTING || ws.readyState === WebSocket.OPEN) {
        try {
          ws.close(1000);
        } catch {
          // already closing
        }
      }
    }
    this.#push(this.#end);
  }

  #shift(): ConnectionEvent {
    const e = this.#events[this.#head] as ConnectionEvent;
    this.#head++;
    if (this.#head > 1024 && this.#head * 2 > this.#events.length) {
      this.#events = this.#events.slice(this.#head);
      this.#head = 0;
    }
    if (e.kind === 'frame') this.#queuedFrames--;
    else if (e.kind === 'end') this.#endTaken = true;
    return e;
  }

  /** The next event, waiting for it; after `end`, `end` again. */
  async next(): Promise<ConnectionEvent> {
    while (this.#head >= this.#events.length) {
      if (this.#endTaken && this.#end !== null) return this.#end;
      await new Promise<void>((resolve) => (this.#waiter = resolve));
    }
    return this.#shift();
  }

  /** The next frame if one is queued now (never waits, never returns `end`). */
  takeFrame(): string | ArrayBuffer | undefined {
    const e = this.#events[this.#head];
    if (e === undefined || e.kind !== 'frame') return undefined;
    this.#shift();
    return e.data;
  }

  /** Ends the connection (no error); queued frames can still be pulled. */
  close(): void {
    this.#finish(null);
  }
}
