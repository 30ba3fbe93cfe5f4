import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { writeBase64ForQuery } from '../../../src/oss/signing/writeBase64ForQuery.js';

describe('writeBase64ForQuery', () => {
  it('writes the base64 of any bytes with +, / and = percent-encoded, as encodeURIComponent would', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 70 }), fc.nat(5), (bytes, at) => {
        const source = Buffer.concat([Buffer.from('xx'), bytes]);
        const target = Buffer.alloc(at + 4 * 70, 0x2e);
        const end = writeBase64ForQuery(source, 2, source.length, target, at);
        expect(target.toString('latin1', at, end)).toBe(encodeURIComponent(Buffer.from(bytes).toString('base64')));
        expect(target[end]).toBe(0x2e);
      }),
      { numRuns: 2000, seed: 4648 },
    );
  });
});
