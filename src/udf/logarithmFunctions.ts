import { bindOnce } from './bindOnce.js';
import type { FunctionFamily } from './FunctionFamily.js';

/** A parameter as the DOUBLE the functions compute with: MaxCompute turns a STRING or BIGINT into a DOUBLE first. */
const D = (p: string): string => `CAST(${p} AS DOUBLE)`;

/**
 * MaxCompute's LN(number), LOG(base, x) and SQRT(number), which answer NULL
 * outside their domain where DuckDB's functions of the same names fail the
 * statement: LN of 0 or a negative number, LOG with a base or x of 0 or
 * less or a base of 1, SQRT of a negative number. A column holding a 0 then
 * gives NULL on that row rather than stopping the query. DuckDB's
 * one-argument `log(x)` (base 10) stays. A STRING or BIGINT is taken as its
 * DOUBLE, as MaxCompute converts them (a bound STRING would not compare
 * with 0). SQRT(0) stays 0 (MaxCompute's page says a number must be greater
 * than 0; Hive's SQRT, which it follows, answers 0).
 */
export function logarithmFunctions(): FunctionFamily {
  return {
    functions: [],
    macros: [
      `CREATE OR REPLACE TEMP MACRO __ossduck_ln (x) AS CASE WHEN ${D('x')} > 0 THEN system.main.ln(${D('x')}) ELSE CAST(NULL AS DOUBLE) END`,
      bindOnce('ln', '__ossduck_ln', [{ parameters: ['x'] }]),
      `CREATE OR REPLACE TEMP MACRO __ossduck_log
        (x) AS system.main.log(${D('x')}),
        (base, x) AS CASE WHEN ${D('base')} > 0 AND ${D('base')} <> 1 AND ${D('x')} > 0 THEN system.main.log(${D('base')}, ${D('x')}) ELSE CAST(NULL AS DOUBLE) END`,
      bindOnce('log', '__ossduck_log', [{ parameters: ['x'] }, { parameters: ['base', 'x'] }]),
      `CREATE OR REPLACE TEMP MACRO __ossduck_sqrt (x) AS CASE WHEN ${D('x')} < 0 THEN CAST(NULL AS DOUBLE) ELSE system.main.sqrt(${D('x')}) END`,
      bindOnce('sqrt', '__ossduck_sqrt', [{ parameters: ['x'] }]),
    ],
  };
}
