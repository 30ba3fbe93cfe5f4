import { createHmac, hash } from 'node:crypto';

const BLOCK = 64;

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
}
