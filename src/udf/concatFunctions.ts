import type { FunctionFamily } from './FunctionFamily.js';

/** The most arguments CONCAT and CONCAT_WS take here (a DuckDB macro has one overload per count). */
export const MAX_CONCAT_ARGUMENTS = 64;

/** The lambda parameter the separator is bound to. */
const SEP = '__ossduck_sep';

const names = (count: number): string[] => Array.from({ length: count }, (_, i) => `s${i + 1}`);

/**
 * MaxCompute's CONCAT and CONCAT_WS, whose result is NULL when any argument
 * is NULL (DuckDB's own skip NULL arguments: `concat('dir/', NULL, '.jpg')`
 * would be 'dir/.jpg', a key for another object). Both are DuckDB's `||`,
 * which is NULL with any NULL operand, turns numbers, dates and DATETIMEs
 * into text, and joins arrays. Each argument is named once (the separator
 * is bound once, in a lambda), so nesting costs linearly and a volatile
 * argument runs once.
 * - CONCAT(s1, ..., sn): NULL when any is NULL; CONCAT() is NULL.
 * - CONCAT_WS(sep, s1, ..., sn): the strings joined with `sep`, NULL when
 *   any (or `sep`) is NULL; CONCAT_WS(sep, array) joins the array's elements.
 */
export function concatFunctions(): FunctionFamily {
  const counts = Array.from({ length: MAX_CONCAT_ARGUMENTS + 1 }, (_, n) => n);
  const concat = counts.map((n) => (n === 0 ? '() AS CAST(NULL AS VARCHAR)' : `(${names(n).join(', ')}) AS (${names(n).join(' || ')})`));
  // The separator goes between every two strings: bound once, in a lambda, so it is named once.
  const joined = counts
    .filter((n) => n >= 2 && n <= MAX_CONCAT_ARGUMENTS - 1)
    .map((n) => `(sep, ${names(n).join(', ')}) AS list_transform([sep], lambda ${SEP}: ${names(n).join(` || ${SEP} || `)})[1]`);
  const one = `list_transform([sep], lambda ${SEP}: list_transform([s1], lambda __ossduck_s1: __ossduck_concat_ws_one(${SEP}, __ossduck_s1))[1])[1]`;
  return {
    functions: [],
    macros: [
      `CREATE OR REPLACE TEMP MACRO concat\n      ${concat.join(',\n      ')}`,
      // One typed overload beside an untyped one: a bare NULL still finds the untyped one.
      `CREATE OR REPLACE TEMP MACRO __ossduck_concat_ws_one (sep, s1 VARCHAR[]) AS CASE WHEN len(s1) = 0 THEN sep[0:0] ELSE list_reduce(s1, lambda a, b: a || sep || b) || sep[0:0] END, (sep, s1) AS (sep[0:0] || s1)`,
      `CREATE OR REPLACE TEMP MACRO concat_ws\n      (sep, s1) AS ${one},\n      ${joined.join(',\n      ')}`,
    ],
  };
}
