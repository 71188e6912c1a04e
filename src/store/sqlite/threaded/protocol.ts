import { StoreError, type StoreErrorCode } from '../../store.ts';

/** The Store methods the writer thread runs (every write, plus migrate and close). */
export const WRITE_OPS = [
  'migrate', 'close', 'upsertWorkspace', 'createBrand', 'updateBrand', 'deleteBrand', 'upsertMentions',
  'markDeleted', 'purgeMentionsBefore', 'addSeries', 'addRejects', 'setCheckpoint', 'upsertSignal', 'redactSignalEvidenceBefore',
  'addSentimentCorrection',
  // alerting (AlertingStore)
  'upsertAlert', 'startEscalation', 'advanceEscalation', 'commitStep', 'stopEscalation', 'scheduleTimer', 'claimDueTimers', 'completeTimer', 'releaseTimer',
  'deleteTimer', 'cancelTimers', 'enqueueDelivery', 'claimDueDeliveries', 'markDeliverySent', 'markDeliverySkipped', 'postponeDelivery',
  'markDeliveryFailed', 'requeueDelivery',
] as const;
export type WriteOp = (typeof WRITE_OPS)[number];

/**
 * Main → writer. `upsertMentions` carries its mentions as one v8-serialised buffer (transferred,
 * not copied): cheaper for the main thread than cloning 2,000 nested objects (figures in threaded-store.ts).
 */
export interface Request { id: number; op: WriteOp; args: unknown[] }

/** Writer → main: the first message says whether the SQLite file opened; then one reply per request. */
export type Reply =
  | { kind: 'ready' }
  | { kind: 'open-failed'; error: WireError }
  | { kind: 'done'; id: number; value: unknown }
  | { kind: 'failed'; id: number; error: WireError };

/** An error as it crosses the thread: StoreError keeps its class, code and message. */
export interface WireError { name: string; message: string; code?: StoreErrorCode }

export function toWire(e: unknown): WireError {
  if (e instanceof StoreError) return { name: 'StoreError', message: e.message, code: e.code };
  if (e instanceof Error) return { name: e.name, message: e.message };
  return { name: 'Error', message: String(e) };
}

export function fromWire(w: WireError): Error {
  if (w.name === 'StoreError' && w.code !== undefined) return new StoreError(w.code, w.message);
  const e = new Error(w.message);
  e.name = w.name;
  return e;
}
