import { bindOnce } from './bindOnce.js';
import type { FunctionFamily } from './FunctionFamily.js';
import { raiseFunctionError as raise } from './raiseFunctionError.js';
import { asMaxComputeText } from './substrAndRegexpFunctions.js';
import { quoteLiteral as lit } from '../sql/quoteIdentifier.js';

const START_BELOW_ONE = raise(lit('SPLIT_PART'), 'outOfRange', `'start (argument 3) must be 1 or more, got ' || CAST(a AS VARCHAR)`);
const END_BEFORE_START = raise(
  lit('SPLIT_PART'),
  'outOfRange',
  `'end (argument 4) must be start (' || CAST(a AS VARCHAR) || ') or more, got ' || CAST(b AS VARCHAR)`,
);

/** SPLIT_PART(t, sep, a) of the text `t` (SQL), the parameters `sep` and `a` as the inner macro names them. */
const one = (t: string): string =>
  `CASE WHEN a IS NULL THEN NULL WHEN a < 1 THEN CAST(${START_BELOW_ONE} AS VARCHAR) WHEN sep = '' THEN ${t} ELSE system.main.split_part(${t}, sep, a) END`;
/** SPLIT_PART(t, sep, a, b): the segments a to b, joined by sep again. */
const range = (t: string): string =>
  `CASE WHEN a IS NULL OR b IS NULL THEN NULL WHEN a < 1 THEN CAST(${START_BELOW_ONE} AS VARCHAR)
    WHEN b < a THEN CAST(${END_BEFORE_START} AS VARCHAR) WHEN sep = '' THEN ${t}
    ELSE array_to_string(string_split(${t}, sep)[a:b], sep) END`;

/**
 * MaxCompute's SPLIT_PART(str, separator, start[, end]), where DuckDB's
 * split_part answers otherwise, silently: an empty separator gives str whole
 * (DuckDB splits it into characters), a start below 1 is an error (DuckDB
 * counts a negative start from the end and answers '' for 0), and `end`
 * gives the segments start to end joined by the separator (DuckDB has no
 * such form). A BIGINT, DOUBLE, DECIMAL or DATETIME str is taken as its
 * STRING; other types are refused. With a start of 1 or more and a
 * separator, the one-segment form is DuckDB's split_part.
 */
export function splitPartFunction(): FunctionFamily {
  const text = asMaxComputeText('SPLIT_PART', 's');
  return {
    functions: [],
    macros: [
      `CREATE OR REPLACE TEMP MACRO __ossduck_split_part
        (s VARCHAR, sep, a) AS ${one('s')},
        (s, sep, a) AS ${one(text)},
        (s VARCHAR, sep, a, b) AS ${range('s')},
        (s, sep, a, b) AS ${range(text)}`,
      bindOnce('split_part', '__ossduck_split_part', [
        { parameters: ['s', 'sep', 'a'], constants: ['sep', 'a'] },
        { parameters: ['s', 'sep', 'a', 'b'], constants: ['sep', 'a', 'b'] },
      ]),
    ],
  };
}
