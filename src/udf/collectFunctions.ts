import type { FunctionFamily } from './FunctionFamily.js';
import { WM_CONCAT_DISTINCT, WM_CONCAT_ORDERED } from '../sql/wmConcatRewrites.js';

/**
 * The MaxCompute aggregates made here. Their macros may name an argument
 * twice (`list(x) FILTER (WHERE x IS NOT NULL)`): an aggregate's argument
 * cannot hold another aggregate, so the copy cannot nest, and an aggregate
 * cannot sit inside bindOnce's lambdas.
 */
export const MAXCOMPUTE_AGGREGATES: readonly string[] = ['WM_CONCAT', 'COLLECT_LIST', 'COLLECT_SET'];

/**
 * MaxCompute's aggregates WM_CONCAT(separator, colname), COLLECT_LIST(colname)
 * and COLLECT_SET(colname), as macros over DuckDB's aggregates: a row whose
 * value is NULL takes no part (DuckDB's list keeps NULLs), and a group with
 * no value gives NULL. WM_CONCAT is string_agg with its arguments the other
 * way round, a number or date taken as its text; the separator must be a
 * constant, as MaxCompute's page says. They work in GROUP BY and with OVER.
 * `WM_CONCAT(DISTINCT ...)`, `WITHIN GROUP (ORDER BY ...)` and
 * `COLLECT_LIST(DISTINCT x)` reach the macros made here for them through
 * src/sql/wmConcatRewrites.ts.
 */
export function collectFunctions(): FunctionFamily {
  return {
    functions: [],
    macros: [
      'CREATE OR REPLACE TEMP MACRO wm_concat (separator, colname) AS string_agg(CAST(colname AS VARCHAR), separator)',
      `CREATE OR REPLACE TEMP MACRO ${WM_CONCAT_DISTINCT} (separator, colname) AS string_agg(DISTINCT CAST(colname AS VARCHAR), separator)`,
      `CREATE OR REPLACE TEMP MACRO ${WM_CONCAT_ORDERED} (separator, l) AS
        CASE WHEN len(list_filter(l, lambda v: v IS NOT NULL)) > 0 THEN array_to_string(l, separator) END`,
      'CREATE OR REPLACE TEMP MACRO collect_list (colname) AS list(colname) FILTER (WHERE colname IS NOT NULL)',
      'CREATE OR REPLACE TEMP MACRO collect_set (colname) AS list(DISTINCT colname) FILTER (WHERE colname IS NOT NULL)',
    ],
  };
}
