import { describe, expect, it } from 'vitest';
import { parseRange } from '../../src/emulator/parseRange.js';
import type { RangeDecision } from '../../src/emulator/parseRange.js';

const full: RangeDecision = { kind: 'full' };
const unsatisfiable: RangeDecision = { kind: 'unsatisfiable' };
const part = (start: number, end: number): RangeDecision => ({ kind: 'partial', start, end });

/** [header, size, default answer, answer with x-oss-range-behavior: standard] — the OSS range doc's 1000-byte examples and edges. */
const CASES: readonly [string | undefined, number, RangeDecision, RangeDecision][] = [
  [undefined, 1000, full, full],
  ['bytes=0-499', 1000, part(0, 499), part(0, 499)],
  ['bytes=500-999', 1000, part(500, 999), part(500, 999)],
  ['bytes=0-0', 1000, part(0, 0), part(0, 0)],
  ['bytes=999-999', 1000, part(999, 999), part(999, 999)],
  ['bytes=-500', 1000, part(500, 999), part(500, 999)],
  ['bytes=-1', 1000, part(999, 999), part(999, 999)],
  ['bytes=500-', 1000, part(500, 999), part(500, 999)],
  ['bytes=0-', 1000, part(0, 999), part(0, 999)],
  ['bytes=0-1000', 1000, full, part(0, 999)],
  ['bytes=500-2000', 1000, full, part(500, 999)],
  ['bytes=1000-2000', 1000, full, unsatisfiable],
  ['bytes=1000-', 1000, full, unsatisfiable],
  ['bytes=-2000', 1000, full, part(0, 999)],
  ['bytes=-0', 1000, full, unsatisfiable],
  ['byte=0-499', 1000, full, full],
  ['bytes=abc', 1000, full, full],
  ['bytes=-', 1000, full, full],
  ['bytes=5-3', 1000, full, full],
  ['bytes=0-1,3-4', 1000, full, unsatisfiable],
  ['bytes=0-99999999999999999999999', 1000, full, part(0, 999)],
  ['bytes=0-', 0, full, unsatisfiable],
  ['bytes=-5', 0, full, unsatisfiable],
  [' bytes=1-2 ', 10, part(1, 2), part(1, 2)],
];

describe('parseRange', () => {
  for (const [header, size, lenient, standard] of CASES) {
    it(`${JSON.stringify(header)} on ${size} bytes`, () => {
      expect(parseRange(header, size, false)).toEqual(lenient);
      expect(parseRange(header, size, true)).toEqual(standard);
    });
  }
});
