import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SecretLookup } from '../oss/verify/authenticateOssRequest.js';
import { createEmulatorServer } from './createEmulatorServer.js';
import { ObjectStore } from './ObjectStore.js';
import { OssHandler } from './OssHandler.js';
import { OssServiceError } from '../oss/verify/OssServiceError.js';
import type { RequestObserver } from './RequestRecord.js';
import { EmulatorConsole } from './console/EmulatorConsole.js';
import type { ConsoleSettings } from './console/EmulatorConsole.js';
import { serveEmulatorRequest } from './serveEmulatorRequest.js';
import type { EmulatorRoutes } from './serveEmulatorRequest.js';
import type { EmulatorTimeouts } from './SlowClientGuard.js';
import { StsService } from './StsService.js';
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

    const routes: EmulatorRoutes = { oss, sts, web, observers, latencyMs: options.latencyMs, clock, log };
    const server = createEmulatorServer(options, log, (req, res) => serveEmulatorRequest(routes, req, res));
    await listen(server, options.port ?? 0, host);
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

/** Starts `server` listening; a failure to listen (a port in use, say) rejects. */
function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
