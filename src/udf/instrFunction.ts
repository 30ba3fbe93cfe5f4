import { bindOnce } from './bindOnce.js';
import type { FunctionFamily } from './FunctionFamily.js';
import { raiseFunctionError as raise } from './raiseFunctionError.js';
import { asMaxComputeText } from './substrAndRegexpFunctions.js';
import { quoteLiteral as lit } from '../sql/quoteIdentifier.js';

/** The integer types a start position or nth appearance may have (MaxCompute: BIGINT; other types are an error). */
const INTEGER_TYPES = ['TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'UTINYINT', 'USMALLINT', 'UINTEGER', 'UBIGINT', 'HUGEINT', '"NULL"'].map(lit).join(', ');
const notInteger = (p: string, what: string): string =>
  `WHEN typeof(${p}) NOT IN (${INTEGER_TYPES}) THEN CAST(${raise(lit('INSTR'), 'badType', `'${what} must be BIGINT, got ' || typeof(${p})`)} AS BIGINT)`;
const NTH_BELOW_ONE = raise(lit('INSTR'), 'outOfRange', `'nth_appearance (argument 4) must be 1 or more, got ' || CAST(n AS VARCHAR)`);

/**
 * SQL of the start of the `count`-th appearance of `needle` in `text`
 * searching right from position `from`, or -1: DuckDB's instr run on what
 * follows each appearance found, `count` times. Appearances may overlap,
 * as the next search starts one character after the last appearance's start.
 */
const forward = (text: string, needle: string, from: string, count: string): string => {
  const after = (at: string): string => `coalesce(nullif(system.main.instr(system.main.substring(${text}, ${at} + 1), ${needle}), 0) + ${at}, -1)`;
  // The first appearance (the three-argument form) needs no loop.
  if (count === '1') return after(`(${from} - 1)`);
  return `list_reduce(range(${count}), lambda acc, k: CASE WHEN acc < 0 THEN -1 ELSE ${after('acc')} END, ${from} - 1)`;
};

/**
 * The position of the n-th appearance (`n`, SQL: the parameter or 1) of `t`
 * in `s` (SQL of text), searching right from position p, or, for a negative
 * p, left from the p-th character from the end (-1 the last): the search
 * right in the reversed text for the reversed `t`, from where an appearance
 * starting at that character ends, mapped back. 0 when there is none.
 */
const nth = (s: string, t: string, n: string): string => {
  const index = n === 'n' ? 'CAST(n AS BIGINT)' : '1';
  const checked = n === 'n' ? `${notInteger('n', 'nth_appearance (argument 4)')} WHEN n IS NULL THEN NULL WHEN n < 1 THEN CAST(${NTH_BELOW_ONE} AS BIGINT)` : '';
  const start = 'CAST(p AS BIGINT)';
  const reversedFrom = `greatest(1, -${start} - length(${t}) + 1)`;
  const right = forward(s, t, start, index);
  const left = forward(`reverse(${s})`, `reverse(${t})`, reversedFrom, index);
  return `CASE ${notInteger('p', 'start_position (argument 3)')} WHEN s IS NULL OR t IS NULL OR p IS NULL THEN NULL ${checked}
    WHEN p > 0 THEN greatest(${right}, 0)
    WHEN p < 0 THEN list_transform([${left}], lambda __ossduck_r: CASE WHEN __ossduck_r < 0 THEN 0 ELSE length(${s}) - __ossduck_r - length(${t}) + 2 END)[1]
    ELSE 0 END`;
};

/**
 * MaxCompute's INSTR(str1, str2[, start_position[, nth_appearance]]). The
 * two-argument form is DuckDB's instr (a BIGINT, 0 when str2 is not found,
 * 1 for an empty str2); the start position and the nth appearance are
 * MaxCompute's, which DuckDB's instr has not. A start of 0 finds nothing
 * (0). An nth_appearance below 1 is an error, as MaxCompute's page says. A
 * BIGINT, DOUBLE, DECIMAL or DATETIME str1 or str2 is taken as its STRING.
 */
export function instrFunction(): FunctionFamily {
  // One argument may be a STRING while the other is a number: a STRING (or NULL) stays as it is.
  const text = (p: 's' | 't'): string =>
    `(CASE WHEN typeof(${p}) IN ('VARCHAR', '"NULL"') THEN CAST(${p} AS VARCHAR) ELSE ${asMaxComputeText('INSTR', p, p === 's' ? 'str1 (argument 1)' : 'str2 (argument 2)')} END)`;
  return {
    functions: [],
    macros: [
      `CREATE OR REPLACE TEMP MACRO __ossduck_instr
        (s VARCHAR, t VARCHAR) AS CAST(system.main.instr(s, t) AS BIGINT),
        (s, t) AS CAST(system.main.instr(${text('s')}, ${text('t')}) AS BIGINT),
        (s VARCHAR, t VARCHAR, p) AS ${nth('s', 't', '1')},
        (s VARCHAR, t VARCHAR, p, n) AS ${nth('s', 't', 'n')},
        (s, t, p) AS ${nth(text('s'), text('t'), '1')},
        (s, t, p, n) AS ${nth(text('s'), text('t'), 'n')}`,
      bindOnce('instr', '__ossduck_instr', [{ parameters: ['s', 't'] }, { parameters: ['s', 't', 'p'], constants: ['t', 'p'] }, { parameters: ['s', 't', 'p', 'n'], constants: ['t', 'p', 'n'] }]),
    ],
  };
}
