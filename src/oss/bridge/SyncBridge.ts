import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';
import type { MessagePort, Worker } from 'node:worker_threads';
import { OssduckError } from '../../OssduckError.js';
import { OssError } from '../OssError.js';
import type { Credentials } from '../Credentials.js';
import type {
  AssumeRoleCall,
  AssumeRoleResult,
  BridgeEnvelope,
  BridgeRequest,
  BridgeResponse,
  ObjectRead,
  ObjectReadResult,
  PlainBucketTarget,
  PlainCredentials,
  ReadLimits,
  WorkerReadResult,
} from './BridgeProtocol.js';
import { startWorker } from '../../startWorker.js';
import type { BucketTarget, ObjectSummary } from '../OssClient.js';

/** A listing the OSS worker runs: its objects in key order, a run at a time, fetched ahead while they are taken. */
export interface BridgeListing {
  /** The next objects (never an empty run); undefined once the listing is done. */
  next(): readonly ObjectSummary[] | undefined;
  /** Stops the listing early (a LIMIT was reached). */
  close(): void;
}

/** How long a synchronous call may take before it fails. */
const CALL_TIMEOUT_MS = 10 * 60 * 1000;
/** The main thread looks at the worker's answers at least this often. */
const SLICE_MS = 100;

export function plainCredentials(credentials: Credentials): PlainCredentials {
  return { accessKeyId: credentials.accessKeyId, accessKeySecret: credentials.revealSecret(), securityToken: credentials.securityToken };
}

export function plainTarget(target: BucketTarget): PlainBucketTarget {
  return { bucket: target.bucket, region: target.region, product: target.product, address: target.address, credentials: plainCredentials(target.credentials) };
}

/**
 * Synchronous access to asynchronous OSS and STS calls. DuckDB calls scalar
 * functions synchronously on the main thread, so a function that must read
 * OSS (GET_DATA_FROM_OSS) or fetch an STS token hands the call to a worker
 * thread and blocks on a shared flag until the worker has posted the answer.
 * The worker starts on first use and is stopped by `close()`.
 */
export class SyncBridge {
  #worker: Worker | undefined;
  #port: MessagePort | undefined;
  readonly #flag = new Int32Array(new SharedArrayBuffer(4));
  #calls = 0;
  /** Listings open in the worker, with the group (statement) that opened them. */
  readonly #listings = new Map<number, number>();

  /**
   * Hands each read's result to `take` (with its index in `reads`). The
   * worker holds at most `limits.heldBytes` of bodies per call and defers the
   * reads that would pass it, so a batch of large objects is read in several
   * calls; `partDone` runs after each, once its results are taken.
   */
  readObjects(
    target: BucketTarget,
    reads: readonly ObjectRead[],
    limits: ReadLimits,
    take: (index: number, result: ObjectReadResult) => void,
    partDone: () => void,
  ): void {
    const plain = plainTarget(target);
    let pending = reads.map((read, index) => ({ read, index }));
    while (pending.length > 0) {
      const answers = this.#call({ op: 'readObjects', target: plain, reads: pending.map((p) => p.read), limits }) as WorkerReadResult[];
      const left = pending.filter((p, i) => answers[i]!.status === 'deferred');
      if (left.length === pending.length) throw OssError.io('the OSS worker read none of the objects asked for');
      pending.forEach((p, i) => {
        const answer = answers[i]!;
        if (answer.status !== 'deferred') take(p.index, answer);
      });
      partDone();
      pending = left;
    }
  }

  /**
   * Lists every object under `prefix` in the worker, up to `concurrency`
   * requests in flight (ParallelLister), handing out its pages in key order:
   * a listing never sits in memory whole. Listings of an earlier `group`
   * (statement) still open, left by a LIMIT or a failure, are closed first.
   */
  openListing(target: BucketTarget, prefix: string, concurrency: number, group: number): BridgeListing {
    const close = [...this.#listings].filter(([, g]) => g !== group).map(([id]) => id);
    for (const id of close) this.#listings.delete(id);
    const id = this.#call({ op: 'listOpen', target: plainTarget(target), call: { prefix, concurrency, close } }) as number;
    this.#listings.set(id, group);
    const end = (): void => void this.#listings.delete(id);
    return {
      next: () => {
        if (!this.#listings.has(id)) return undefined;
        let objects: readonly ObjectSummary[] | null;
        try {
          objects = this.#call({ op: 'listNext', listing: id }) as readonly ObjectSummary[] | null;
        } catch (error) {
          // The worker may still be listing: closed when the next listing opens.
          this.#listings.set(id, -1);
          throw error;
        }
        if (objects === null) end();
        return objects ?? undefined;
      },
      close: () => {
        if (!this.#listings.has(id)) return;
        end();
        this.#call({ op: 'listClose', listing: id });
      },
    };
  }

  assumeRole(call: AssumeRoleCall): AssumeRoleResult {
    return this.#call({ op: 'assumeRole', call }) as AssumeRoleResult;
  }

  async close(): Promise<void> {
    const worker = this.#worker;
    this.#worker = undefined;
    this.#port?.close();
    this.#port = undefined;
    this.#listings.clear();
    if (worker) await worker.terminate();
  }

  /**
   * Posts `request` and blocks until its answer, in slices of SLICE_MS (an
   * answer to an earlier call, cut short by a signal, is passed over). A
   * call a stop signal cut short fails as cancelled; when nothing in the
   * process listens to that signal, it is raised again, so that it does what
   * it would have done (Ctrl-C ends a process that does not catch it).
   */
  #call(request: BridgeRequest): unknown {
    const port = this.#start();
    const id = ++this.#calls;
    const envelope: BridgeEnvelope = { id, request };
    port.postMessage(envelope);
    const deadline = Date.now() + CALL_TIMEOUT_MS;
    for (;;) {
      Atomics.store(this.#flag, 0, 0);
      for (let message = receiveMessageOnPort(port); message; message = receiveMessageOnPort(port)) {
        const response = message.message as BridgeResponse;
        if (response.id === id) return this.#unpack(response);
      }
      if (Date.now() >= deadline) throw OssError.io(`an OSS call did not finish within ${CALL_TIMEOUT_MS / 60_000} minutes`);
      Atomics.wait(this.#flag, 0, 0, SLICE_MS);
    }
  }

  #unpack(response: BridgeResponse): unknown {
    if (response.ok) return response.value;
    const { signal } = response;
    if (signal !== undefined && process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    if (response.error.kind === 'cancelled') throw OssduckError.cancelled(response.error.detail);
    throw new OssError(response.error.kind, response.error.detail);
  }

  #start(): MessagePort {
    if (this.#port) return this.#port;
    const { port1, port2 } = new MessageChannel();
    this.#worker = startWorker('oss/bridge/ossWorker', { workerData: { port: port2, signal: this.#flag.buffer }, transferList: [port2] });
    this.#worker.unref();
    this.#port = port1;
    return port1;
  }
}
