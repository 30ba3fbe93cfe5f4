import { GET_DATA_FROM_OSS } from './getDataFromOss.js';
import { GET_SIGNED_URL_FROM_OSS } from './getSignedUrlFromOss.js';
import { OSSDUCK_EXPLAIN_URL } from './ossduckExplainUrl.js';
import { OSSDUCK_LINT_KEY } from './ossduckLintKey.js';
import { OSSDUCK_PRESIGN } from './ossduckPresign.js';
import { MAXCOMPUTE_USAGE } from './registerMaxComputeFunctions.js';
import type { MAXCOMPUTE_FUNCTIONS } from './registerMaxComputeFunctions.js';
import { MAX_CONCAT_ARGUMENTS } from './concatFunctions.js';
import { MAX_DECODE_ARGUMENTS } from './conditionalFunctions.js';

/** How many arguments a scalar function ossduck provides takes, and how it is called. */
export interface FunctionArity {
  readonly counts: readonly number[];
  readonly usage: string;
}

const MAXCOMPUTE_COUNTS: Readonly<Record<(typeof MAXCOMPUTE_FUNCTIONS)[number], readonly number[]>> = {
  STRING: [1],
  GETDATE: [0],
  DATEADD: [3],
  DATEDIFF: [2, 3],
  TO_DATE: [1, 2],
  TO_CHAR: [1, 2],
  FROM_UNIXTIME: [1],
  UNIX_TIMESTAMP: [0, 1],
  CONCAT: Array.from({ length: MAX_CONCAT_ARGUMENTS + 1 }, (_, n) => n),
  SUBSTR: [2, 3],
  SUBSTRING: [2, 3],
  REGEXP_EXTRACT: [2, 3],
  REGEXP_EXTRACT_ALL: [2, 3],
  REGEXP_REPLACE: [3, 4],
  FLOOR: [1],
  CEIL: [1],
  CEILING: [1],
  NVL: [2],
  SPLIT: [2, 3],
  WEEKDAY: [1],
  DAYOFWEEK: [1],
  DATEPART: [2],
  DATETRUNC: [2],
  DATE_ADD: [2],
  DATE_SUB: [2],
  LAST_DAY: [1, 2],
  LASTDAY: [1],
  ADD_MONTHS: [2],
  MONTHS_BETWEEN: [2],
  NEXT_DAY: [2],
  TO_MILLIS: [1],
  CURRENT_TIMESTAMP: [0],
  NOW: [0],
  DATE_FORMAT: [2],
  ISDATE: [2],
  SPLIT_PART: [3, 4],
  URL_ENCODE: [1, 2],
  URL_DECODE: [1, 2],
  LN: [1],
  LOG: [1, 2],
  SQRT: [1],
  TOLOWER: [1],
  TOUPPER: [1],
  GET_JSON_OBJECT: [2],
  INSTR: [2, 3, 4],
  WM_CONCAT: [2],
  COLLECT_LIST: [1],
  COLLECT_SET: [1],
  KEYVALUE: [2, 4],
  DECODE: [1, ...Array.from({ length: MAX_DECODE_ARGUMENTS - 2 }, (_, n) => n + 3)],
  CONCAT_WS: Array.from({ length: MAX_CONCAT_ARGUMENTS - 1 }, (_, n) => n + 2),
};

/**
 * Every scalar function ossduck provides, by upper-case name: the argument
 * counts it takes. A call with another count fails with MaxCompute's
 * ODPS-0130221 (test/session/argumentCount.test.ts calls each one with 0 to 7
 * arguments against this table).
 */
export const FUNCTION_ARITY: Readonly<Record<string, FunctionArity>> = {
  [GET_SIGNED_URL_FROM_OSS]: {
    counts: [2, 3, 4, 5],
    usage:
      'call it as GET_SIGNED_URL_FROM_OSS(table, key [, ttl | expiration [, method]]) or GET_SIGNED_URL_FROM_OSS(table, key, ttl, expiration, method)',
  },
  [GET_DATA_FROM_OSS]: { counts: [2, 3, 4, 5], usage: 'call it as GET_DATA_FROM_OSS(table, key [, offset [, length [, object_not_found_policy]]])' },
  [OSSDUCK_PRESIGN]: { counts: [2, 3], usage: "call it as OSSDUCK_PRESIGN(table, key [, options]), options a MAP such as MAP {'ttl': '600'}" },
  [OSSDUCK_EXPLAIN_URL]: { counts: [1, 2], usage: 'call it as OSSDUCK_EXPLAIN_URL(url [, method])' },
  [OSSDUCK_LINT_KEY]: { counts: [1], usage: 'call it as OSSDUCK_LINT_KEY(key)' },
  ...Object.fromEntries(
    Object.entries(MAXCOMPUTE_COUNTS).map(([name, counts]) => [name, { counts, usage: `call it as ${MAXCOMPUTE_USAGE[name as keyof typeof MAXCOMPUTE_COUNTS]}` }]),
  ),
};
