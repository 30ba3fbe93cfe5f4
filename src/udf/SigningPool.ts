import { availableParallelism } from 'node:os';
import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';
import type { MessagePort, Worker } from 'node:worker_threads';
import type { DuckDBVector } from '@duckdb/node-api';
import { startWorker } from '../startWorker.js';
import type { Presigner, PresignSpec } from '../oss/signing/Presigner.js';
import { OssduckError } from '../OssduckError.js';

/** A URL to sign into an output row. */
export interface SignJob {
  readonly row: number;
  readonly presigner: Presigner;
  readonly key: string;
}

/** A presign spec as it crosses to the worker (inside the process only). */
export type PlainPresignSpec = Omit<PresignSpec, 'credentials' | 'keys'> & {
  readonly credentials: { readonly accessKeyId: string; readonly accessKeySecret: string; readonly securityToken: string | undefined };
};

export interface SignRequest {
  readonly specs: readonly (readonly [number, PlainPresignSpec])[];
  readonly forget: readonly number[];
  readonly ids: Int32Array;
  readonly keys: readonly string[];
}

export interface SignResponse {
  readonly urls: string[] | undefined;
  readonly error: string | undefined;
}

/** Below this many URLs in a chunk, sharing the work costs more than it saves. */
const MIN_SHARED = 256;
/** The worker's share: it also pays for passing keys and URLs across. */
const WORKER_SHARE = 0.45;
const WAIT_MS = 5 * 60 * 1000;

function plain(spec: PresignSpec): PlainPresignSpec {
  // The key cache stays on this thread: the worker derives the key of each presigner it is sent, once.
  const { credentials: c, keys: _keys, ...rest } = spec;
  return { ...rest, credentials: { accessKeyId: c.accessKeyId, accessKeySecret: c.revealSecret(), securityToken: c.securityToken } };
}

/**
 * Signs a chunk's URLs on two threads. DuckDB hands a JavaScript scalar
 * function its rows on the main thread, one chunk at a time, so hashing a
 * million URLs would use one core; the pool gives part of each chunk to a
 * worker thread (running the same Presigner), signs the rest itself
 * meanwhile, and waits for the worker's URLs on a shared flag before the
 * function returns. On a single-core machine, and for small chunks, it signs
 * everything on the main thread.
 */
export class SigningPool {
  readonly #enabled: boolean;
  readonly #flag = new Int32Array(new SharedArrayBuffer(4));
  readonly #ids = new WeakMap<Presigner, number>();
  #sent = new Set<number>();
  #nextId = 1;
  #worker: Worker | undefined;
  #port: MessagePort | undefined;
  #signedByWorker = 0;

  constructor(options: { threads?: number } = {}) {
    this.#enabled = (options.threads ?? availableParallelism()) > 1;
  }

  /** Signs every job and writes its URL into `output`. */
  signInto(jobs: readonly SignJob[], output: DuckDBVector): void {
    if (!this.#enabled || jobs.length < MIN_SHARED) {
      for (const job of jobs) output.setItem(job.row, job.presigner.url(job.key));
      return;
    }
    const shared = Math.floor(jobs.length * WORKER_SHARE);
    const port = this.#start();
    const specs: [number, PlainPresignSpec][] = [];
    const ids = new Int32Array(shared);
    const keys = new Array<string>(shared);
    for (let i = 0; i < shared; i++) {
      const job = jobs[i]!;
      let id = this.#ids.get(job.presigner);
      if (id === undefined) {
        id = this.#nextId++;
        this.#ids.set(job.presigner, id);
      }
      if (!this.#sent.has(id)) {
        specs.push([id, plain(job.presigner.spec)]);
        this.#sent.add(id);
      }
      ids[i] = id;
      keys[i] = job.key;
    }
    // The worker forgets presigners of earlier statements now and then.
    const forget = this.#sent.size > 512 ? [...this.#sent].filter((id) => !specs.some(([s]) => s === id) && !ids.includes(id)) : [];
    for (const id of forget) this.#sent.delete(id);
    Atomics.store(this.#flag, 0, 0);
    port.postMessage({ specs, forget, ids, keys } satisfies SignRequest);
    for (let i = shared; i < jobs.length; i++) {
      const job = jobs[i]!;
      output.setItem(job.row, job.presigner.url(job.key));
    }
    const waited = Atomics.wait(this.#flag, 0, 0, WAIT_MS);
    const message = receiveMessageOnPort(port);
    const response = message?.message as SignResponse | undefined;
    if (!response?.urls) {
      throw OssduckError.internal(
        `the signing worker failed: ${response?.error ?? (waited === 'timed-out' ? 'no answer in 5 minutes' : 'no answer')}`,
      );
    }
    for (let i = 0; i < shared; i++) output.setItem(jobs[i]!.row, response.urls[i]!);
    this.#signedByWorker += shared;
  }

  /** How many URLs the worker thread has signed. */
  get signedByWorker(): number {
    return this.#signedByWorker;
  }

  async close(): Promise<void> {
    const worker = this.#worker;
    this.#worker = undefined;
    this.#port?.close();
    this.#port = undefined;
    if (worker) await worker.terminate();
  }

  #start(): MessagePort {
    if (this.#port) return this.#port;
    const { port1, port2 } = new MessageChannel();
    this.#worker = startWorker('udf/signingWorker', {
      workerData: { port: port2, signal: this.#flag.buffer },
      transferList: [port2],
      resourceLimits: { maxYoungGenerationSizeMb: 8 },
    });
    this.#worker.unref();
    this.#port = port1;
    this.#sent = new Set();
    return port1;
  }
}
