import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';

export interface RunningServer {
  /** The port actually bound (useful with port 0). */
  port: number;
  /** Base URL, such as http://127.0.0.1:8080. */
  url: string;
  /** Stops accepting connections, closes idle ones and resolves when the server is closed. */
  close(): Promise<void>;
}

/** Serves the app over HTTP; port 0 picks a free port. Rejects if the address cannot be bound. */
export function startServer(app: Hono, options: { host: string; port: number }): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname: options.host, port: options.port }, (info: AddressInfo) => {
      server.off('error', onError);
      const host = info.address.includes(':') ? `[${info.address}]` : info.address;
      resolve({
        port: info.port,
        url: `http://${host}:${info.port}`,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((err) => (err ? fail(err) : done()));
            if ('closeIdleConnections' in server) server.closeIdleConnections();
          }),
      });
    });
    const onError = (err: Error): void => {
      const code = (err as NodeJS.ErrnoException).code;
      const hint = code === 'EADDRINUSE' ? ' (the port is in use: choose another with http.port or VIGIE_PORT)' : '';
      reject(new Error(`cannot listen on ${options.host}:${options.port}: ${err.message}${hint}`, { cause: err }));
    };
    server.once('error', onError);
  });
}
