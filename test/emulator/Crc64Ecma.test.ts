import { describe, expect, it } from 'vitest';
import { Crc64Ecma } from '../../src/emulator/Crc64Ecma.js';

describe('Crc64Ecma', () => {
  it('gives 0 for no data, as OSS prints for an empty object', () => {
    expect(new Crc64Ecma().digest()).toBe('0');
  });

  it('matches the CRC-64/XZ check value of "123456789"', () => {
    // 0x995DC9BBDF1939FA, the catalogued check value of CRC-64/XZ (= Go's crc64.ECMA).
    expect(new Crc64Ecma().update(Buffer.from('123456789')).digest()).toBe(BigInt('0x995DC9BBDF1939FA').toString());
  });

  it('gives the same value however the data is split', () => {
    const data = Buffer.from('The quick brown fox jumps over the lazy dog'.repeat(37));
    const whole = new Crc64Ecma().update(data).digest();
    const parts = new Crc64Ecma();
    for (let i = 0; i < data.length; i += 17) parts.update(data.subarray(i, i + 17));
    expect(parts.digest()).toBe(whole);
  });

  it('agrees with a byte-at-a-time reference on every length and alignment', () => {
    const reference = (data: Uint8Array): string => {
      let crc = (1n << 64n) - 1n;
      for (const byte of data) {
        crc ^= BigInt(byte);
        for (let k = 0; k < 8; k++) crc = crc & 1n ? (crc >> 1n) ^ 0xc96c5795d7870f42n : crc >> 1n;
      }
      return (crc ^ ((1n << 64n) - 1n)).toString();
    };
    const data = Buffer.from(Array.from({ length: 97 }, (_, i) => (i * 151 + 17) & 0xff));
    for (let length = 0; length <= data.length; length++) {
      for (const offset of [0, 1, 3, 7]) {
        const slice = data.subarray(offset, Math.min(data.length, offset + length));
        expect(new Crc64Ecma().update(slice).digest(), `length ${slice.length} at ${offset}`).toBe(reference(slice));
      }
    }
  });
});
