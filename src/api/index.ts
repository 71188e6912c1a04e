export { createApp } from './app.ts';
export { startServer, type RunningServer } from './server.ts';
export type { ApiDeps } from './deps.ts';
export { ApiError, ERROR_STATUS, type ApiErrorCode, type ApiErrorBody } from './errors.ts';
