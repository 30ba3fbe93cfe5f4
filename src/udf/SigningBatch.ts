import { copyBytes } from '../oss/signing/copyBytes.js';
import { VECTOR_SIZE } from '../vectorSize.js';

/**
 * The URLs one chunk asks for, laid out in shared memory so the signing
 * worker reads the object keys and writes its URLs without a message per
 * chunk: per entry, the presigner's id, where its object key's UTF-8 bytes lie
 * in `keys`, and where its URL goes in `urls` (room for the longest URL it can
 * be). Buffers grow by being replaced; `layout()` names the current ones.
 */
export interface BatchLayout {
  readonly control: SharedArrayBuffer;
  readonly entries: SharedArrayBuffer;
  readonly keys: SharedArrayBuffer;
  readonly urls: SharedArrayBuffer;
}

/** Fields of an entry, as Int32 slots. */
export const PRESIGNER = 0;
export const KEY_START = 1;
export const KEY_END = 2;
export const URL_START = 3;
export const URL_END = 4;
export const FIELDS = 5;

/** Control slots. */
export const GENERATION = 0;
export const NEXT_BLOCK = 1;
export const BLOCKS = 2;
export const COUNT = 3;
/** How many blocks the worker has finished; their numbers are in `finished`. */
export const WORKER_DONE = 4;
/** 0: idle; 1: a chunk is offered; 2: the worker is on it; 3: it failed. */
export const WORKER_STATE = 5;
export const STOP = 6;
/** 1 while the worker is asleep, waiting for an offer: only then does an offer need a (costly) wake-up. */
export const SLEEPING = 7;
export const FINISHED_AT = 16;

export const OFFERED = 1;
export const WORKING = 2;
export const FAILED = 3;
export const IDLE = 0;

/** Entries a worker or the main thread claims at a time. */
export const BLOCK_ROWS = 32;
const MAX_ROWS = VECTOR_SIZE;

export class SigningBatch {
  count = 0;
  keyFill = 0;
  urlFill = 0;
  control: Int32Array;
  entries: Int32Array;
  keys: Buffer;
  urls: Buffer;
  #layout: BatchLayout;
  #changed = true;

  constructor() {
    const control = new SharedArrayBuffer(4 * (FINISHED_AT + Math.ceil(MAX_ROWS / BLOCK_ROWS) + 1));
    const entries = new SharedArrayBuffer(4 * FIELDS * MAX_ROWS);
    const keys = new SharedArrayBuffer(256 * 1024);
    const urls = new SharedArrayBuffer(1024 * 1024);
    this.#layout = { control, entries, keys, urls };
    this.control = new Int32Array(control);
    this.entries = new Int32Array(entries);
    this.keys = Buffer.from(keys);
    this.urls = Buffer.from(urls);
  }

  /** The current buffers, and whether they changed since the last call (the worker must be told). */
  layout(): { layout: BatchLayout; changed: boolean } {
    const changed = this.#changed;
    this.#changed = false;
    return { layout: this.#layout, changed };
  }

  reset(): void {
    this.count = 0;
    this.keyFill = 0;
    this.urlFill = 0;
  }

  /** Adds an entry: `prefix` then `source[start, end)` is its object key; its URL takes at most `maxUrl` bytes. */
  add(presigner: number, prefix: Buffer, source: Buffer, start: number, end: number, maxUrl: number): number {
    const i = this.count++;
    if (i >= MAX_ROWS) throw new RangeError(`a signing batch holds at most ${MAX_ROWS} entries`);
    const keyBytes = prefix.length + end - start;
    if (this.keyFill + keyBytes > this.keys.length) this.#grow('keys', this.keyFill + keyBytes);
    if (this.urlFill + maxUrl > this.urls.length) this.#grow('urls', this.urlFill + maxUrl);
    const e = i * FIELDS;
    const entries = this.entries;
    entries[e + PRESIGNER] = presigner;
    entries[e + KEY_START] = this.keyFill;
    if (prefix.length > 0) {
      this.keys.set(prefix, this.keyFill);
      this.keyFill += prefix.length;
    }
    this.keyFill = copyBytes(source, start, end, this.keys, this.keyFill);
    entries[e + KEY_END] = this.keyFill;
    entries[e + URL_START] = this.urlFill;
    this.urlFill += maxUrl;
    return i;
  }

  #grow(which: 'keys' | 'urls', needed: number): void {
    const bigger = new SharedArrayBuffer(Math.max(needed, this[which].length * 2));
    const buffer = Buffer.from(bigger);
    this[which].copy(buffer);
    this[which] = buffer;
    this.#layout = { ...this.#layout, [which]: bigger };
    this.#changed = true;
  }
}
