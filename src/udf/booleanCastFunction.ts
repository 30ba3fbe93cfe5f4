import { bindOnce } from './bindOnce.js';
import type { FunctionFamily } from './FunctionFamily.js';
import { BOOLEAN_CAST } from '../sql/castRewrites.js';

/**
 * `CAST(x AS BOOLEAN)` as MaxCompute casts: a STRING is false when it is
 * empty and true otherwise, whatever it says ('false' and '0' are true), as
 * Hive casts. DuckDB's cast reads words ('false', 'f', '0', 'no' are false)
 * and refuses other text. Every other type is DuckDB's cast (a number is
 * false when 0). The value is bound once (`bindOnce`).
 */
export function booleanCastFunction(): FunctionFamily {
  return {
    functions: [],
    macros: [
      // One typed overload beside the untyped one: a bare NULL finds the typed one.
      `CREATE OR REPLACE TEMP MACRO __ossduck_typed${BOOLEAN_CAST} (x VARCHAR) AS x <> '', (x) AS CAST(x AS BOOLEAN)`,
      bindOnce(BOOLEAN_CAST, `__ossduck_typed${BOOLEAN_CAST}`, [{ parameters: ['x'] }]),
    ],
  };
}
