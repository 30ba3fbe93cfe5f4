import { describe, expect, it } from 'vitest';
import { formatDuration, formatInstant } from '../../../src/oss/explain/formatDuration.js';

describe('formatDuration', () => {
  const CASES: [number, string][] = [
    [0, '0 s'],
    [59, '59 s'],
    [60, '1 min'],
    [65, '1 min 5 s'],
    [7201, '2 h 1 s'],
    [90061, '1 d 1 h 1 min 1 s'],
    [604800, '7 d'],
    [-3601, '1 h 1 s'],
    [59.9, '59 s'],
  ];
  for (const [seconds, text] of CASES) {
    it(`${seconds} s is '${text}'`, () => {
      expect(formatDuration(seconds)).toBe(text);
    });
  }
});

describe('formatInstant', () => {
  it('is ISO 8601 UTC to the second, with milliseconds only when there are some', () => {
    expect(formatInstant(Date.UTC(2026, 10, 23, 12, 0, 0))).toBe('2026-11-23T12:00:00Z');
    expect(formatInstant(Date.UTC(2026, 10, 23, 12, 0, 0, 250))).toBe('2026-11-23T12:00:00.250Z');
  });
});
