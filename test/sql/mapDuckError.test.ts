import { describe, expect, it } from 'vitest';
import { mapDuckError } from '../../src/sql/mapDuckError.js';

describe('mapDuckError', () => {
  it("maps DuckDB's INTERRUPT error (upper case in DuckDB 1.5) to a cancelled instance", () => {
    const error = mapDuckError(new Error('INTERRUPT Error: Interrupted!'), { line: 1, column: 1 });
    expect(error.format()).toBe('FAILED: ODPS-0120031:[1,1] Instance has been cancelled - Interrupted!');
  });

  it('keeps the kind of a parser error and places it at the caret', () => {
    const error = mapDuckError(new Error('Parser Error: syntax error at or near "FORM"\n\nLINE 1: SELECT 1 FORM t\n                 ^'), { line: 2, column: 3 });
    expect(error.format()).toBe("FAILED: ODPS-0130161:[2,12] Parse exception - invalid token 'FORM'");
  });

  it('places an unexpected end of input where the statement ends', () => {
    const error = mapDuckError(new Error('Parser Error: syntax error at end of input'), { line: 1, column: 1 }, undefined, { line: 3, column: 9 });
    expect(error.format()).toBe('FAILED: ODPS-0130161:[3,9] Parse exception - unexpected end of statement');
  });
});
