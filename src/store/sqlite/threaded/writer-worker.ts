// The SQLite writer thread: owns one SqliteStore and runs the requests of a ThreadedSqliteStore
// one at a time, in the order they were posted.
import { deserialize } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import type { Mention } from '../../../domain/mention.ts';
import { SqliteStore } from '../sqlite-store.ts';
import { WRITE_OPS, toWire, type Reply, type Request } from './protocol.ts';

const port = parentPort;
if (port === null) throw new Error('writer-worker.ts runs as a worker thread (new Worker), not as a script');
const post = (r: Reply): void => port.postMessage(r);

let store: SqliteStore;
try {
  store = new SqliteStore((workerData as { path: string }).path);
  post({ kind: 'ready' });
} catch (e) {
  post({ kind: 'open-failed', error: toWire(e) });
  process.exit(0);
}

async function run(req: Request): Promise<unknown> {
  if (!WRITE_OPS.includes(req.op)) throw new Error(`writer thread: unknown operation ${String(req.op)}`);
  if (req.op === 'upsertMentions') {
    const [ws, payload] = req.args as [Parameters<SqliteStore['upsertMentions']>[0], Uint8Array];
    return store.upsertMentions(ws, deserialize(payload) as Mention[]);
  }
  // The arguments were built by ThreadedSqliteStore from the same Store signatures.
  const method = store[req.op] as (...args: unknown[]) => Promise<unknown>;
  return method.apply(store, req.args);
}

// Requests run strictly one after the other (SqliteStore is synchronous inside, but the chain
// keeps the order even if a method ever awaits).
let chain: Promise<void> = Promise.resolve();
port.on('message', (req: Request) => {
  chain = chain.then(async () => {
    try {
      const value = await run(req);
      post({ kind: 'done', id: req.id, value });
    } catch (e) {
      post({ kind: 'failed', id: req.id, error: toWire(e) });
    }
    if (req.op === 'close') port.close();
  });
});
