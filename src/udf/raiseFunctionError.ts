import { BOOLEAN, VARCHAR } from '@duckdb/node-api';
import type { DuckDBScalarFunction } from '@duckdb/node-api';
import { FunctionError } from './FunctionError.js';
import { argumentColumns } from './readArguments.js';
import { scalarFunction } from './scalarFunction.js';
import type { FunctionErrors } from './FunctionContext.js';

export const RAISE_FUNCTION = '__ossduck_raise';

/** Which FunctionError to raise: Invalid arguments, Argument value out of range, Invalid argument type. */
export type FailureKind = 'invalid' | 'outOfRange' | 'badType';

const KINDS: Readonly<Record<FailureKind, (fn: string, detail: string) => FunctionError>> = {
  invalid: FunctionError.invalid,
  outOfRange: FunctionError.outOfRange,
  badType: FunctionError.badType,
};

/**
 * SQL that fails the statement with a FunctionError of `fnSql` when DuckDB
 * evaluates it, for the macros' argument checks. It is a NULL of no type,
 * so it fits any CASE branch: `CASE WHEN bad THEN <raise> ELSE value END`.
 * DuckDB evaluates a CASE branch only for the rows that reach it, so good
 * rows never call it. Arguments are SQL expressions (`'DATEADD'`, `fn`).
 */
export function raiseFunctionError(fnSql: string, kind: FailureKind, detailSql: string): string {
  return `(CASE WHEN ${RAISE_FUNCTION}(${fnSql}, '${kind}', ${detailSql}) THEN NULL END)`;
}

/**
 * `__ossduck_raise(fn, kind, detail)`: throws the FunctionError the first
 * row describes. Volatile, so DuckDB never evaluates it ahead of the rows.
 */
export function createRaiseFunction(errors: FunctionErrors): DuckDBScalarFunction {
  return scalarFunction(errors, {
    name: RAISE_FUNCTION,
    returnType: BOOLEAN,
    parameterTypes: [VARCHAR, VARCHAR, VARCHAR],
    volatile: true,
    specialHandling: true,
    main: (chunk) => {
      const [fn, kind, detail] = argumentColumns(chunk).map((c) => (c.vector?.getItem(0) ?? null) as string | null);
      const make = KINDS[(kind ?? 'invalid') as FailureKind] ?? FunctionError.invalid;
      throw make(fn ?? 'function', detail ?? 'an argument is not allowed');
    },
  });
}
