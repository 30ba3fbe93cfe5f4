import type { FunctionFamily } from './FunctionFamily.js';

/** The most arguments DECODE takes here (a DuckDB macro has one overload per count). */
export const MAX_DECODE_ARGUMENTS = 64;

/** The lambda parameter DECODE's expression is bound to. */
const EXPRESSION = '__ossduck_expression';

/**
 * MaxCompute's NVL and DECODE, which DuckDB does not have (its `decode`
 * turns a BLOB into text, and keeps doing so with one argument):
 * - NVL(value, default): `default` when `value` is NULL.
 * - DECODE(expression, search1, result1[, search2, result2]...[, default]):
 *   the result of the first search equal to the expression, a NULL search
 *   matching a NULL expression; else `default`, or NULL. The expression is
 *   bound once, in a lambda, so it is named once and runs once.
 */
export function conditionalFunctions(): FunctionFamily {
  const decode = [`(x) AS system.main.decode(x)`];
  for (let count = 3; count <= MAX_DECODE_ARGUMENTS; count++) {
    const pairs = Math.floor((count - 1) / 2);
    const names = Array.from({ length: count - 1 }, (_, i) => (i < pairs * 2 ? `${i % 2 === 0 ? 'search' : 'result'}${Math.floor(i / 2) + 1}` : 'otherwise'));
    const whens = Array.from({ length: pairs }, (_, i) => `WHEN ${EXPRESSION} IS NOT DISTINCT FROM search${i + 1} THEN result${i + 1}`).join(' ');
    const otherwise = names.includes('otherwise') ? ' ELSE otherwise' : '';
    decode.push(`(expression, ${names.join(', ')}) AS list_transform([expression], lambda ${EXPRESSION}: CASE ${whens}${otherwise} END)[1]`);
  }
  return {
    functions: [],
    macros: [`CREATE OR REPLACE TEMP MACRO nvl (value, otherwise) AS coalesce(value, otherwise)`, `CREATE OR REPLACE TEMP MACRO decode\n      ${decode.join(',\n      ')}`],
  };
}
