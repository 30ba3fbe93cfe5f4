import { describe, expect, it } from 'vitest';
import { mapDuckError, tableFunctionMisuse } from '../../src/session/mapDuckError.js';
import type { TableFunctionUsage } from '../../src/udf/tableFunction.js';

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

describe('tableFunctionMisuse', () => {
  const usage: TableFunctionUsage = {
    name: 'oss_presign_prefix',
    positional: [{ name: 'location', type: 'STRING' }],
    named: ['ttl', 'method'],
    usage: 'call it as oss_presign_prefix(location, ttl := 3600)',
  };

  it("turns DuckDB's unmatched calls and unknown named parameters into the function's own errors, at the caret", () => {
    const unmatched = mapDuckError(
      new Error(
        "Binder Error: No function matches the given name and argument types 'oss_presign_prefix(STRUCT(a INTEGER, b VARCHAR), VARCHAR)'. You might need to add explicit type casts.\n" +
          '\tCandidate functions:\n\toss_presign_prefix(VARCHAR, ttl : ANY)\n\n\nLINE 1: SELECT * FROM oss_presign_prefix({...})\n                      ^',
      ),
      { line: 3, column: 1 },
      undefined,
      undefined,
      [usage],
    );
    expect(unmatched.format()).toBe(
      'FAILED: ODPS-0130221:[3,15] Invalid number of arguments - function oss_presign_prefix needs 1 parameters, actually have 2; ' +
        'location STRING by position, then the named parameters ttl, method: call it as oss_presign_prefix(location, ttl := 3600)',
    );
    const named = mapDuckError(new Error('Binder Error: Invalid named parameter "TTL2" for function oss_presign_prefix\nCandidates:\n    ttl ANY'), { line: 1, column: 1 }, undefined, undefined, [usage]);
    expect(named.format()).toBe(
      'FAILED: ODPS-0121095:[1,1] Invalid arguments - oss_presign_prefix: there is no parameter TTL2; allowed: location (by position), then ttl, method (by name, as name := value): ' +
        'call it as oss_presign_prefix(location, ttl := 3600)',
    );
  });

  it("leaves DuckDB's own functions to DuckDB's message", () => {
    const error = mapDuckError(new Error("Binder Error: No function matches the given name and argument types 'read_csv()'."), { line: 1, column: 1 }, undefined, undefined, [usage]);
    expect(error.detail).toBe("No function matches the given name and argument types 'read_csv()'.");
    expect(tableFunctionMisuse('Binder Error: Invalid named parameter "x" for function read_csv', [usage])).toBeUndefined();
  });

  it("names how a MaxCompute function is called when a call matches none of its forms, and leaves DuckDB's own functions", () => {
    const macro = mapDuckError(
      new Error('Binder Error: Macro dateadd() does not support the supplied arguments. You might need to add explicit type casts.\nLINE 1: SELECT DATEADD(GETDATE(), 1)\n               ^'),
      { line: 1, column: 1 },
    );
    expect(macro.format()).toBe(
      "FAILED: ODPS-0130071:[1,8] Semantic analysis exception - DATEADD: the arguments match none of its forms; it takes DATEADD(date, delta, datepart): date a DATE, DATETIME or TIMESTAMP, delta a BIGINT, datepart a STRING constant such as 'dd'",
    );
    const getdate = mapDuckError(new Error("Binder Error: No function matches the given name and argument types 'GETDATE(INTEGER_LITERAL)'. You might need to add explicit type casts."), { line: 2, column: 3 });
    expect(getdate.detail).toBe('GETDATE: the arguments match none of its forms; it takes GETDATE(), with no argument');
    const duck = mapDuckError(new Error("Binder Error: No function matches the given name and argument types 'abs(STRING_LITERAL)'. You might need to add explicit type casts."), { line: 1, column: 1 });
    expect(duck.detail).toMatch(/^No function matches the given name and argument types 'abs/);
  });
});
