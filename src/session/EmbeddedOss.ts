import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { DirectoryProblem, makeDirectories } from '../makeDirectories.js';
import { startWorker } from '../startWorker.js';
import { Credentials } from '../oss/Credentials.js';
import type { CredentialSource } from '../oss/CredentialSource.js';
import { OssError } from '../oss/OssError.js';
import { parseOrigin } from '../oss/OssRouting.js';
import type { OssRouting } from '../oss/OssRouting.js';

export interface EmbeddedOssInfo {
  readonly ossUrl: string;
  readonly root: string;
}

/**
 * The embedded default: a local OSS and STS emulator on a worker thread, with
 * a fresh random account, started the first time ossduck needs OSS (so runs
 * that never touch OSS never start it). Its buckets live in `root` (a
 * temporary folder, removed at close, unless one is given, such as the `oss/`
 * folder of a `--db` warehouse). It is the credential source of the runtime,
 * and its routing sends every OSS and STS request to it.
 */
export class EmbeddedOss implements CredentialSource {
  readonly description = 'the embedded local OSS';
  readonly #credentials = new Credentials({
    accessKeyId: `LTAI${randomBytes(9).toString('hex')}`,
    accessKeySecret: randomBytes(24).toString('base64url'),
  });
  readonly #root: string | undefined;
  readonly #onStart: ((info: EmbeddedOssInfo) => void) | undefined;
  #started: Promise<EmbeddedOssInfo> | undefined;
  #worker: Worker | undefined;
  #routing: OssRouting = {};
  #tempRoot: string | undefined;

  constructor(options: { root?: string | undefined; onStart?: ((info: EmbeddedOssInfo) => void) | undefined } = {}) {
    this.#root = options.root;
    this.#onStart = options.onStart;
  }

  /** The emulator's account, known before it starts (resolve() starts it). */
  get localAccount(): Credentials {
    return this.#credentials;
  }

  /** Where OSS and STS requests go: the emulator, once started. */
  get routing(): OssRouting {
    return this.#routing;
  }

  async resolve(): Promise<Credentials> {
    await this.start();
    return this.#credentials;
  }

  /** Starts the emulator (once). */
  start(): Promise<EmbeddedOssInfo> {
    this.#started ??= this.#start();
    return this.#started;
  }

  async #start(): Promise<EmbeddedOssInfo> {
    let root = this.#root;
    if (root === undefined) {
      root = mkdtempSync(join(tmpdir(), 'ossduck-oss-'));
      this.#tempRoot = root;
    } else {
      try {
        makeDirectories(root);
      } catch (error) {
        if (!(error instanceof DirectoryProblem)) throw error;
        throw OssError.io(`cannot create the local OSS folder ${root}: ${error.why}`);
      }
    }
    const worker = startWorker('emulator/embeddedEmulatorWorker', {
      workerData: { root, accessKeyId: this.#credentials.accessKeyId, accessKeySecret: this.#credentials.revealSecret() },
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
  }
}
