import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { setTimeout as delay } from 'node:timers/promises';
import { parseQuery } from '../oss/signing/QueryParam.js';
import type { SecretLookup } from '../oss/verify/authenticateOssRequest.js';
import { HttpExchange } from './HttpExchange.js';
import { ObjectStore } from './ObjectStore.js';
import { OssHandler } from './OssHandler.js';
import { OssServiceError } from '../oss/verify/OssServiceError.js';
import { rawPathOf } from './resolveTarget.js';
import { RequestMeter } from './RequestMeter.js';
import type { RequestObserver } from './RequestRecord.js';
import { EmulatorConsole } from './console/EmulatorConsole.js';
import type { ConsoleSettings } from './console/EmulatorConsole.js';
import { SlowClientGuard, emulatorTimeouts, serverTimeoutOptions } from './SlowClientGuard.js';
import type { EmulatorTimeouts } from './SlowClientGuard.js';
import { StsService } from './StsService.js';
import type { RpcParam } from './RpcSignature.js';
import { grantProblem } from '../oss/verify/TemporaryToken.js';
import { TemporaryCredentialIssuer } from './TemporaryCredentialIssuer.js';

export interface EmulatorOptions {
  /** The storage root: each top-level folder is a bucket, each file below it an object. Created if missing. */
  readonly root: string;
  /** TCP port; 0 (the default) picks a free one. */
  readonly port?: number;
  /** Interface to listen on; 127.0.0.1 by default. */
  readonly host?: string;
  /** The one account's AccessKey pair, for OSS requests and STS AssumeRole. */
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  /** Epoch milliseconds; tests inject one to move time (expiry, skew). Date.now by default. */
  readonly clock?: () => number;
  /** Region id reported for buckets (`cn-hangzhou` by default). Signatures of any region are accepted. */
  readonly region?: string;
  /** The account id shown as object and bucket owner (digits). */
  readonly accountId?: string;
  /** One line per request and per anomaly; never receives secrets, signatures or tokens. */
  readonly log?: (line: string) => void;
  /**
   * Serve HTTPS with this key and certificate instead of HTTP. For clients
   * that cannot be told to use http, such as `@alicloud/credentials`'
   * RAMRoleARNCredentialsProvider (it always calls `https://<stsEndpoint>/`);
   * the client process must trust the certificate (NODE_EXTRA_CA_CERTS).
   */
  readonly tls?: { readonly key: string | Buffer; readonly cert: string | Buffer };
  /** How long to wait on slow clients (defaults: DEFAULT_TIMEOUTS); tests give short ones. */
  readonly timeouts?: Partial<EmulatorTimeouts>;
  /** A fixed delay, in ms, before every request is answered: a stand-in for a network's round trip. */
  readonly latencyMs?: number;
  /** Told of every finished OSS and STS request (the access log, for one); a throwing observer is logged and skipped. */
  readonly observers?: readonly RequestObserver[];
  /** Serve the web console (`/-/console/` on this port, or on its own port); off when absent. */
  readonly console?: ConsoleSettings;
}

/** Largest STS request body read (AssumeRole forms are small). */
const MAX_STS_BODY = 64 * 1024;

function newRequestId(): string {
  return randomBytes(12).toString('hex').toUpperCase();
}

function formParams(body: Buffer): RpcParam[] {
  return parseQuery(body.toString('utf8')).map(([name, value]) => [name, value ?? ''] as const);
}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * A local Alibaba Cloud OSS and STS on one HTTP port, backed by a folder.
 *
 * OSS: Put/Get (Range, response-* overrides, conditions, versionId, traffic
 * limit)/Head/Delete object, ListObjects and ListObjectsV2, ListBuckets,
 * PutBucket/DeleteBucket, GetBucketInfo/Location/Acl, Put/GetBucketVersioning,
 * path-style and virtual-hosted addressing, and
 * every request's V1 or V4 signature (header or query form) checked as OSS
 * checks it, with OSS's XML errors.
 *
 * STS: AssumeRole (RPC HMAC-SHA1 by query or form, and ACS3-HMAC-SHA256)
 * on the same port; a request is STS when it names an `Action` (query or
 * form body to `/`) or carries `x-acs-action`. Issued tokens are checked on
 * every OSS request that carries one; they are held nowhere (see
 * TemporaryCredentialIssuer), so restarting the emulator invalidates them.
 */
export class OssEmulator {
  readonly port: number;
  readonly ossUrl: string;
  readonly stsUrl: string;
  /** The web console's address, when it is on. */
  readonly consoleUrl: string | undefined;
  readonly #server: Server;
  readonly #console: EmulatorConsole | undefined;

  private constructor(server: Server, host: string, scheme: 'http' | 'https', console: EmulatorConsole | undefined) {
    this.#server = server;
    this.#console = console;
    this.port = (server.address() as AddressInfo).port;
    const hostPart = host.includes(':') ? `[${host}]` : host;
    this.ossUrl = `${scheme}://${hostPart}:${this.port}`;
    this.stsUrl = this.ossUrl;
    this.consoleUrl = console?.url;
  }

