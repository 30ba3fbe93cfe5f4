/**
 * The worker behind SigningPool: takes blocks of a chunk's object keys from
 * shared memory and writes their URLs back there, with the same Presigner
 * the main thread uses, so the bytes are the same. It waits on a shared
 * counter, not on messages; the port brings presigners and buffers, read
 * when a chunk is offered.
 */
import { receiveMessageOnPort, workerData } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import { Credentials } from '../oss/Credentials.js';
import { Presigner } from '../oss/signing/Presigner.js';
import {
  BLOCKS, BLOCK_ROWS, COUNT, FAILED, FIELDS, FINISHED_AT, GENERATION, IDLE, KEY_END, KEY_START, NEXT_BLOCK, OFFERED, PRESIGNER,
  SLEEPING, STOP, URL_END, URL_START, WORKER_DONE, WORKER_STATE, WORKING,
} from './SigningBatch.js';
import type { PlainPresignSpec, SignRequest } from './SigningPool.js';

const { port, generation } = workerData as { port: MessagePort; generation: number };
const presigners = new Map<number, Presigner>();
let control: Int32Array | undefined;
let entries: Int32Array = new Int32Array(0);
let keys: Buffer = Buffer.alloc(0);
let urls: Buffer = Buffer.alloc(0);

function presignerOf(spec: PlainPresignSpec): Presigner {
  const { credentials, ...rest } = spec;
  return new Presigner({ ...rest, credentials: new Credentials(credentials) });
}

function readPort(): void {
  for (let message = receiveMessageOnPort(port); message; message = receiveMessageOnPort(port)) {
    const request = message.message as SignRequest;
    for (const [id, spec] of request.specs) presigners.set(id, presignerOf(spec));
    for (const id of request.forget) presigners.delete(id);
    if (request.layout) {
      control = new Int32Array(request.layout.control);
      entries = new Int32Array(request.layout.entries);
      keys = Buffer.from(request.layout.keys);
      urls = Buffer.from(request.layout.urls);
    }
  }
}

function signBlocks(c: Int32Array): void {
  const blocks = c[BLOCKS]!;
  const count = c[COUNT]!;
  for (;;) {
    const block = Atomics.add(c, NEXT_BLOCK, 1);
    if (block >= blocks) return;
    const end = Math.min(count, (block + 1) * BLOCK_ROWS);
    for (let i = block * BLOCK_ROWS; i < end; i++) {
      const e = i * FIELDS;
      const presigner = presigners.get(entries[e + PRESIGNER]!);
      if (!presigner) throw new Error(`no presigner ${entries[e + PRESIGNER]}`);
      entries[e + URL_END] = presigner.writeUrl(keys, entries[e + KEY_START]!, entries[e + KEY_END]!, urls, entries[e + URL_START]!);
    }
    const done = c[WORKER_DONE]!;
    c[FINISHED_AT + done] = block;
    Atomics.store(c, WORKER_DONE, done + 1);
    Atomics.notify(c, WORKER_DONE);
  }
}

/** How long the worker looks for the next offer before it sleeps (DuckDB hands chunks over within tens of microseconds). */
const LOOK_MS = 0.2;

/** Waits until the generation moves on from `seen`: looks for a moment, then sleeps, saying so. */
function awaitOffer(c: Int32Array, seen: number): void {
  const until = performance.now() + LOOK_MS;
  while (Atomics.load(c, GENERATION) === seen) {
    if (performance.now() < until) continue;
    Atomics.store(c, SLEEPING, 1);
    // Seen after saying so: the main thread either sees SLEEPING and wakes us, or we see its new generation.
    if (Atomics.load(c, GENERATION) === seen) Atomics.wait(c, GENERATION, seen);
    Atomics.store(c, SLEEPING, 0);
  }
}

readPort();
let seen = generation;
for (;;) {
  const c = control!;
  awaitOffer(c, seen);
  seen = Atomics.load(c, GENERATION);
  if (Atomics.load(c, STOP) === 1) break;
  if (Atomics.compareExchange(c, WORKER_STATE, OFFERED, WORKING) !== OFFERED) continue;
  try {
    readPort();
    signBlocks(control!);
    Atomics.store(c, WORKER_STATE, IDLE);
  } catch (error) {
    port.postMessage({ error: String((error as Error)?.message ?? error) });
    Atomics.store(c, WORKER_STATE, FAILED);
  }
  Atomics.notify(c, WORKER_STATE);
}
port.close();
