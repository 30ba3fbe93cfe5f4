import { createHmac, hash } from 'node:crypto';
import { copyBytes } from './copyBytes.js';
import { writeLatin1 } from './writeLatin1.js';

const BLOCK = 64;
const PREPARING = Symbol('PreparedHmac');

/**
 * HMAC (RFC 2104) with the key's inner and outer pads prepared once:
 * HMAC(K, m) = H((K ^ opad) || H((K ^ ipad) || m)), computed as two one-shot
 * hashes over preallocated buffers. Node's createHmac pays for a new keyed
 * object on every call; this does not, which matters when one key signs a
 * million URLs. The pads are key material: they stay in private fields and
 * are never exposed.
 */
export class FastHmac {
  readonly #algorithm: 'sha256' | 'sha1';
  readonly #key: Buffer;
  readonly #inner: Buffer;
  readonly #outer: Buffer;
  readonly #views = new Map<number, Buffer>();

  constructor(algorithm: 'sha256' | 'sha1', key: Buffer, maxMessageBytes = 4096) {
    this.#algorithm = algorithm;
    this.#key = Buffer.from(key);
    const k = key.length > BLOCK ? hash(algorithm, key, 'buffer') : key;
    const digestLength = algorithm === 'sha256' ? 32 : 20;
    this.#inner = Buffer.alloc(BLOCK + maxMessageBytes);
    this.#outer = Buffer.alloc(BLOCK + digestLength);
    for (let i = 0; i < BLOCK; i++) {
      const byte = k[i] ?? 0;
      this.#inner[i] = byte ^ 0x36;
      this.#outer[i] = byte ^ 0x5c;
    }
  }

  /** The HMAC of `message` (its UTF-8 bytes), as hex or base64. */
  digest(message: string, encoding: 'hex' | 'base64'): string {
    const inner = this.#inner;
    if (message.length * 3 > inner.length - BLOCK) return createHmac(this.#algorithm, this.#key).update(message, 'utf8').digest(encoding);
    const length = inner.write(message, BLOCK, 'utf8');
    let view = this.#views.get(length);
    if (!view) {
      view = inner.subarray(0, BLOCK + length);
      if (this.#views.size < 256) this.#views.set(length, view);
    }
    // 'binary' (latin1) maps each digest byte to one character and back, unchanged.
    this.#outer.write(hash(this.#algorithm, view, 'binary'), BLOCK, 'latin1');
    return hash(this.#algorithm, this.#outer, encoding);
  }

  /**
   * This key prepared for many messages that all start with `prefix`: the
   * pads and the prefix are written once, each message then writes only what
   * follows. A V4 string to sign always starts with the algorithm, instant
   * and scope. (V1's HMAC-SHA-1 is HmacSha1Key's, in WebAssembly.)
   */
  prepare(prefix: string): PreparedHmac {
    return new PreparedHmac(PREPARING, this.#algorithm, this.#inner.subarray(0, BLOCK), this.#outer.subarray(0, BLOCK), Buffer.from(prefix, 'utf8'));
  }
}

/** An HMAC key and a message prefix, prepared once (`FastHmac.prepare`). Holds key material in private fields only. */
export class PreparedHmac {
  readonly #algorithm: 'sha256' | 'sha1';
  readonly #start: number;
  #inner: Buffer;
  readonly #outer: Buffer;
  /** Views of the inner buffer's first n bytes, by n (a message is at most a few KB). */
  #views: Buffer[] = [];

  constructor(token: symbol, algorithm: 'sha256' | 'sha1', innerPad: Buffer, outerPad: Buffer, prefix: Buffer) {
    if (token !== PREPARING) throw new TypeError('PreparedHmac is made by FastHmac.prepare');
    this.#algorithm = algorithm;
    this.#start = BLOCK + prefix.length;
    this.#inner = Buffer.alloc(this.#start + 2048);
    innerPad.copy(this.#inner, 0);
    prefix.copy(this.#inner, BLOCK);
    this.#outer = Buffer.alloc(BLOCK + (algorithm === 'sha256' ? 32 : 20));
    outerPad.copy(this.#outer, 0);
  }

  /** HMAC of the prefix followed by the UTF-8 bytes of `suffix`. */
  digest(suffix: string, encoding: 'hex' | 'base64'): string {
    if (suffix.length * 3 > this.#inner.length - this.#start) this.#grow(suffix.length * 3);
    return this.#finish(this.#inner.write(suffix, this.#start, 'utf8'), encoding);
  }

  /** HMAC of the prefix followed by `suffix`, every character of which is ASCII (a hex digest), written by writeLatin1. */
  digestAscii(suffix: string, encoding: 'hex' | 'base64'): string {
    if (suffix.length > this.#inner.length - this.#start) this.#grow(suffix.length);
    writeLatin1(suffix, this.#inner, this.#start);
    return this.#finish(suffix.length, encoding);
  }

  /** HMAC of the prefix followed by `source[start, end)`, then `tail` when given. */
  digestBytes(source: Uint8Array, start: number, end: number, encoding: 'hex' | 'base64', tail?: Uint8Array): string {
    const length = end - start + (tail === undefined ? 0 : tail.length);
    if (length > this.#inner.length - this.#start) this.#grow(length);
    const at = copyBytes(source, start, end, this.#inner, this.#start);
    if (tail !== undefined) this.#inner.set(tail, at);
    return this.#finish(length, encoding);
  }

  #finish(length: number, encoding: 'hex' | 'base64'): string {
    const total = this.#start + length;
    const view = (this.#views[total] ??= this.#inner.subarray(0, total));
    // 'binary' (latin1) maps each digest byte to one character, and writeLatin1 each back.
    writeLatin1(hash(this.#algorithm, view, 'binary'), this.#outer, BLOCK);
    return hash(this.#algorithm, this.#outer, encoding);
  }

  #grow(bytes: number): void {
    const bigger = Buffer.alloc(this.#start + bytes + 1024);
    this.#inner.copy(bigger, 0, 0, this.#start);
    this.#inner.fill(0);
    this.#inner = bigger;
    this.#views = [];
  }
}
