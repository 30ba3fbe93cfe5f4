import type { DuckDBScalarFunction } from '@duckdb/node-api';

/**
 * A family of MaxCompute functions as DuckDB gets them: JavaScript scalar
 * functions (registered first) and `CREATE OR REPLACE TEMP MACRO` statements
 * (run after, in order; they may call the functions and earlier macros).
 */
export interface FunctionFamily {
  readonly functions: readonly DuckDBScalarFunction[];
  readonly macros: readonly string[];
}
