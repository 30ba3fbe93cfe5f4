import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Credentials } from '../../oss/Credentials.js';
import type { SecretLookup } from '../../oss/verify/authenticateOssRequest.js';
import type { ObjectStore } from '../ObjectStore.js';
import type { RequestEvidence, RequestObserver, RequestRecord } from '../RequestRecord.js';
import { ConsoleApi, keptJson } from './ConsoleApi.js';
import { ConsoleAssets } from './ConsoleAssets.js';
import { allowedHosts, consoleGuardProblem } from './consoleGuard.js';
import { DEFAULT_HISTORY, RequestHistory } from './RequestHistory.js';
import { RequestFeed } from './RequestFeed.js';

/** Where the console lives on a port. */
export const CONSOLE_PATH = '/-/console';

export interface ConsoleSettings {
  /** A port of its own (0: a free one); on the emulator's port when absent. */
  readonly port?: number | undefined;
  /** How many finished requests to keep (default 1000). */
  readonly history?: number | undefined;
  /** ossduck's version, shown in the page. */
  readonly version?: string | undefined;
}

/** What the console needs of the emulator. */
export interface ConsoleDeps {
  readonly store: ObjectStore;
  readonly lookup: SecretLookup;
  readonly clock: () => number;
  readonly log: (line: string) => void;
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
}

/** Headers on every console response: nothing may frame it, sniff it, or take it cross-origin. */
const COMMON_HEADERS: readonly (readonly [string, string])[] = [
  ['X-Content-Type-Options', 'nosniff'],
  ['Referrer-Policy', 'no-referrer'],
  ['X-Frame-Options', 'DENY'],
  ['Cross-Origin-Resource-Policy', 'same-origin'],
  ['Cross-Origin-Opener-Policy', 'same-origin'],
];
const PAGE_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

function send(res: ServerResponse, status: number, headers: readonly (readonly [string, string])[], body: string | Buffer = ''): void {
  res.statusCode = status;
  for (const [name, value] of [...COMMON_HEADERS, ...headers]) res.setHeader(name, value);
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, [['Content-Type', 'application/json; charset=utf-8'], ['Cache-Control', 'no-store']], JSON.stringify(value));
}

/**
 * The web console of `ossduck serve`: a page of plain ES modules that browses
 * buckets and objects and lists every request as it finishes, with the
 * diagnosis of refused ones. It is a request observer of the emulator (one
 * source with the access log), keeps the last requests in a bounded ring,
 * pushes them as server-sent events, answers only to its own address
 * (no DNS rebinding, no cross-site use) and never shows anything secret.
 */
export class EmulatorConsole implements RequestObserver {
  readonly #settings: ConsoleSettings;
  readonly #deps: ConsoleDeps;
  readonly #history: RequestHistory;
  readonly #feed: RequestFeed;
  readonly #api: ConsoleApi;
  readonly #assets = new ConsoleAssets();
  #hosts: string[] = [];
  #ossAddress: { scheme: 'http' | 'https'; host: string } = { scheme: 'http', host: '' };
  #server: Server | undefined;
  #url: string | undefined;

