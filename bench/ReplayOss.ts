import { createServer, request } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Worker } from 'node:worker_threads';

interface Recorded {
  readonly status: number;
  readonly headers: Record<string, string | string[]>;
  readonly body: Buffer;
}

/**
 * An OSS stand-in whose server side costs nothing: while recording it
 * forwards each request to `target` (`ossduck serve`, which verifies it)
 * and keeps the answer by method and request target; once `replay()` is
 * called it answers each request it has seen with the recorded bytes after
 * `latencyMs`, and any other with 502. A bench uses it to measure a client
 * against a network round trip alone, where the emulator's own work per
 * request (file-system calls for each listed object) would otherwise bound
 * both sides.
 */
export class ReplayOss {
  readonly url: string;
  readonly #server: Server;
  readonly #target: URL;
  readonly #latencyMs: number;
  readonly #recorded = new Map<string, Recorded>();
  #replaying = false;

  private constructor(server: Server, target: string, latencyMs: number) {
    this.#server = server;
    this.#target = new URL(target);
    this.#latencyMs = latencyMs;
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  static async start(target: string, latencyMs: number): Promise<ReplayOss> {
    let replay: ReplayOss | undefined;
    const server = createServer((req, res) => replay!.#handle(req, res));
    server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    replay = new ReplayOss(server, target, latencyMs);
    return replay;
  }

  /** How many distinct requests were recorded. */
  get size(): number {
    return this.#recorded.size;
  }

  replay(): void {
    this.#replaying = true;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.#server.close(() => resolve());
      this.#server.closeAllConnections();
    });
  }

  #handle(req: IncomingMessage, res: ServerResponse): void {
    const key = `${req.method} ${req.url}`;
    if (this.#replaying) {
      req.resume();
      const found = this.#recorded.get(key);
      setTimeout(() => {
        if (!found) {
          res.writeHead(502, { 'Content-Type': 'text/plain' });
          res.end(`not recorded: ${key}\n`);
          return;
        }
        res.writeHead(found.status, found.headers);
        res.end(found.body);
      }, this.#latencyMs);
      return;
    }
    const upstream = request(
      { host: this.#target.hostname, port: this.#target.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => {
          const body = Buffer.concat(chunks);
          const headers: Record<string, string | string[]> = {};
          for (const [name, value] of Object.entries(answer.headers)) if (value !== undefined && name !== 'connection' && name !== 'keep-alive') headers[name] = value;
          const recorded = { status: answer.statusCode ?? 502, headers, body };
          if (recorded.status === 200) this.#recorded.set(key, recorded);
          res.writeHead(recorded.status, headers);
          res.end(body);
        });
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  }
}

/** ReplayOss on a worker thread (bench/replayWorker.mjs, then .ts), driven from the bench's thread. */
export class ReplayOssThread {
  readonly url: string;
  readonly #worker: Worker;

  private constructor(worker: Worker, url: string) {
    this.#worker = worker;
    this.url = url;
  }

  static start(target: string, latencyMs: number): Promise<ReplayOssThread> {
    const worker = new Worker(new URL('./replayWorker.mjs', import.meta.url), { workerData: { target, latencyMs } });
    return new Promise((resolve, reject) => {
      worker.once('error', reject);
      worker.once('message', (message: { url: string }) => resolve(new ReplayOssThread(worker, message.url)));
    });
  }

  /** Switches to replaying; resolves with how many answers were recorded. */
  replay(): Promise<number> {
    return new Promise((resolve) => {
      this.#worker.once('message', (message: { replaying: number }) => resolve(message.replaying));
      this.#worker.postMessage('replay');
    });
  }

  async close(): Promise<void> {
    this.#worker.postMessage('close');
    await new Promise((resolve) => this.#worker.once('exit', resolve));
  }
}
