import type { FunctionFamily } from './FunctionFamily.js';

/**
 * MaxCompute's FLOOR, CEIL and CEILING, which return a BIGINT: DuckDB's keep
 * the argument's type, so `FLOOR(id / 100)` is the DOUBLE 3.0 and
 * `CONCAT('bucket_', FLOOR(id / 100))` would be 'bucket_3.0' where MaxCompute
 * gives 'bucket_3'. DuckDB's functions are called by their full name, as
 * these macros take their names.
 */
export function floorAndCeilFunctions(): FunctionFamily {
  const rounded = (name: string, duck: string): string => `CREATE OR REPLACE TEMP MACRO ${name} (number) AS CAST(system.main.${duck}(number) AS BIGINT)`;
  return { functions: [], macros: [rounded('floor', 'floor'), rounded('ceil', 'ceil'), rounded('ceiling', 'ceil')] };
}