  static async start(options: EmulatorOptions): Promise<OssEmulator> {
    const clock = options.clock ?? Date.now;
    const log = options.log ?? ((): void => {});
    const host = options.host ?? '127.0.0.1';
    const store = await ObjectStore.open(options.root, clock, log);
    const issuer = new TemporaryCredentialIssuer();
    const accountId = options.accountId ?? '1234567890123456';
    const lookup: SecretLookup = (accessKeyId, token, nowMs) => {
      if (token === undefined || token === '') {
        return accessKeyId === options.accessKeyId ? options.accessKeySecret : OssServiceError.invalidAccessKeyId(accessKeyId);
      }
      const grant = issuer.verify(token);
      if (!grant) return OssServiceError.invalidSecurityToken();
      return grantProblem(grant, accessKeyId, nowMs) ?? issuer.secretOf(accessKeyId);
    };
    const oss = new OssHandler({
      store,
      lookup,
      owner: { id: accountId, displayName: accountId },
      region: options.region ?? 'cn-hangzhou',
      log,
    });
    const sts = new StsService({ accessKeyId: options.accessKeyId, accessKeySecret: options.accessKeySecret, accountId }, issuer);
    const web = options.console ? new EmulatorConsole(options.console, { store, lookup, clock, log, accessKeyId: options.accessKeyId, accessKeySecret: options.accessKeySecret }) : undefined;
    const observers = [...(options.observers ?? []), ...(web ? [web] : [])];

    const timeouts = emulatorTimeouts(options);
    const serverOptions = serverTimeoutOptions(timeouts);
    const listener = (req: IncomingMessage, res: ServerResponse): void => {
      void handle(req, res);
    };
    const server: Server = options.tls
      ? createTlsServer({ ...serverOptions, key: options.tls.key, cert: options.tls.cert }, listener)
      : createServer(serverOptions, listener);
    const guard = new SlowClientGuard(server, timeouts, log);
    const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
      guard.watch(req);
      const requestTarget = req.url ?? '/';
      const rawPath = rawPathOf(requestTarget);
      // The console is not OSS: never delayed, never recorded.
      if (web?.serves(rawPath)) return web.handle(req, res);
      const meter = new RequestMeter(req);
      if (options.latencyMs) await delay(options.latencyMs);
      const ex = new HttpExchange(req, res, newRequestId(), clock());
      let service: 'oss' | 'sts' = 'oss';
      const q = requestTarget.indexOf('?');
      const rawQuery = q < 0 ? '' : requestTarget.slice(q + 1);
      try {
        if (rawPath === undefined) {
          ex.sendError(OssServiceError.invalidUri());
        } else if (isStsRequest(ex, rawPath, rawQuery)) {
          service = 'sts';
          await handleSts(ex, rawPath, rawQuery);
        } else {
          await oss.handle(ex, rawPath, rawQuery);
        }
      } catch (error) {
        log(`${ex.method} ${rawPath ?? '(unreadable request target)'}: internal error ${(error as Error).stack ?? String(error)}`);
        if (!res.headersSent) ex.sendError(OssServiceError.internal());
        else res.destroy();
      } finally {
        if (!req.readableEnded && !req.destroyed) req.resume();
      }
      // The path only: a query string can hold signatures and security tokens.
      log(`${ex.method} ${rawPath ?? '(unreadable request target)'} ${res.statusCode} ${ex.requestId}`);
      if (observers.length > 0) {
        const { record, evidence } = meter.finish(ex, service);
        for (const observer of observers) {
          try {
            observer.requestFinished(record, evidence);
          } catch (error) {
            log(`request observer failed: ${(error as Error).message}`);
          }
        }
      }
    };
    const handleSts = async (ex: HttpExchange, rawPath: string, rawQuery: string): Promise<void> => {
      const body = await readBody(ex.req, MAX_STS_BODY);
      if (body === undefined) {
        ex.send(413, [['Content-Type', 'application/json;charset=utf-8']], JSON.stringify({ Code: 'RequestTooLarge', Message: 'The request body is too large.' }));
        return;
      }
      const isForm = /^application\/x-www-form-urlencoded/i.test(ex.header('content-type') ?? '');
      const response = sts.handle({
        method: ex.method,
        path: rawPath,
        query: parseQuery(rawQuery).map(([name, value]) => [name, value ?? ''] as const),
        form: isForm ? formParams(body) : [],
        body,
        headers: ex.headers,
        hostId: (ex.hostId.split(':')[0] ?? '') || 'sts.aliyuncs.com',
        nowMs: ex.nowMs,
      });
      ex.errorCode = response.code;
      const bytes = Buffer.from(response.body, 'utf8');
      ex.res.statusCode = response.status;
      ex.res.setHeader('Content-Type', response.contentType);
      ex.res.setHeader('Content-Length', bytes.length);
      ex.res.setHeader('x-acs-request-id', response.requestId);
      ex.res.end(bytes);
    };

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
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const scheme = options.tls ? 'https' : 'http';
    try {
      await web?.start(server, host, scheme);
    } catch (error) {
      server.close();
      throw error;
    }
    return new OssEmulator(server, host, scheme, web);
  }

  /** Stops listening and closes every connection, idle or not. */
  async close(): Promise<void> {
    await this.#console?.close();
    await new Promise<void>((resolve, reject) => {
      this.#server.close((error) => (error ? reject(error) : resolve()));
      this.#server.closeAllConnections();
    });
  }
}

/** STS calls name an Action (RPC) or carry x-acs-action (ACS3); a form POST to `/` is RPC too. */
function isStsRequest(ex: HttpExchange, rawPath: string, rawQuery: string): boolean {
  if (ex.header('x-acs-action') !== undefined) return true;
  if (rawPath !== '/') return false;
  if (/(?:^|&)Action=/.test(rawQuery)) return true;
  return ex.method === 'POST' && /^application\/x-www-form-urlencoded/i.test(ex.header('content-type') ?? '');
}
