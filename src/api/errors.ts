import type { z } from 'zod';
import { StoreError, type StoreErrorCode } from '../store/store.ts';

/** The fixed list of error codes the API answers with, and their HTTP status. */
export const ERROR_STATUS = {
  bad_request: 400,
  not_found: 404,
  conflict: 409,
  unprocessable: 422,
  unavailable: 503,
  internal: 500,
} as const;

export type ApiErrorCode = keyof typeof ERROR_STATUS;
export type ApiErrorStatus = (typeof ERROR_STATUS)[ApiErrorCode];

/** The body of every error response. */
export interface ApiErrorBody {
  error: { code: ApiErrorCode; message: string; details: unknown };
}

/** An error a handler throws on purpose; its message is shown to the client. */
export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly details: unknown;
  constructor(code: ApiErrorCode, message: string, details: unknown = null) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.details = details;
  }
  get status(): ApiErrorStatus {
    return ERROR_STATUS[this.code];
  }
  toBody(): ApiErrorBody {
    return { error: { code: this.code, message: this.message, details: this.details } };
  }
}

const STORE_CODES: Record<StoreErrorCode, ApiErrorCode> = {
  conflict: 'conflict',
  not_found: 'not_found',
  invalid: 'bad_request',
  unavailable: 'unavailable',
};

/** A StoreError becomes the ApiError of the same meaning; anything else is not known here. */
export function fromStoreError(err: unknown): ApiError | null {
  if (err instanceof StoreError) return new ApiError(STORE_CODES[err.code], err.message);
  return null;
}

/** A 400 whose details name each bad parameter and what is wrong with it. */
export function fromZodError(err: z.ZodError, where: 'query' | 'path' | 'body'): ApiError {
  const details = err.issues.map((i) => {
    const parameter =
      i.code === 'unrecognized_keys' ? i.keys.join(', ') : i.path.length > 0 ? i.path.map(String).join('.') : null;
    const message = i.code === 'unrecognized_keys' ? 'unknown parameter' : i.message;
    return { parameter, in: where, message };
  });
  const summary = details.map((d) => (d.parameter === null ? d.message : `${d.parameter}: ${d.message}`)).join('; ');
  return new ApiError('bad_request', `invalid ${where} parameters: ${summary}`, details);
}
