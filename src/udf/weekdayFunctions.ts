import { bindOnce } from './bindOnce.js';
import type { FunctionFamily } from './FunctionFamily.js';
import { raiseFunctionError as raise } from './raiseFunctionError.js';
import { quoteLiteral as lit } from '../sql/quoteIdentifier.js';

/** The STRING forms DAYOFWEEK reads: yyyy-mm-dd, then optionally hh:mi:ss and .ff3; anything else is NULL. */
const DATE_TEXT = String.raw`\d{4}-\d{2}-\d{2}( \d{2}:\d{2}:\d{2}(\.\d{1,3})?)?`;

const STRING_REFUSED = raise(
  lit('WEEKDAY'),
  'badType',
  lit('date (argument 1) must be a DATETIME, got STRING (MaxCompute 2.0 converts no STRING here): write WEEKDAY(CAST(s AS DATETIME))'),
);

/**
 * MaxCompute's WEEKDAY and DAYOFWEEK, which number the days otherwise than
 * DuckDB's functions of the same names (0 = Sunday ... 6 = Saturday):
 * - WEEKDAY(datetime) is a BIGINT, 0 = Monday ... 6 = Sunday;
 * - DAYOFWEEK(date) is an INT, 1 = Sunday ... 7 = Saturday, of a DATE,
 *   DATETIME or TIMESTAMP, or of a STRING in the form yyyy-mm-dd[ hh:mi:ss[.ff3]]
 *   (NULL for a STRING of another form or no such day).
 * DuckDB's own `isodow`, `dayofweek` (under `date_part`) and the rest stay as they are.
 */
export function weekdayFunctions(): FunctionFamily {
  return {
    functions: [],
    macros: [
      // A STRING overload beside each untyped one, which a bare NULL finds too: WEEKDAY refuses a STRING
      // (MaxCompute 2.0 converts none), DAYOFWEEK reads one in MaxCompute's forms only.
      `CREATE OR REPLACE TEMP MACRO __ossduck_typed_weekday
        (d VARCHAR) AS CASE WHEN d IS NOT NULL THEN CAST(${STRING_REFUSED} AS BIGINT) END,
        (d) AS CAST(system.main.isodow(d) - 1 AS BIGINT)`,
      bindOnce('weekday', '__ossduck_typed_weekday', [{ parameters: ['d'] }]),
      `CREATE OR REPLACE TEMP MACRO __ossduck_typed_dayofweek
        (d VARCHAR) AS CASE WHEN regexp_full_match(d, ${lit(DATE_TEXT)})
          THEN CAST(system.main.dayofweek(TRY_CAST(d AS TIMESTAMP)) + 1 AS INTEGER) END,
        (d) AS CAST(system.main.dayofweek(d) + 1 AS INTEGER)`,
      bindOnce('dayofweek', '__ossduck_typed_dayofweek', [{ parameters: ['d'] }]),
    ],
  };
}
