import type { FunctionFamily } from './FunctionFamily.js';

/**
 * MaxCompute's aggregates WM_CONCAT(separator, colname), COLLECT_LIST(colname)
 * and COLLECT_SET(colname), as macros over DuckDB's aggregates: a row whose
 * value is NULL takes no part (DuckDB's list keeps NULLs), and a group with
 * no value gives NULL. WM_CONCAT is string_agg with its arguments the other
 * way round, a number or date taken as its text; the separator must be a
 * constant, as MaxCompute's page says. They work in GROUP BY and with OVER.
 */
export function collectFunctions(): FunctionFamily {
  return {
    functions: [],
    macros: [
      'CREATE OR REPLACE TEMP MACRO wm_concat (separator, colname) AS string_agg(CAST(colname AS VARCHAR), separator)',
      'CREATE OR REPLACE TEMP MACRO collect_list (colname) AS list(colname) FILTER (WHERE colname IS NOT NULL)',
      'CREATE OR REPLACE TEMP MACRO collect_set (colname) AS list(DISTINCT colname) FILTER (WHERE colname IS NOT NULL)',
    ],
  };
}
