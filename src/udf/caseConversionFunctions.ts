import { bindOnce } from './bindOnce.js';
import type { FunctionFamily } from './FunctionFamily.js';
import { asMaxComputeText } from './substrAndRegexpFunctions.js';

/** The inner macro of TOLOWER or TOUPPER (`name`), calling DuckDB's `duck` on a STRING, or on a number or date as its STRING. */
function inner(name: string, duck: string): string {
  return `CREATE OR REPLACE TEMP MACRO __ossduck_${name}
        (s VARCHAR) AS system.main.${duck}(s),
        (s) AS system.main.${duck}(${asMaxComputeText(name.toUpperCase(), 's')})`;
}

/**
 * MaxCompute's TOLOWER(source) and TOUPPER(source), DuckDB's lower and
 * upper under MaxCompute's names. A BIGINT, DOUBLE, DECIMAL or DATETIME
 * source is taken as its STRING, as MaxCompute converts it; other types are
 * refused.
 */
export function caseConversionFunctions(): FunctionFamily {
  return {
    functions: [],
    macros: [
      inner('tolower', 'lower'),
      bindOnce('tolower', '__ossduck_tolower', [{ parameters: ['s'] }]),
      inner('toupper', 'upper'),
      bindOnce('toupper', '__ossduck_toupper', [{ parameters: ['s'] }]),
    ],
  };
}
