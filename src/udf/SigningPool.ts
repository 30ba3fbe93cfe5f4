import { availableParallelism } from 'node:os';
import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';
import type { MessagePort, Worker } from 'node:worker_threads';
import duckdb from '@duckdb/node-bindings';
import { startWorker } from '../startWorker.js';
import { VECTOR_SIZE } from '../vectorSize.js';
import type { Presigner, PresignSpec } from '../oss/signing/Presigner.js';
import { OssduckError } from '../OssduckError.js';
import {
  BLOCKS, BLOCK_ROWS, COUNT, FAILED, FIELDS, FINISHED_AT, GENERATION, IDLE, KEY_END, KEY_START, NEXT_BLOCK, OFFERED, SigningBatch,
  SLEEPING, STOP, URL_END, URL_START, WORKER_DONE, WORKER_STATE,
} from './SigningBatch.js';
import type { BatchLayout } from './SigningBatch.js';

/** A presign spec as it crosses to the worker (inside the process only). */
export type PlainPresignSpec = Omit<PresignSpec, 'credentials' | 'keys'> & {
  readonly credentials: { readonly accessKeyId: string; readonly accessKeySecret: string; readonly securityToken: string | undefined };
};

/** What the main thread tells the worker before offering it a chunk (only what changed). */
export interface SignRequest {
  readonly specs: readonly (readonly [number, PlainPresignSpec])[];
  readonly forget: readonly number[];
  readonly layout: BatchLayout | undefined;
}

/** Told of each URL of a chunk: its presigner and its object name, UTF-8 in `keys[start, end)`. */
export type SignedUrlVisitor = (presigner: Presigner, keys: Buffer, start: number, end: number) => void;

/** Below this many URLs in a chunk, waking the worker costs more than it saves. */
const MIN_SHARED = 256;
const WAIT_MS = 5 * 60 * 1000;

function plain(spec: PresignSpec): PlainPresignSpec {
  // The key cache stays on this thread: the worker derives the key of each presigner it is sent, once.
  const { credentials: c, keys: _keys, ...rest } = spec;
  return { ...rest, credentials: { accessKeyId: c.accessKeyId, accessKeySecret: c.revealSecret(), securityToken: c.securityToken } };
}

function workerFailed(detail: string): OssduckError {
  return OssduckError.internal(`the signing worker failed: ${detail}`);
}

/**
 * Signs a chunk's URLs on two threads. DuckDB hands a JavaScript scalar
 * function its rows on the main thread, one chunk at a time, so hashing a
 * million URLs would use one core. The chunk's object keys go into shared
 * memory (`SigningBatch`); the main thread and a worker thread (running the
 * same Presigner, so the bytes are the same) then take blocks of 32 keys
 * from a shared counter until none are left, so each signs as much as its
 * core allows, whatever else the machine is doing. The worker writes its
 * URLs into shared memory; the main thread copies them into DuckDB's vector
 * as they are done, meanwhile signing its own blocks. Nothing crosses
 * between the threads per chunk but a counter and a wake-up. On a
 * single-core machine, and for small chunks, the main thread signs alone.
 */
export class SigningPool {
  readonly #enabled: boolean;
  readonly #waitForWorker: boolean;
  readonly #batch = new SigningBatch();
  readonly #presigners: Presigner[] = [];
  readonly #rows = new Int32Array(VECTOR_SIZE);
  readonly #ids = new WeakMap<Presigner, number>();
  #sent = new Set<number>();
  #nextId = 1;
  #worker: Worker | undefined;
  #port: MessagePort | undefined;
  #signedByWorker = 0;
  #out = Buffer.alloc(16 * 1024);
  #views: Buffer[] = [];

  /**
   * `threads`: 1 signs on the main thread only; more adds the worker (the
   * default where the machine has two cores or more). `waitForWorker` (for
   * tests): the main thread starts on a shared chunk only once the worker has
   * signed a block of it, so the worker's share is certain.
   */
  constructor(options: { threads?: number; waitForWorker?: boolean } = {}) {
    this.#enabled = (options.threads ?? availableParallelism()) > 1;
    this.#waitForWorker = options.waitForWorker ?? false;
  }

  /** Starts a chunk's URLs. */
  begin(): void {
    this.#batch.reset();
  }

