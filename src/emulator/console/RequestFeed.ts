import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KeptRequest, RequestHistory } from './RequestHistory.js';

/** A comment line this often keeps idle connections (and proxies' timers) alive. */
const HEARTBEAT_MS = 15_000;
/** A subscriber whose unsent events pass this many bytes is dropped; its browser reconnects and resumes from its last id. */
const MAX_BACKLOG_BYTES = 1024 * 1024;

/**
 * The live request list as server-sent events: each finished request is one
 * `request` event whose id is the server's run and the request's sequence number. A new subscriber first
 * gets a `hello` event naming the server's run, then the kept requests
 * after the id it last saw (`Last-Event-ID`, which browsers send when they
 * reconnect), so a reconnect loses nothing still kept. Slow subscribers are dropped rather than buffered without bound.
 */
export class RequestFeed {
  readonly #history: RequestHistory;
  readonly #render: (kept: KeptRequest) => unknown;
  readonly #subscribers = new Set<ServerResponse>();
  /** Names this server's run: a page that reconnects to a restarted server sees another one and starts afresh. */
  readonly #instance = randomUUID().slice(0, 8);
  #heartbeat: NodeJS.Timeout | undefined;
  #corked = false;

  /** `render` turns a kept request into the event's JSON value (it must hold nothing secret). */
  constructor(history: RequestHistory, render: (kept: KeptRequest) => unknown) {
    this.#history = history;
    this.#render = render;
  }

  subscribe(req: IncomingMessage, res: ServerResponse, headers: readonly (readonly [string, string])[]): void {
    // Ids are `<run>.<seq>`: an id of another run (the server restarted) replays everything kept.
    const [run, seq] = String(req.headers['last-event-id'] ?? '').split('.');
    const lastId = run === this.#instance ? Number(seq) : 0;
    for (const [name, value] of headers) res.setHeader(name, value);
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Accel-Buffering', 'no');
    res.writeHead(200);
    res.write(`retry: 1000\nevent: hello\ndata: ${JSON.stringify({ instance: this.#instance, capacity: this.#history.capacity })}\n\n`);
    for (const kept of this.#history.after(Number.isSafeInteger(lastId) && lastId > 0 ? lastId : 0)) this.#send(res, this.#event(kept));
    if (this.#corked) res.cork();
    this.#subscribers.add(res);
    res.on('close', () => this.#subscribers.delete(res));
    this.#heartbeat ??= setInterval(() => {
      for (const subscriber of this.#subscribers) subscriber.write(': keep-alive\n\n');
    }, HEARTBEAT_MS).unref();
  }

  publish(kept: KeptRequest): void {
    if (this.#subscribers.size === 0) return;
    const event = this.#event(kept);
    // Events of one turn of the event loop leave in one write per subscriber.
    if (!this.#corked) {
      this.#corked = true;
      for (const subscriber of this.#subscribers) subscriber.cork();
      setImmediate(() => {
        this.#corked = false;
        for (const subscriber of this.#subscribers) subscriber.uncork();
      });
    }
    for (const subscriber of this.#subscribers) this.#send(subscriber, event);
  }

  #event(kept: KeptRequest): string {
    return `id: ${this.#instance}.${kept.seq}\nevent: request\ndata: ${JSON.stringify(this.#render(kept))}\n\n`;
  }

  #send(res: ServerResponse, event: string): void {
    if (res.writableLength > MAX_BACKLOG_BYTES) {
      this.#subscribers.delete(res);
      res.destroy();
      return;
    }
    res.write(event);
  }

  /** Ends every subscription (the server is closing). */
  close(): void {
    clearInterval(this.#heartbeat);
    this.#heartbeat = undefined;
    for (const subscriber of this.#subscribers) subscriber.end();
    this.#subscribers.clear();
  }

  get subscribers(): number {
    return this.#subscribers.size;
  }
}
