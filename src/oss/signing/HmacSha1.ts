import { hash } from 'node:crypto';
import { DIGEST_OFFSET, MESSAGE_OFFSET, MIDSTATES, PADDING_ROOM, PAD_OFFSET } from './hmacSha1Layout.js';
import { HMAC_SHA1_WASM } from './hmacSha1Wasm.js';
import { copyBytes } from './copyBytes.js';
import { writeBase64ForQuery } from './writeBase64ForQuery.js';

const BLOCK = 64;
const DIGEST_BYTES = 20;
const PAGE = 65536;
const PREPARING = Symbol('PreparedHmacSha1');

interface Exports {
  readonly memory: WebAssembly.Memory;
  readonly preparePads: () => void;
  readonly hmac: (length: number) => void;
}

/** The module's instance on this thread, shared by every prepared key; `owner` says whose midstates and prefix its memory holds. */
interface Engine {
  readonly exports: Exports;
  bytes: Buffer;
  owner: number;
}

let engine: Engine | undefined;
let nextId = 1;

/** One instance per thread: making one costs a few hundred microseconds, as much as a few hundred signatures. */
function theEngine(): Engine {
  if (engine === undefined) {
    const exports = new WebAssembly.Instance(new WebAssembly.Module(Buffer.from(HMAC_SHA1_WASM, 'base64')), {}).exports as unknown as Exports;
    engine = { exports, bytes: Buffer.from(exports.memory.buffer), owner: 0 };
  }
  return engine;
}

/** Grows the engine's memory to at least `bytes`. */
function reserve(e: Engine, bytes: number): void {
  if (bytes <= e.bytes.length) return;
  e.exports.memory.grow(Math.ceil((bytes - e.bytes.length) / PAGE));
  e.bytes = Buffer.from(e.exports.memory.buffer);
}

/**
 * An HMAC-SHA-1 key (V1's AccessKey secret), prepared for many messages that
 * start alike (`prepare`). The key, padded to SHA-1's block, stays in a
 * private field and is never exposed.
 */
export class HmacSha1Key {
  readonly #block = Buffer.alloc(BLOCK);

  constructor(key: Uint8Array) {
    (key.length > BLOCK ? hash('sha1', key, 'buffer') : Buffer.from(key)).copy(this.#block);
  }

  /** This key with the fixed start of every message (V1: method, headers, expiry, bucket) written once. */
  prepare(prefix: string): PreparedHmacSha1 {
    return new PreparedHmacSha1(PREPARING, this.#block, Buffer.from(prefix, 'utf8'));
  }
}

/**
 * HMAC-SHA-1 of a fixed prefix and then a message, in ossduck's WebAssembly
 * module (tools/hmacSha1Wat.ts): the pads are hashed once into midstates, and
 * each message costs one call and its own blocks. The module's instance is
 * shared on a thread; the midstates and prefix go into its memory when
 * another prepared key used it last. Key material is kept only in private
 * fields and the instance's memory, which nothing else reads.
 */
export class PreparedHmacSha1 {
  readonly #id = nextId++;
  /** The inner and outer midstates, as the module's memory holds them (its first MIDSTATES bytes). */
  readonly #midstates: Uint8Array;
  readonly #prefix: Buffer;
  readonly #start: number;

  constructor(token: symbol, keyBlock: Buffer, prefix: Buffer) {
    if (token !== PREPARING) throw new TypeError('PreparedHmacSha1 is made by HmacSha1Key.prepare');
    const e = theEngine();
    for (let i = 0; i < BLOCK; i++) e.bytes[PAD_OFFSET + i] = keyBlock[i]! ^ 0x36;
    e.exports.preparePads();
    this.#midstates = Uint8Array.from(e.bytes.subarray(0, MIDSTATES));
    e.owner = 0;
    this.#prefix = prefix;
    this.#start = MESSAGE_OFFSET + prefix.length;
  }

  /** HMAC of the prefix followed by the UTF-8 bytes of `suffix`. */
  digest(suffix: string, encoding: 'hex' | 'base64'): string {
    const e = this.#load(suffix.length * 3);
    this.#run(e, e.bytes.write(suffix, this.#start, 'utf8'));
    return e.bytes.toString(encoding, DIGEST_OFFSET, DIGEST_OFFSET + DIGEST_BYTES);
  }

  /** HMAC of the prefix followed by `source[start, end)` and `tail`. */
  digestBytes(source: Uint8Array, start: number, end: number, encoding: 'hex' | 'base64', tail: Uint8Array): string {
    return this.#writeMessage(source, start, end, tail).toString(encoding, DIGEST_OFFSET, DIGEST_OFFSET + DIGEST_BYTES);
  }

  /**
   * HMAC of the prefix followed by `source[start, end)` and `tail`, written
   * into `target` at `at` as base64 escaped for a query value (`writeBase64ForQuery`);
   * returns the end (at most 84 bytes on).
   */
  writeBase64ForQuery(source: Uint8Array, start: number, end: number, tail: Uint8Array, target: Uint8Array, at: number): number {
    const bytes = this.#writeMessage(source, start, end, tail);
    return writeBase64ForQuery(bytes, DIGEST_OFFSET, DIGEST_OFFSET + DIGEST_BYTES, target, at);
  }

  /** Runs the HMAC of the prefix, `source[start, end)` and `tail`; returns the memory holding the digest. */
  #writeMessage(source: Uint8Array, start: number, end: number, tail: Uint8Array): Buffer {
    const length = end - start + tail.length;
    const e = this.#load(length);
    const at = copyBytes(source, start, end, e.bytes, this.#start);
    copyBytes(tail, 0, tail.length, e.bytes, at);
    this.#run(e, length);
    return e.bytes;
  }

  /** The engine, its memory with room for `suffixBytes` after the prefix and holding this key's midstates and prefix. */
  #load(suffixBytes: number): Engine {
    const e = theEngine();
    reserve(e, this.#start + suffixBytes + PADDING_ROOM);
    if (e.owner !== this.#id) {
      e.bytes.set(this.#midstates, 0);
      e.bytes.set(this.#prefix, MESSAGE_OFFSET);
      e.owner = this.#id;
    }
    return e;
  }

  #run(e: Engine, suffixBytes: number): void {
    e.exports.hmac(this.#start - MESSAGE_OFFSET + suffixBytes);
  }
}
