import type { IncomingMessage, Server, ServerOptions } from 'node:http';
import { OssError } from '../oss/OssError.js';

/**
 * How long the emulator waits on a client. A client that is slower than this
 * is cut off, so no number of slow or stalled connections can hold the
 * server's sockets and open files (slowloris).
 */
export interface EmulatorTimeouts {
  /** The request line and headers must arrive within this many ms (Node answers 408 and closes). */
  readonly headersMs: number;
  /**
   * A request body must arrive at no less than `bodyMinBytesPerSecond`,
   * measured over each `bodyWindowMs`; a slower upload is cut off (the
   * stored object stays as it was). Time the emulator itself holds the body
   * back (a traffic limit, a full buffer) does not count.
   */
  readonly bodyMinBytesPerSecond: number;
  readonly bodyWindowMs: number;
  /** A connection with no bytes moving either way for this many ms is closed (a client that stopped reading a download, say). */
  readonly idleMs: number;
}

export const DEFAULT_TIMEOUTS: EmulatorTimeouts = {
  headersMs: 60_000,
  bodyMinBytesPerSecond: 1024,
  bodyWindowMs: 20_000,
  idleMs: 120_000,
};

/**
 * The emulator's timeouts: the defaults with the options' values over them.
 * An unknown name, or a value that is not a positive number, is an error
 * naming it (as is a latency that is not a number of ms from 0).
 */
export function emulatorTimeouts(options: { readonly timeouts?: Partial<EmulatorTimeouts>; readonly latencyMs?: number }): EmulatorTimeouts {
  for (const [name, value] of Object.entries(options.timeouts ?? {})) {
    if (!(name in DEFAULT_TIMEOUTS)) throw OssError.invalidArgument(`unknown emulator timeout '${name}'; known: ${Object.keys(DEFAULT_TIMEOUTS).join(', ')}`);
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
      throw OssError.invalidArgument(`emulator timeout ${name} must be a positive number of ms (bytes per second for the rate), got ${String(value)}`);
    }
  }
  const latency = options.latencyMs;
  if (latency !== undefined && (!Number.isFinite(latency) || latency < 0)) throw OssError.invalidArgument(`emulator latency must be 0 or more ms, got ${String(latency)}`);
  return { ...DEFAULT_TIMEOUTS, ...options.timeouts };
}

/**
 * Node's own limits from the timeouts: headers in time, no limit on the
 * whole request (a 5 GB upload on a slow link is legitimate; the body rate
 * floor guards uploads instead), and the timers checked often enough for
 * short test values.
 */
export function serverTimeoutOptions(timeouts: EmulatorTimeouts): ServerOptions {
  return {
    headersTimeout: timeouts.headersMs,
    requestTimeout: 0,
    connectionsCheckingInterval: Math.max(10, Math.min(30_000, Math.floor(timeouts.headersMs / 4))),
  };
}

/** Whether a request announces a body (Content-Length above 0, or a Transfer-Encoding). */
export function announcesBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/**
 * Cuts off slow clients: idle connections on the server, and each request
 * body that arrives slower than the floor. `watch` is called for every
 * request; it costs one timer per request still receiving its body.
 */
export class SlowClientGuard {
  readonly #timeouts: EmulatorTimeouts;
  readonly #log: (line: string) => void;

  constructor(server: Server, timeouts: EmulatorTimeouts, log: (line: string) => void) {
    this.#timeouts = timeouts;
    this.#log = log;
    // With a listener, Node leaves the socket to us: it is destroyed here, and logged.
    server.setTimeout(timeouts.idleMs, (socket) => {
      log(`closing a connection idle for ${timeouts.idleMs} ms`);
      socket.destroy();
    });
  }

  /** Watches the body of `req` until it has fully arrived or the connection ends. */
  watch(req: IncomingMessage): void {
    if (req.complete || !announcesBody(req)) return;
    const { bodyMinBytesPerSecond, bodyWindowMs } = this.#timeouts;
    const floor = (bodyMinBytesPerSecond * bodyWindowMs) / 1000;
    const socket = req.socket;
    let mark = socket.bytesRead;
    const timer = setInterval(() => {
      if (req.complete || socket.destroyed) return stop();
      const received = socket.bytesRead - mark;
      mark = socket.bytesRead;
      // The emulator holding the body back (a traffic limit, a buffer it has not drained) is not the client's slowness.
      if (req.isPaused() || req.readableLength >= req.readableHighWaterMark) return;
      if (received < floor) {
        this.#log(`${req.method ?? ''} ${req.url?.split('?')[0] ?? ''}: body arriving at ${Math.round((received * 1000) / bodyWindowMs)} B/s, under ${bodyMinBytesPerSecond} B/s: connection closed`);
        socket.destroy();
        stop();
      }
    }, bodyWindowMs);
    timer.unref();
    const stop = (): void => {
      clearInterval(timer);
      req.off('end', stop);
      socket.off('close', stop);
    };
    req.once('end', stop);
    socket.once('close', stop);
  }
}
