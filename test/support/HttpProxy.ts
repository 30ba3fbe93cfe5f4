import { createServer, request } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the proxy saw of one request. */
export interface SeenRequest {
  readonly method: string;
  /** The request target as sent (path and query). */
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
}

type Matcher = (request: SeenRequest) => boolean;

interface Hold {
  readonly match: Matcher;
  /** Requests that match and are forwarded before holding starts. */
  remaining: number;
  readonly held: { req: IncomingMessage; res: ServerResponse }[];
  readonly reached: Promise<void>;
  reach: () => void;
}

/**
 * An HTTP proxy in front of the emulator for fault tests: it forwards every
 * request unchanged (Host included, so signatures still verify) to a target
 * that may change (an emulator restarted on another port), counts requests,
 * can hold requests from the nth matching one on (so a test kills a client
 * at a known point, without sleeping), and can record response bodies.
 */
export class HttpProxy {
  readonly url: string;
  target: string;
  readonly seen: SeenRequest[] = [];
  /** Response bodies of the requests `record` matched, in order. */
  readonly recorded: { request: SeenRequest; status: number; body: string }[] = [];
  readonly #server: Server;
  #hold: Hold | undefined;
  #record: Matcher = () => false;
  #refuse: { match: Matcher; status: number; code: string } | undefined;
  readonly #completions: { match: Matcher; count: number; wanted: number; done: () => void }[] = [];

  private constructor(server: Server, target: string) {
    this.#server = server;
    this.target = target;
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  static async start(target: string): Promise<HttpProxy> {
    let proxy: HttpProxy | undefined;
    const server = createServer((req, res) => proxy!.#handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    proxy = new HttpProxy(server, target);
    return proxy;
  }

  /** How many requests so far matched. */
  count(match: Matcher): number {
    return this.seen.filter(match).length;
  }

  /** Records the response bodies of matching requests from now on. */
  record(match: Matcher): void {
    this.#record = match;
  }

  /**
   * Forwards `after` more matching requests, then holds every later matching
   * one unanswered. Resolves when the first one is held.
   */
  holdAfter(match: Matcher, after: number): Promise<void> {
    let reach = (): void => {};
    const reached = new Promise<void>((resolve) => {
      reach = resolve;
    });
    this.#hold = { match, remaining: after, held: [], reached, reach };
    return reached;
  }

  /** Answers matching requests with an OSS error of `status` and `code` (as OSS writes one) instead of forwarding them; undefined: forward all again. */
  refuse(match: Matcher | undefined, status = 500, code = 'InternalError'): void {
    this.#refuse = match && { match, status, code };
  }

  /** Resolves once `wanted` more matching requests have had their whole response sent back. */
  completed(match: Matcher, wanted: number): Promise<void> {
    return new Promise((done) => this.#completions.push({ match, count: 0, wanted, done }));
  }

  /** Stops holding; held requests are forwarded (`forward`) or their connections reset (`reset`). */
  release(how: 'forward' | 'reset'): void {
    const hold = this.#hold;
    this.#hold = undefined;
    for (const { req, res } of hold?.held ?? []) {
      if (how === 'forward') this.#forward(req, res);
      else req.socket.destroy();
    }
  }

  async close(): Promise<void> {
    this.release('reset');
    await new Promise<void>((resolve) => {
      this.#server.close(() => resolve());
      this.#server.closeAllConnections();
    });
  }

  #handle(req: IncomingMessage, res: ServerResponse): void {
    const seen: SeenRequest = { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers };
    this.seen.push(seen);
    const refuse = this.#refuse;
    if (refuse?.match(seen)) {
      const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error>\n  <Code>${refuse.code}</Code>\n  <Message>refused by the test proxy</Message>\n  <RequestId>0000000000000000000000AA</RequestId>\n  <HostId>proxy</HostId>\n</Error>\n`;
      req.resume();
      res.writeHead(refuse.status, { 'Content-Type': 'application/xml', 'x-oss-request-id': '0000000000000000000000AA', 'Content-Length': Buffer.byteLength(body) });
      res.end(body);
      return;
    }
    const hold = this.#hold;
    if (hold && hold.match(seen)) {
      if (hold.remaining > 0) hold.remaining--;
      else {
        hold.held.push({ req, res });
        hold.reach();
        return;
      }
    }
    this.#forward(req, res, seen);
  }

  #forward(req: IncomingMessage, res: ServerResponse, seen?: SeenRequest): void {
    const target = new URL(this.target);
    const headers: string[] = [];
    for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) headers.push(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
    const upstream = request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers, agent: false }, (answer) => {
      const record = seen !== undefined && this.#record(seen);
      const chunks: Buffer[] = [];
      res.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
      answer.on('data', (chunk: Buffer) => {
        if (record) chunks.push(chunk);
        res.write(chunk);
      });
      answer.on('end', () => {
        res.end(() => {
          if (seen === undefined) return;
          if (record) this.recorded.push({ request: seen, status: answer.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
          for (const c of this.#completions) {
            if (c.match(seen) && ++c.count === c.wanted) c.done();
          }
        });
      });
      answer.on('error', () => res.destroy());
    });
    // The target is gone (an emulator killed on purpose): the client sees its connection reset.
    upstream.on('error', () => req.socket.destroy());
    req.pipe(upstream);
  }
}
