import { DuckDBScalarFunction } from '@duckdb/node-api';
import type { DuckDBDataChunk, DuckDBType, DuckDBVector } from '@duckdb/node-api';
import type { FunctionErrors } from './FunctionContext.js';

export interface ScalarFunctionSpec {
  readonly name: string;
  readonly returnType: DuckDBType;
  readonly parameterTypes?: readonly DuckDBType[];
  /** Any number of arguments of this type (ANY: every call shape reaches `main`). */
  readonly varArgsType?: DuckDBType;
  /** Clock-dependent functions must be volatile so DuckDB neither folds nor caches them. */
  readonly volatile?: boolean;
  /** Called with NULL arguments too (otherwise DuckDB answers NULL without calling). */
  readonly specialHandling?: boolean;
  readonly main: (chunk: DuckDBDataChunk, output: DuckDBVector) => void;
}

/**
 * A JavaScript scalar function whose errors reach the user whole: an error
 * it throws is recorded in `errors` first, so the session can report the
 * ossduck error (code, detail, the call's position) rather than DuckDB's
 * one-line rendering of it.
 */
export function scalarFunction(errors: FunctionErrors, spec: ScalarFunctionSpec): DuckDBScalarFunction {
  return DuckDBScalarFunction.create({
    name: spec.name,
    returnType: spec.returnType,
    ...(spec.parameterTypes ? { parameterTypes: spec.parameterTypes } : {}),
    ...(spec.varArgsType ? { varArgsType: spec.varArgsType } : {}),
    ...(spec.volatile ? { volatile: true } : {}),
    ...(spec.specialHandling ? { specialHandling: true } : {}),
    mainFunction: (_info, chunk, output) => {
      try {
        spec.main(chunk, output);
      } catch (error) {
        errors.record(error as Error);
        throw error;
      }
    },
  });
}
