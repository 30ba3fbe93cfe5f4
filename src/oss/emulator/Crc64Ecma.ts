/**
 * CRC-64/ECMA-182 as OSS computes it for `x-oss-hash-crc64ecma` (the
 * reflected form also called CRC-64/XZ: polynomial 0xC96C5795D7870F42,
 * initial value and final XOR all ones), printed as an unsigned decimal.
 * The 64-bit state is kept in two 32-bit halves so no BigInt is needed per byte.
 */
const TABLE_HI = new Uint32Array(256);
const TABLE_LO = new Uint32Array(256);
{
  const POLY_HI = 0xc96c5795;
  const POLY_LO = 0xd7870f42;
  for (let n = 0; n < 256; n++) {
    let hi = 0;
    let lo = n;
    for (let k = 0; k < 8; k++) {
      const carry = lo & 1;
      lo = ((lo >>> 1) | ((hi & 1) << 31)) >>> 0;
      hi >>>= 1;
      if (carry) {
        hi = (hi ^ POLY_HI) >>> 0;
        lo = (lo ^ POLY_LO) >>> 0;
      }
    }
    TABLE_HI[n] = hi;
    TABLE_LO[n] = lo;
  }
}

export class Crc64Ecma {
  #hi = 0xffffffff;
  #lo = 0xffffffff;

  update(data: Uint8Array): this {
    let hi = this.#hi;
    let lo = this.#lo;
    for (let i = 0; i < data.length; i++) {
      const idx = (lo ^ data[i]!) & 0xff;
      lo = ((lo >>> 8) | ((hi & 0xff) << 24)) ^ TABLE_LO[idx]!;
      hi = (hi >>> 8) ^ TABLE_HI[idx]!;
    }
    this.#hi = hi >>> 0;
    this.#lo = lo >>> 0;
    return this;
  }

  /** The checksum so far, as OSS prints it: an unsigned decimal integer. */
  digest(): string {
    const hi = ~this.#hi >>> 0;
    const lo = ~this.#lo >>> 0;
    return ((BigInt(hi) << 32n) | BigInt(lo)).toString();
  }
}
