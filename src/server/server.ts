import http from 'node:http';
import type { Socket } from 'node:net';
import { createExplorerHandler, type ExplorerHandlerOptions } from './handler';

export interface ExplorerServerOptions extends ExplorerHandlerOptions {
  /** Port to listen on; 0 picks a free one. */
  port: number;
  /** Interface to bind; loopback by default so nobody else on the network can use the proxy. */
  host?: string;
}

export interface RunningExplorerServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Starts the explorer server (static build + proxy + config) and resolves once it listens. */
export function startExplorerServer(options: ExplorerServerOptions): Promise<RunningExplorerServer> {
  const handler = createExplorerHandler(options);
  const server = http.createServer((req, res) => handler.handle(req, res));
  // Malformed request lines or headers: answer 400 when the socket still allows it, never throw.
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    if (socket.writable && !socket.destroyed && err.code !== 'ECONNRESET') {
      const body = JSON.stringify({
        error: 'bad-request',
        message: `Malformed HTTP request (${err.code ?? 'error'}).`,
      });
      socket.end(
        `HTTP/1.1 400 Bad Request\r\nContent-Type: application/json; charset=utf-8\r\nX-Explorer-Proxy-Error: bad-request\r\n` +
          `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
    } else {
      socket.destroy();
    }
  });
  const host = options.host ?? '127.0.0.1';
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : options.port;
      const shownHost =
        host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
      resolve({
        url: `http://${shownHost}:${port}`,
        port,
        close: () =>
          new Promise<void>((done) => {
            handler.close();
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
