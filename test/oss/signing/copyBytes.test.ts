import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { copyBytes } from '../../../src/oss/signing/copyBytes.js';

describe('copyBytes', () => {
  it('copies any run, short or long, to any place, and returns where it ends', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(300), fc.nat(300), fc.nat(50), (source, a, b, at) => {
        const start = Math.min(a, b, source.length);
        const end = Math.min(Math.max(a, b), source.length);
        const target = new Uint8Array(at + 300).fill(7);
        const expected = target.slice();
        expected.set(source.subarray(start, end), at);
        expect(copyBytes(source, start, end, target, at)).toBe(at + end - start);
        expect(target).toEqual(expected);
      }),
      { numRuns: 500, seed: 64 },
    );
  });
});