  /** Asks for the URL of the object key `prefix` + `source[start, end)` (UTF-8) in row `row`. */
  add(row: number, presigner: Presigner, prefix: Buffer, source: Buffer, start: number, end: number): void {
    let id = this.#ids.get(presigner);
    if (id === undefined) {
      id = this.#nextId++;
      this.#ids.set(presigner, id);
    }
    const i = this.#batch.add(id, prefix, source, start, end, presigner.maxUrlBytes(prefix.length + end - start));
    this.#presigners[i] = presigner;
    this.#rows[i] = row;
  }

  /**
   * Signs every URL asked for since `begin()` and writes each into its row of
   * `output` (a VARCHAR vector). `visit`, when given, is told of each URL
   * first, on this thread while the worker already signs: its work (the
   * audit log's) shares the chunk's two threads rather than adding to them.
   */
  finish(output: duckdb.Vector, visit?: SignedUrlVisitor): void {
    const count = this.#batch.count;
    if (!this.#enabled || count < MIN_SHARED) {
      if (visit) this.#visit(visit);
      for (let i = 0; i < count; i++) this.#signHere(i, output);
      return;
    }
    const control = this.#batch.control;
    const blocks = Math.ceil(count / BLOCK_ROWS);
    this.#offer(blocks, count);
    let drained = 0;
    try {
      if (visit) this.#visit(visit);
      if (this.#waitForWorker) this.#awaitFirstBlock();
      for (;;) {
        const block = Atomics.add(control, NEXT_BLOCK, 1);
        if (block >= blocks) break;
        const end = Math.min(count, (block + 1) * BLOCK_ROWS);
        for (let i = block * BLOCK_ROWS; i < end; i++) this.#signHere(i, output);
        drained = this.#drain(drained, output);
      }
    } finally {
      this.#settle();
    }
    this.#drain(drained, output);
  }

  /** How many URLs the worker thread has signed. */
  get signedByWorker(): number {
    return this.#signedByWorker;
  }

  async close(): Promise<void> {
    const worker = this.#worker;
    this.#worker = undefined;
    if (worker) {
      Atomics.store(this.#batch.control, STOP, 1);
      Atomics.add(this.#batch.control, GENERATION, 1);
      Atomics.notify(this.#batch.control, GENERATION);
    }
    this.#port?.close();
    this.#port = undefined;
    if (worker) await worker.terminate();
  }

  #visit(visit: SignedUrlVisitor): void {
    const entries = this.#batch.entries;
    const keys = this.#batch.keys;
    const count = this.#batch.count;
    for (let i = 0, e = 0; i < count; i++, e += FIELDS) visit(this.#presigners[i]!, keys, entries[e + KEY_START]!, entries[e + KEY_END]!);
  }

  #signHere(i: number, output: duckdb.Vector): void {
    const entries = this.#batch.entries;
    const e = i * FIELDS;
    const presigner = this.#presigners[i]!;
    const urlEnd = i + 1 < this.#batch.count ? entries[e + FIELDS + URL_START]! : this.#batch.urlFill;
    if (urlEnd - entries[e + URL_START]! > this.#out.length) this.#grow(urlEnd - entries[e + URL_START]!);
    const length = presigner.writeUrl(this.#batch.keys, entries[e + KEY_START]!, entries[e + KEY_END]!, this.#out, 0);
    duckdb.vector_assign_string_element_len(output, this.#rows[i]!, this.#view(length));
  }

  /** Copies the URLs of the blocks the worker finished since `from` into `output`; returns how many blocks are done. */
  #drain(from: number, output: duckdb.Vector): number {
    const control = this.#batch.control;
    const done = Atomics.load(control, WORKER_DONE);
    const entries = this.#batch.entries;
    const urls = this.#batch.urls;
    const count = this.#batch.count;
    for (let k = from; k < done; k++) {
      const block = control[FINISHED_AT + k]!;
      const end = Math.min(count, (block + 1) * BLOCK_ROWS);
      for (let i = block * BLOCK_ROWS; i < end; i++) {
        const e = i * FIELDS;
        const start = entries[e + URL_START]!;
        const length = entries[e + URL_END]! - start;
        if (length > this.#out.length) this.#grow(length);
        urls.copy(this.#out, 0, start, start + length);
        duckdb.vector_assign_string_element_len(output, this.#rows[i]!, this.#view(length));
      }
      this.#signedByWorker += end - block * BLOCK_ROWS;
    }
    return done;
  }

  /** Offers the chunk to the worker: what it must know first goes through the port, then a wake-up. */
  #offer(blocks: number, count: number): void {
    const port = this.#start();
    const control = this.#batch.control;
    const { layout, changed } = this.#batch.layout();
    const inUse = new Set<number>();
    const specs: (readonly [number, PlainPresignSpec])[] = [];
    let last: Presigner | undefined;
    for (let i = 0; i < count; i++) {
      const presigner = this.#presigners[i]!;
      if (presigner === last) continue;
      last = presigner;
      const id = this.#ids.get(presigner)!;
      inUse.add(id);
      if (!this.#sent.has(id)) {
        this.#sent.add(id);
        specs.push([id, plain(presigner.spec)]);
      }
    }
    // The worker forgets presigners of earlier statements now and then.
    let forget: number[] = [];
    if (this.#sent.size > 512) {
      forget = [...this.#sent].filter((id) => !inUse.has(id));
      for (const id of forget) this.#sent.delete(id);
    }
    if (specs.length > 0 || forget.length > 0 || changed) port.postMessage({ specs, forget, layout: changed ? layout : undefined } satisfies SignRequest);
    control[BLOCKS] = blocks;
    control[COUNT] = count;
    Atomics.store(control, NEXT_BLOCK, 0);
    Atomics.store(control, WORKER_DONE, 0);
    Atomics.store(control, WORKER_STATE, OFFERED);
    Atomics.add(control, GENERATION, 1);
    // A wake-up is a system call that can cost a time slice on a busy machine: the worker looks for
    // the next offer for a moment before it sleeps, and is woken only when it sleeps.
    if (Atomics.load(control, SLEEPING) === 1) Atomics.notify(control, GENERATION);
  }

  #awaitFirstBlock(): void {
    const control = this.#batch.control;
    const deadline = Date.now() + WAIT_MS;
    while (Atomics.load(control, WORKER_DONE) === 0 && Atomics.load(control, WORKER_STATE) !== FAILED) {
      if (Date.now() > deadline) throw workerFailed('no answer in 5 minutes');
      Atomics.wait(control, WORKER_DONE, 0, 50);
    }
  }

  /** Withdraws the offer if the worker has not taken it; otherwise waits until it is done. */
  #settle(): void {
    const control = this.#batch.control;
    if (Atomics.compareExchange(control, WORKER_STATE, OFFERED, IDLE) === OFFERED) return;
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const state = Atomics.load(control, WORKER_STATE);
      if (state === IDLE) return;
      if (state === FAILED) {
        Atomics.store(control, WORKER_STATE, IDLE);
        const message = this.#port ? receiveMessageOnPort(this.#port) : undefined;
        throw workerFailed(String((message?.message as { error?: string } | undefined)?.error ?? 'no reason given'));
      }
      if (Date.now() > deadline) throw workerFailed('no answer in 5 minutes');
      Atomics.wait(control, WORKER_STATE, state, 1000);
    }
  }

  #start(): MessagePort {
    if (this.#port) return this.#port;
    const { port1, port2 } = new MessageChannel();
    const control = this.#batch.control;
    Atomics.store(control, STOP, 0);
    this.#worker = startWorker('udf/signingWorker', {
      workerData: { port: port2, generation: Atomics.load(control, GENERATION) },
      transferList: [port2],
      resourceLimits: { maxYoungGenerationSizeMb: 8 },
    });
    this.#worker.unref();
    this.#port = port1;
    this.#sent = new Set();
    // A new worker must be told the layout, whatever the batch said before.
    this.#batch.layout();
    port1.postMessage({ specs: [], forget: [], layout: this.#batch.layout().layout } satisfies SignRequest);
    return port1;
  }

  #grow(bytes: number): void {
    this.#out = Buffer.alloc(Math.max(bytes, this.#out.length * 2));
    this.#views = [];
  }

  /** The first `length` bytes of the URL buffer, one view per length, kept. */
  #view(length: number): Buffer {
    return (this.#views[length] ??= this.#out.subarray(0, length));
  }
}
