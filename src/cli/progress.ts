import cliProgress from 'cli-progress';

export interface ProgressUpdate {
  /** Units done so far (bytes of a file, mentions…). */
  done: number;
  /** Total units when known. */
  total: number | null;
  /** Items processed (mentions), for the rate. */
  items: number;
}

export interface Progress {
  update(p: ProgressUpdate): void;
  stop(): void;
}

export interface ProgressOptions {
  label: string;
  /** Where progress goes: stderr, so that stdout stays for results and `--json`. */
  stream?: NodeJS.WriteStream;
  /** Plain lines instead of a bar (not a terminal, or `--json`). */
  plain?: boolean;
  /** Seconds between plain lines. */
  intervalSeconds?: number;
  now?: () => number;
}

/**
 * A progress display: a bar with done, rate and ETA on a terminal; otherwise a plain line every
 * few seconds (CI logs, pipes), so long commands never look stuck and never flood a log.
 */
export function createProgress(options: ProgressOptions): Progress {
  const stream = options.stream ?? process.stderr;
  const now = options.now ?? Date.now;
  const started = now();
  const plain = options.plain ?? !stream.isTTY;
  const rate = (items: number): number => items / Math.max((now() - started) / 1000, 0.001);
  const eta = (p: ProgressUpdate): string => {
    if (p.total === null || p.done <= 0) return '?';
    const seconds = ((now() - started) / 1000) * ((p.total - p.done) / p.done);
    return formatDuration(seconds);
  };

  if (plain) {
    const every = (options.intervalSeconds ?? 2) * 1000;
    let last = Number.NEGATIVE_INFINITY;
    let lastUpdate: ProgressUpdate | null = null;
    const line = (p: ProgressUpdate): void => {
      const pct = p.total ? ` (${((100 * p.done) / p.total).toFixed(1)}%)` : '';
      stream.write(
        `${options.label}: ${p.items.toLocaleString('en')} items${pct}, ${Math.round(rate(p.items)).toLocaleString('en')}/s, ETA ${eta(p)}\n`,
      );
    };
    return {
      update(p) {
        lastUpdate = p;
        if (now() - last >= every) {
          last = now();
          line(p);
        }
      },
      stop() {
        if (lastUpdate) line(lastUpdate);
      },
    };
  }

  const bar = new cliProgress.SingleBar(
    {
      format: `${options.label} |{bar}| {percentage}% | {items} items | {rate}/s | ETA {etaText}`,
      stream,
      hideCursor: true,
      fps: 5,
    },
    cliProgress.Presets.shades_classic,
  );
  let startedBar = false;
  return {
    update(p) {
      const payload = { items: p.items.toLocaleString('en'), rate: Math.round(rate(p.items)).toLocaleString('en'), etaText: eta(p) };
      if (!startedBar) {
        bar.start(p.total ?? Math.max(p.done, 1), p.done, payload);
        startedBar = true;
      } else {
        if (p.total !== null) bar.setTotal(p.total);
        else if (p.done > bar.getTotal()) bar.setTotal(p.done);
        bar.update(p.done, payload);
      }
    },
    stop() {
      if (startedBar) bar.stop();
    },
  };
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}