  constructor(settings: ConsoleSettings, deps: ConsoleDeps) {
    this.#settings = settings;
    this.#deps = deps;
    this.#history = new RequestHistory(settings.history ?? DEFAULT_HISTORY);
    this.#feed = new RequestFeed(this.#history, keptJson);
    const credentials = new Credentials({ accessKeyId: deps.accessKeyId, accessKeySecret: deps.accessKeySecret });
    this.#api = new ConsoleApi({
      store: deps.store,
      history: this.#history,
      account: { accessKeyId: deps.accessKeyId, credentials, lookup: deps.lookup },
      clock: deps.clock,
      ossAddress: () => this.#ossAddress,
      info: () => ({
        version: settings.version ?? null,
        ossUrl: `${this.#ossAddress.scheme}://${this.#ossAddress.host}`,
        consoleUrl: this.#url,
        accessKeyId: deps.accessKeyId,
        history: this.#history.capacity,
        serverTime: new Date(deps.clock()).toISOString(),
      }),
    });
  }

  /** The console's address (`http://127.0.0.1:9000/-/console/`), once started. */
  get url(): string | undefined {
    return this.#url;
  }

  /** Whether a request on the emulator's port is the console's. */
  serves(rawPath: string | undefined): boolean {
    return this.#server === undefined && rawPath !== undefined && (rawPath === CONSOLE_PATH || rawPath.startsWith(`${CONSOLE_PATH}/`));
  }

  /** Starts on its own port, or on the emulator's (`oss`, already listening on `host`). */
  async start(oss: Server, host: string, scheme: 'http' | 'https'): Promise<void> {
    const ossPort = (oss.address() as AddressInfo).port;
    const bracketed = host.includes(':') ? `[${host}]` : host;
    this.#ossAddress = { scheme, host: `${bracketed}:${ossPort}` };
    let port = ossPort;
    if (this.#settings.port !== undefined) {
      const server = createServer({ requestTimeout: 60_000, headersTimeout: 60_000 }, (req, res) => void this.handle(req, res));
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(this.#settings.port, host, () => {
          server.off('error', reject);
          resolve();
        });
      });
      this.#server = server;
      port = (server.address() as AddressInfo).port;
      scheme = 'http';
    }
    this.#hosts = allowedHosts(host, port);
    this.#url = `${scheme}://${bracketed}:${port}${CONSOLE_PATH}/`;
  }

  requestFinished(record: RequestRecord, evidence: RequestEvidence): void {
    this.#feed.publish(this.#history.add(record, evidence));
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      await this.#route(req, res);
    } catch (error) {
      this.#deps.log(`console: ${req.method ?? '?'} ${req.url ?? ''}: internal error ${(error as Error).stack ?? String(error)}`);
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error (see the server log with -v)' });
      else res.destroy();
    }
  }

  async #route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://console');
    const path = url.pathname;
    const problem = consoleGuardProblem(req, this.#hosts, req.method === 'POST');
    if (problem) {
      req.resume();
      send(res, 403, [['Content-Type', 'text/plain; charset=utf-8']], `ossduck console: refused: ${problem}\n`);
      return;
    }
    if (path === '/' || path === CONSOLE_PATH) return send(res, 308, [['Location', `${CONSOLE_PATH}/`]]);
    if (path === `${CONSOLE_PATH}/`) return this.#asset(req, res, 'index.html');
    const asset = new RegExp(`^${CONSOLE_PATH}/assets/([A-Za-z0-9_.-]+)$`).exec(path)?.[1];
    if (asset !== undefined) return this.#asset(req, res, asset);
    if (path === `${CONSOLE_PATH}/api/events`) return this.#feed.subscribe(req, res, COMMON_HEADERS);
    const route = path.startsWith(`${CONSOLE_PATH}/api/`) ? path.slice(`${CONSOLE_PATH}/api/`.length) : undefined;
    if (route === undefined) return sendJson(res, 404, { error: `no such page: ${path}` });
    const answer = await this.#api.answer(route, req, url.searchParams);
    sendJson(res, answer.status, answer.body);
  }

  #asset(req: IncomingMessage, res: ServerResponse, name: string): void {
    const file = this.#assets.get(name);
    if (!file) return sendJson(res, 404, { error: `no such file: ${name}` });
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, [['Allow', 'GET, HEAD']]);
    const headers: [string, string][] = [['ETag', file.etag], ['Cache-Control', 'no-cache']];
    if (name.endsWith('.html')) headers.push(['Content-Security-Policy', PAGE_POLICY]);
    if (req.headers['if-none-match'] === file.etag) return send(res, 304, headers);
    send(res, 200, [...headers, ['Content-Type', file.contentType]], file.body);
  }

  /** Ends the event streams and stops its own port, if it has one. */
  async close(): Promise<void> {
    this.#feed.close();
    const server = this.#server;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }
}
