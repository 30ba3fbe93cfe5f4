import { bindOnce } from './bindOnce.js';
import type { FunctionFamily } from './FunctionFamily.js';
import { INTEGER_CASTS } from '../sql/castRewrites.js';
import { quoteLiteral as lit } from '../sql/quoteIdentifier.js';

/** A STRING in MaxCompute's INTEGER form (spaces around allowed, as DuckDB's cast allows them): cast directly, every digit kept. */
const INTEGER_TEXT = String.raw`\s*[+-]?\d+\s*`;

/**
 * `CAST(x AS BIGINT)` (and INT, SMALLINT, TINYINT) as MaxCompute casts:
 * the fraction of a DOUBLE, FLOAT or DECIMAL is cut off, towards zero
 * (MaxCompute's example: CAST(1.6 AS BIGINT) = 1), where DuckDB's cast
 * rounds (2). A STRING in the INTEGER form is cast directly; one in a
 * FLOAT or exponent form goes through DOUBLE and is cut too ('1.6' is 1).
 * A DECIMAL is cut in its text, so no digit is lost to a DOUBLE. Every
 * other type, and a STRING that is no number, is DuckDB's cast (and its
 * error, naming the value). The value is bound once (`bindOnce`).
 */
export function integerCastFunctions(): FunctionFamily {
  return {
    functions: [],
    macros: Object.entries(INTEGER_CASTS).flatMap(([type, name]) => [
      // One typed overload beside the untyped one: a bare NULL finds the typed one.
      `CREATE OR REPLACE TEMP MACRO __ossduck_typed${name}
        (x VARCHAR) AS CASE WHEN regexp_full_match(x, ${lit(INTEGER_TEXT)}) THEN CAST(x AS ${type})
          WHEN TRY_CAST(x AS DOUBLE) IS NOT NULL THEN CAST(trunc(CAST(x AS DOUBLE)) AS ${type})
          ELSE CAST(x AS ${type}) END,
        (x) AS CASE WHEN typeof(x) IN ('FLOAT', 'DOUBLE') THEN CAST(trunc(TRY_CAST(x AS DOUBLE)) AS ${type})
          WHEN starts_with(typeof(x), 'DECIMAL') THEN CAST(system.main.split_part(CAST(x AS VARCHAR), '.', 1) AS ${type})
          ELSE CAST(x AS ${type}) END`,
      bindOnce(name, `__ossduck_typed${name}`, [{ parameters: ['x'] }]),
    ]),
  };
}
