import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { Duplex } from 'node:stream';
import { OssServiceError } from '../oss/verify/OssServiceError.js';
import { newRequestId } from './newRequestId.js';
import { SlowClientGuard, emulatorTimeouts, serverTimeoutOptions } from './SlowClientGuard.js';
import type { EmulatorTimeouts } from './SlowClientGuard.js';

export interface EmulatorServerSettings {
  /** Serve HTTPS with this key and certificate instead of HTTP. */
  readonly tls?: { readonly key: string | Buffer; readonly cert: string | Buffer };
  readonly timeouts?: Partial<EmulatorTimeouts>;
  readonly latencyMs?: number;
}

/**
 * The emulator's HTTP (or HTTPS) server, not yet listening: Node's limits and
 * the slow-client guard from the timeouts (an unknown or bad one is an error),
 * CONNECT answered with OSS's 405, and a malformed or timed-out request
 * answered with 400 or 408 before the connection closes.
 */
export function createEmulatorServer(
  settings: EmulatorServerSettings,
  log: (line: string) => void,
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
): Server {
  const timeouts = emulatorTimeouts(settings);
  const serverOptions = serverTimeoutOptions(timeouts);
  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    guard.watch(req);
    void handle(req, res);
  };
  const server: Server = settings.tls
    ? createTlsServer({ ...serverOptions, key: settings.tls.key, cert: settings.tls.cert }, listener)
    : createServer(serverOptions, listener);
  const guard = new SlowClientGuard(server, timeouts, log);
  // CONNECT is not an OSS method; Node hands it here rather than to the request handler, and would drop the connection unanswered.
  server.on('connect', (req: IncomingMessage, socket: Duplex) => {
    const requestId = newRequestId();
    const xml = OssServiceError.methodNotAllowed('CONNECT', 'Service', 'GET, HEAD, PUT, DELETE, POST').toXml(requestId, req.headers.host ?? '');
    log(`CONNECT refused ${requestId}`);
    socket.end(
      `HTTP/1.1 405 Method Not Allowed\r\nServer: AliyunOSS\r\nx-oss-request-id: ${requestId}\r\nContent-Type: application/xml\r\n` +
        `Content-Length: ${Buffer.byteLength(xml)}\r\nConnection: close\r\n\r\n${xml}`,
    );
  });
  server.on('clientError', (error, socket) => {
    log(`client error: ${(error as Error).message}`);
    const status = (error as NodeJS.ErrnoException).code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : '400 Bad Request';
    if (socket.writable) socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    else socket.destroy();
  });
  return server;
}
