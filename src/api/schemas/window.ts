import { ApiError } from '../errors.ts';

/** Checks that a time window is not empty or inverted; the error names `to`. */
export function checkWindow(from: number | undefined, to: number | undefined): void {
  if (from !== undefined && to !== undefined && to <= from) {
    const message = `"to" (${iso(to)}) must be after "from" (${iso(from)})`;
    throw new ApiError('bad_request', `invalid query parameters: to: ${message}`, [{ parameter: 'to', in: 'query', message }]);
  }
}

function iso(t: number): string {
  const d = new Date(t);
  return Number.isFinite(d.getTime()) ? d.toISOString() : String(t);
}
