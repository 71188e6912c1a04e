import { StoreError } from './store.ts';

/** Where a page of newest-first mentions ended: the last item's createdAt and id. */
export interface CursorPosition {
  createdAt: number;
  id: string;
}

/** An opaque keyset cursor: base64url of JSON [createdAt, id]. */
export function encodeCursor(pos: CursorPosition): string {
  return Buffer.from(JSON.stringify([pos.createdAt, pos.id]), 'utf8').toString('base64url');
}

/** Decodes a cursor from `encodeCursor`; anything else is StoreError('invalid'). */
export function decodeCursor(cursor: string): CursorPosition {
  const bad = (): StoreError =>
    new StoreError('invalid', `malformed cursor ${JSON.stringify(cursor.slice(0, 60))}: pass the nextCursor of the previous page unchanged`);
  if (!/^[A-Za-z0-9_-]{1,2000}$/.test(cursor)) throw bad();
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  if (!Array.isArray(value) || value.length !== 2) throw bad();
  const [createdAt, id] = value as unknown[];
  if (typeof createdAt !== 'number' || !Number.isSafeInteger(createdAt) || typeof id !== 'string') throw bad();
  return { createdAt, id };
}
