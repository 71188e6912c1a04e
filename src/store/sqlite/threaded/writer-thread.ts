import { Worker } from 'node:worker_threads';
import { StoreError } from '../../store.ts';
import { fromWire, type Reply, type WriteOp } from './protocol.ts';

interface Pending { resolve(value: unknown): void; reject(e: Error): void }

/**
 * The main side of the SQLite writer thread: posts requests, matches replies by id. The worker
 * keeps the process alive only while requests are pending (like a plain SqliteStore, a store that
 * is idle does not stop the process from exiting).
 */
export class WriterThread {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  /** Set once the thread is gone: every later call fails with it. */
  private dead: StoreError | null = null;
  private closing: Promise<void> | null = null;

  private constructor(worker: Worker) {
    this.worker = worker;
  }

  /** Starts the thread and waits until it has opened the SQLite file (or failed to). */
  static async start(path: string): Promise<WriterThread> {
    // Without limits the thread's heap grew lazily to ~+150 MB of RSS on the ingest bench; with
    // these, +40 MB over the plain store (batches of 2,000 need a few MB; 10,000 pass the contract).
    const resourceLimits = { maxYoungGenerationSizeMb: 32, maxOldGenerationSizeMb: 192 };
    const worker = new Worker(new URL('./writer-worker.ts', import.meta.url), {
      workerData: { path },
      resourceLimits,
      // The thread inherits the process's flags, but `node --input-type=… -e` would make it refuse its file entry.
      ...(process.execArgv.some((a) => a.startsWith('--input-type')) ? { execArgv: [] } : {}),
    });
    let onMessage: ((r: Reply) => void) | undefined;
    let onError: ((e: Error) => void) | undefined;
    let onExit: ((code: number) => void) | undefined;
    const first = await new Promise<Reply>((resolve, reject) => {
      onMessage = resolve;
      onError = reject;
      onExit = (code) => reject(new Error(`exited with code ${code}`));
      worker.once('message', onMessage).once('error', onError).once('exit', onExit);
    }).catch((e: unknown) => {
      throw new StoreError('unavailable', `cannot start the SQLite writer thread for ${path}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    }).finally(() => {
      // Not removeAllListeners(): the Worker keeps internal listeners of its own.
      worker.off('message', onMessage!).off('error', onError!).off('exit', onExit!);
    });
    if (first.kind === 'open-failed') {
      await worker.terminate();
      throw fromWire(first.error);
    }
    return new WriterThread(worker).listen();
  }

  private listen(): this {
    this.worker.unref();
    this.worker.on('message', (r: Reply) => {
      if (r.kind !== 'done' && r.kind !== 'failed') return;
      const p = this.pending.get(r.id);
      if (p === undefined) return;
      this.pending.delete(r.id);
      if (this.pending.size === 0) this.worker.unref();
      if (r.kind === 'done') p.resolve(r.value);
      else p.reject(fromWire(r.error));
    });
    this.worker.on('error', (e) => this.fail(`failed: ${e.message}`));
    this.worker.on('exit', (code) => this.fail(`stopped (exit code ${code})`));
    return this;
  }

  private fail(why: string): void {
    this.dead ??= new StoreError('unavailable', `the SQLite writer thread ${why}; writes not acknowledged were not stored: reopen the store`);
    for (const p of this.pending.values()) p.reject(this.dead);
    this.pending.clear();
  }

  /** Posts one request; `transfer` hands buffers over without copying them. */
  call<T>(op: WriteOp, args: unknown[], transfer: ArrayBuffer[] = []): Promise<T> {
    if (this.dead !== null) return Promise.reject(this.dead);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      if (this.pending.size === 1) this.worker.ref();
      try {
        this.worker.postMessage({ id, op, args }, transfer);
      } catch (e) {
        this.pending.delete(id);
        if (this.pending.size === 0) this.worker.unref();
        reject(new StoreError('invalid', `cannot send ${op} to the SQLite writer thread: ${e instanceof Error ? e.message : String(e)}`, { cause: e }));
      }
    });
  }

  /** Closes the SQLite file in the thread after the pending requests, then stops the thread. */
  close(): Promise<void> {
    this.closing ??= this.closeOnce();
    return this.closing;
  }

  private async closeOnce(): Promise<void> {
    if (this.dead !== null) return;
    try {
      // Requests run in order: this one runs after every write posted before it.
      await this.call<void>('close', []);
    } finally {
      this.dead = new StoreError('unavailable', 'the SQLite store is closed');
      await this.worker.terminate();
    }
  }

  /** For tests: stops the thread abruptly, as a crash would. */
  async kill(): Promise<void> {
    await this.worker.terminate();
  }
}
