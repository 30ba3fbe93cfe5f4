import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { DirectoryProblem, makeDirectories } from '../makeDirectories.js';
import { startWorker } from '../startWorker.js';
import type { Credentials } from '../oss/Credentials.js';
import type { CredentialSource } from '../oss/CredentialSource.js';
import { loadLocalAccount, randomLocalAccount } from '../oss/local/LocalOssAccount.js';
import { findLocalOssServer } from '../oss/local/LocalOssServer.js';
import { OssError } from '../oss/OssError.js';
import { parseOrigin } from '../oss/OssRouting.js';
import type { OssRouting } from '../oss/OssRouting.js';

export interface EmbeddedOssInfo {
  readonly ossUrl: string;
  readonly root: string;
  /** The `ossduck serve --db` process that serves the warehouse, when one does (no emulator is started then). */
  readonly servedBy?: { readonly pid: number } | undefined;
}

/**
 * The embedded default: a local OSS and STS emulator on a worker thread,
 * started the first time ossduck needs OSS (so runs that never touch OSS
 * never start it). Without a warehouse its buckets live in a temporary
 * folder (removed at close) and its account is a fresh random one. With a
 * warehouse (`--db`) they live in its `oss/` folder and the account is the
 * warehouse's own (`local-oss-account.json`, made on first use); and when
 * `ossduck serve --db` serves that warehouse, every request and URL goes
 * to that server instead, so URLs keep working after this process ends.
 * It is the credential source of the session, and its routing sends every
 * OSS and STS request to the emulator or the server.
 */
export class EmbeddedOss implements CredentialSource {
  readonly description = 'the embedded local OSS';
  #credentials: Credentials | undefined;
  readonly #warehouse: string | undefined;
  readonly #root: string | undefined;
  readonly #onStart: ((info: EmbeddedOssInfo) => void) | undefined;
  #started: Promise<EmbeddedOssInfo> | undefined;
  #worker: Worker | undefined;
  #routing: OssRouting = {};
  #tempRoot: string | undefined;
  #removeTempRootAtExit: (() => void) | undefined;

  constructor(
    options: { warehouse?: string | undefined; root?: string | undefined; onStart?: ((info: EmbeddedOssInfo) => void) | undefined } = {},
  ) {
    this.#warehouse = options.warehouse === undefined ? undefined : resolve(options.warehouse);
    this.#root = options.root ?? (this.#warehouse === undefined ? undefined : join(this.#warehouse, 'oss'));
    this.#onStart = options.onStart;
  }

  /**
   * The emulator's account, known before it starts (resolve() starts it):
   * the warehouse's (made on first use), or a random one. A warehouse that
   * cannot hold the account file (read-only) gets a random one too.
   */
  get localAccount(): Credentials {
    if (this.#credentials === undefined) {
      const kept = this.#warehouse === undefined ? undefined : loadLocalAccount(this.#warehouse);
      this.#credentials = kept !== undefined && 'account' in kept ? kept.account : randomLocalAccount();
    }
    return this.#credentials;
  }

  /** Where OSS and STS requests go: the emulator, once started. */
  get routing(): OssRouting {
    return this.#routing;
  }

  async resolve(): Promise<Credentials> {
    await this.start();
    return this.localAccount;
  }

  /** Starts the emulator (once). */
  start(): Promise<EmbeddedOssInfo> {
    this.#started ??= this.#start();
    return this.#started;
  }

  async #start(): Promise<EmbeddedOssInfo> {
    const account = this.localAccount;
    if (this.#warehouse !== undefined) {
      const server = await findLocalOssServer(this.#warehouse, account);
      if (server) {
        this.#routing = { oss: parseOrigin(server.ossUrl, 'local OSS server'), sts: parseOrigin(server.stsUrl, 'local STS server') };
        const info = { ossUrl: server.ossUrl, root: server.root, servedBy: { pid: server.pid } };
        this.#onStart?.(info);
        return info;
      }
    }
    const root = this.#prepareRoot();
    const worker = startWorker('emulator/embeddedEmulatorWorker', {
      workerData: { root, accessKeyId: account.accessKeyId, accessKeySecret: account.revealSecret() },
    });
    this.#worker = worker;
    worker.unref();
    const started = await new Promise<{ ok: boolean; ossUrl?: string; stsUrl?: string; message?: string }>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    if (!started.ok || !started.ossUrl || !started.stsUrl) throw OssError.io(`the embedded local OSS did not start: ${started.message ?? 'no answer'}`);
    this.#routing = { oss: parseOrigin(started.ossUrl, 'embedded OSS'), sts: parseOrigin(started.stsUrl, 'embedded STS') };
    const info = { ossUrl: started.ossUrl, root };
    this.#onStart?.(info);
    return info;
  }

  /** The folder of buckets: the one given (made if missing), or a temporary one, removed at close or when the process exits. */
  #prepareRoot(): string {
    if (this.#root === undefined) {
      const root = mkdtempSync(join(tmpdir(), 'ossduck-oss-'));
      this.#tempRoot = root;
      this.#removeTempRootAtExit = () => rmSync(root, { recursive: true, force: true });
      process.once('exit', this.#removeTempRootAtExit);
      return root;
    }
    try {
      makeDirectories(this.#root);
    } catch (error) {
      if (!(error instanceof DirectoryProblem)) throw error;
      throw OssError.io(`cannot create the local OSS folder ${this.#root}: ${error.why}`);
    }
    return this.#root;
  }

  /** Stops the emulator and removes a temporary root. */
  async close(): Promise<void> {
    const worker = this.#worker;
    this.#worker = undefined;
    if (worker) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 2000);
        worker.once('message', () => {
          clearTimeout(timer);
          resolve();
        });
        worker.postMessage({ stop: true });
      });
      await worker.terminate();
    }
    if (this.#tempRoot) rmSync(this.#tempRoot, { recursive: true, force: true });
    this.#tempRoot = undefined;
    if (this.#removeTempRootAtExit) process.off('exit', this.#removeTempRootAtExit);
    this.#removeTempRootAtExit = undefined;
  }
}
