import { hash } from 'node:crypto';
import { DIGEST_OFFSET, MESSAGE_OFFSET, PADDING_ROOM, PAD_OFFSET } from './hmacSha1Layout.js';
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

let compiled: WebAssembly.Module | undefined;
const hmacModule = (): WebAssembly.Module => (compiled ??= new WebAssembly.Module(Buffer.from(HMAC_SHA1_WASM, 'base64')));

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
 * module (tools/hmacSha1Wat.ts): the pads are hashed once into midstates, the
 * prefix written once, and each message costs one call and its own blocks.
 * Key material lives only in the instance's private memory.
 */
export class PreparedHmacSha1 {
  readonly #exports: Exports;
  readonly #start: number;
  /** The instance's memory; replaced when it grows. */
  #bytes: Buffer;

  constructor(token: symbol, keyBlock: Buffer, prefix: Buffer) {
    if (token !== PREPARING) throw new TypeError('PreparedHmacSha1 is made by HmacSha1Key.prepare');
    this.#exports = new WebAssembly.Instance(hmacModule(), {}).exports as unknown as Exports;
    this.#bytes = Buffer.from(this.#exports.memory.buffer);
    this.#start = MESSAGE_OFFSET + prefix.length;
    this.#room(0);
    for (let i = 0; i < BLOCK; i++) this.#bytes[PAD_OFFSET + i] = keyBlock[i]! ^ 0x36;
    this.#exports.preparePads();
    prefix.copy(this.#bytes, MESSAGE_OFFSET);
  }

  /** HMAC of the prefix followed by the UTF-8 bytes of `suffix`. */
  digest(suffix: string, encoding: 'hex' | 'base64'): string {
    this.#room(suffix.length * 3);
    this.#run(this.#bytes.write(suffix, this.#start, 'utf8'));
    return this.#bytes.toString(encoding, DIGEST_OFFSET, DIGEST_OFFSET + DIGEST_BYTES);
  }

  /** HMAC of the prefix followed by `source[start, end)` and `tail`. */
  digestBytes(source: Uint8Array, start: number, end: number, encoding: 'hex' | 'base64', tail: Uint8Array): string {
    this.#writeMessage(source, start, end, tail);
    return this.#bytes.toString(encoding, DIGEST_OFFSET, DIGEST_OFFSET + DIGEST_BYTES);
  }

  /**
   * HMAC of the prefix followed by `source[start, end)` and `tail`, written
   * into `target` at `at` as base64 escaped for a query value (`writeBase64ForQuery`);
   * returns the end (at most 84 bytes on).
   */
  writeBase64ForQuery(source: Uint8Array, start: number, end: number, tail: Uint8Array, target: Uint8Array, at: number): number {
    this.#writeMessage(source, start, end, tail);
    return writeBase64ForQuery(this.#bytes, DIGEST_OFFSET, DIGEST_OFFSET + DIGEST_BYTES, target, at);
  }

  #writeMessage(source: Uint8Array, start: number, end: number, tail: Uint8Array): void {
    const length = end - start + tail.length;
    this.#room(length);
    const at = copyBytes(source, start, end, this.#bytes, this.#start);
    copyBytes(tail, 0, tail.length, this.#bytes, at);
    this.#run(length);
  }

  #run(suffixBytes: number): void {
    this.#exports.hmac(this.#start - MESSAGE_OFFSET + suffixBytes);
  }

  /** Grows the memory so that `suffixBytes` fit after the prefix with SHA-1's padding. */
  #room(suffixBytes: number): void {
    const needed = this.#start + suffixBytes + PADDING_ROOM;
    if (needed <= this.#bytes.length) return;
    this.#exports.memory.grow(Math.ceil((needed - this.#bytes.length) / PAGE));
    this.#bytes = Buffer.from(this.#exports.memory.buffer);
  }
}
