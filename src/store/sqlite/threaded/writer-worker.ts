// The SQLite writer thread: owns one SqliteStore and runs the requests of a ThreadedSqliteStore
// in the order they were posted, in groups that share one commit.
import { deserialize } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import type { WorkspaceId } from '../../../domain/ids.ts';
import type { Mention } from '../../../domain/mention.ts';
import type { CheckedStepCommit } from '../../alerting-rows.ts';
import type { ClaimOptions } from '../../alerting-types.ts';
import { SqliteStore } from '../sqlite-store.ts';
import { WRITE_OPS, toWire, type Reply, type Request } from './protocol.ts';

if (parentPort === null) throw new Error('writer-worker.ts runs as a worker thread (new Worker), not as a script');
const port = parentPort;
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
  if (req.op === 'claimDueDeliveries') {
    // Rows, not Delivery objects: their JSON columns cross the thread as strings (ThreadedSqliteStore parses them).
    const [now, options] = req.args as [number, ClaimOptions];
    return store.claimDueDeliveryRows(now, options);
  }
  if (req.op === 'commitStep') {
    // ThreadedSqliteStore.commitStep sends the commit already checked and serialised.
    const [ws, checked] = req.args as [WorkspaceId, CheckedStepCommit];
    return store.commitCheckedStep(ws, checked);
  }
  // The arguments were built by ThreadedSqliteStore from the same Store signatures.
  const method = store[req.op] as (...args: unknown[]) => Promise<unknown>;
  return method.apply(store, req.args);
}

// Group commit: the requests that arrived while the previous group was being written run together
// in one transaction (each in its own savepoint, in the order they were posted), and their replies
// go out once it is committed. Under load this turns N small writes (an escalation step is 4–6)
// into one commit; alone, a request is its own group. `migrate` and `close` always run alone.
const queue: Request[] = [];
/** A drain is scheduled or running (there is only ever one). */
let draining = false;

const ALONE: readonly Request['op'][] = ['migrate', 'close'];

async function runAlone(req: Request): Promise<void> {
  try {
    post({ kind: 'done', id: req.id, value: await run(req) });
  } catch (e) {
    post({ kind: 'failed', id: req.id, error: toWire(e) });
  }
  if (req.op === 'close') port.close();
}

async function drain(): Promise<void> {
  try {
    while (queue.length > 0) {
      if (ALONE.includes(queue[0]!.op)) {
        await runAlone(queue.shift()!);
        continue;
      }
      const end = queue.findIndex((r) => ALONE.includes(r.op));
      const group = queue.splice(0, end < 0 ? queue.length : end);
      const settled = await store.writeGroup(group.map((req) => () => run(req)));
      settled.forEach((r, i) => {
        const id = group[i]!.id;
        post(r.status === 'fulfilled' ? { kind: 'done', id, value: r.value } : { kind: 'failed', id, error: toWire(r.reason) });
      });
      // Let the requests posted meanwhile arrive before the next group.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  } finally {
    draining = false;
  }
}

port.on('message', (req: Request) => {
  queue.push(req);
  if (draining) return;
  draining = true;
  setImmediate(() => void drain());
});
