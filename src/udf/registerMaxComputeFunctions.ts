import type { DuckDBConnection } from '@duckdb/node-api';
import { dateFunctions } from './dateFunctions.js';
import type { FunctionFamily } from './FunctionFamily.js';
import { createRaiseFunction } from './raiseFunctionError.js';
import type { FunctionContext } from './FunctionContext.js';
import { stringFunction } from './stringFunction.js';
import { concatFunctions, MAX_CONCAT_ARGUMENTS } from './concatFunctions.js';
import { substrAndRegexpFunctions } from './substrAndRegexpFunctions.js';
import { floorAndCeilFunctions } from './floorAndCeilFunctions.js';
import { conditionalFunctions, MAX_DECODE_ARGUMENTS } from './conditionalFunctions.js';
import { splitFunction } from './splitFunction.js';
import { integerCastFunctions } from './integerCastFunctions.js';
import { weekdayFunctions } from './weekdayFunctions.js';
import { urlCodingFunctions } from './urlCodingFunctions.js';
import { splitPartFunction } from './splitPartFunction.js';
import { logarithmFunctions } from './logarithmFunctions.js';
import { booleanCastFunction } from './booleanCastFunction.js';
import { caseConversionFunctions } from './caseConversionFunctions.js';
import { keyvalueFunction } from './keyvalueFunction.js';
import { getJsonObjectFunction } from './getJsonObjectFunction.js';
import { instrFunction } from './instrFunction.js';
import { collectFunctions } from './collectFunctions.js';

/** The MaxCompute names these registrations own on the connection. */
export const MAXCOMPUTE_FUNCTIONS = [
  'STRING',
  'GETDATE',
  'DATEADD',
  'DATEDIFF',
  'TO_DATE',
  'TO_CHAR',
  'FROM_UNIXTIME',
  'UNIX_TIMESTAMP',
  'CONCAT',
  'CONCAT_WS',
  'SUBSTR',
  'SUBSTRING',
  'REGEXP_EXTRACT',
  'REGEXP_EXTRACT_ALL',
  'REGEXP_REPLACE',
  'FLOOR',
  'CEIL',
  'CEILING',
  'NVL',
  'DECODE',
  'SPLIT',
  'WEEKDAY',
  'DAYOFWEEK',
  'DATEPART',
  'DATETRUNC',
  'DATE_ADD',
  'DATE_SUB',
  'LAST_DAY',
  'LASTDAY',
  'ADD_MONTHS',
  'MONTHS_BETWEEN',
  'NEXT_DAY',
  'TO_MILLIS',
  'CURRENT_TIMESTAMP',
  'NOW',
  'DATE_FORMAT',
  'ISDATE',
  'SPLIT_PART',
  'URL_ENCODE',
  'URL_DECODE',
  'LN',
  'LOG',
  'SQRT',
  'TOLOWER',
  'TOUPPER',
  'GET_JSON_OBJECT',
  'INSTR',
  'WM_CONCAT',
  'COLLECT_LIST',
  'COLLECT_SET',
  'KEYVALUE',
] as const;

/** Those of MAXCOMPUTE_FUNCTIONS that SQL also calls without parentheses. */
export const MAXCOMPUTE_KEYWORDS = ['CURRENT_TIMESTAMP'] as const;

/** How each of MAXCOMPUTE_FUNCTIONS is called, for an error when a call matches none of its forms. */
export const MAXCOMPUTE_USAGE: Readonly<Record<(typeof MAXCOMPUTE_FUNCTIONS)[number], string>> = {
  STRING: 'STRING(value)',
  GETDATE: 'GETDATE(), with no argument',
  DATEADD: "DATEADD(date, delta, datepart): date a DATE, DATETIME or TIMESTAMP, delta a BIGINT, datepart a STRING constant such as 'dd'",
  DATEDIFF: "DATEDIFF(end_date, start_date[, datepart]): two DATE, DATETIME or TIMESTAMP values, and a STRING constant such as 'dd'",
  TO_DATE: "TO_DATE(date[, format]): a STRING, and a format such as 'yyyy-mm-dd hh:mi:ss'",
  TO_CHAR: "TO_CHAR(value) for a BOOLEAN or number, or TO_CHAR(date, format) with a format such as 'yyyy-mm-dd'",
  FROM_UNIXTIME: 'FROM_UNIXTIME(unixtime): seconds since 1970-01-01 00:00:00 UTC, a BIGINT',
  UNIX_TIMESTAMP: 'UNIX_TIMESTAMP() or UNIX_TIMESTAMP(date): a DATE, DATETIME, TIMESTAMP or STRING',
  CONCAT: `CONCAT(str1, str2, ...): up to ${MAX_CONCAT_ARGUMENTS} STRING (or BIGINT, DOUBLE, DECIMAL, DATETIME) values, or arrays; NULL when any is NULL`,
  SUBSTR: 'SUBSTR(str, start_position[, length]): positions from 1, or from the end when negative',
  SUBSTRING: 'SUBSTRING(str, start_position[, length]): positions from 1, or from the end when negative',
  REGEXP_EXTRACT: 'REGEXP_EXTRACT(source, pattern[, group_id]): group_id 1 when left out, 0 for the whole match',
  REGEXP_EXTRACT_ALL: 'REGEXP_EXTRACT_ALL(source, pattern[, group_id]): every match of group_id, 1 when left out, 0 for the whole match',
  REGEXP_REPLACE: 'REGEXP_REPLACE(source, pattern, replace_string[, occurrence]): every match, or occurrence 0 (every match) or 1 (the first)',
  FLOOR: 'FLOOR(number): a DOUBLE or DECIMAL, rounded down to a BIGINT',
  CEIL: 'CEIL(number): a DOUBLE or DECIMAL, rounded up to a BIGINT',
  CEILING: 'CEILING(number): a DOUBLE or DECIMAL, rounded up to a BIGINT',
  NVL: 'NVL(value, default): default when value is NULL',
  DECODE: `DECODE(expression, search, result[, search, result]...[, default]), up to ${MAX_DECODE_ARGUMENTS} arguments; DECODE(binary) is DuckDB's`,
  SPLIT: 'SPLIT(source, delimiter[, trimTailEmpty]): delimiter a regular expression; trailing empty strings dropped unless trimTailEmpty is false',
  CONCAT_WS: `CONCAT_WS(separator, str1, str2, ...) with up to ${MAX_CONCAT_ARGUMENTS - 1} strings, or CONCAT_WS(separator, array); NULL when any is NULL`,
  WEEKDAY: 'WEEKDAY(datetime): 0 for Monday to 6 for Sunday',
  DAYOFWEEK: "DAYOFWEEK(date): a DATE, DATETIME, TIMESTAMP or STRING such as '2009-07-30'; 1 for Sunday to 7 for Saturday",
  DATEPART: "DATEPART(date, datepart): the date first, a DATE, DATETIME or TIMESTAMP, and a STRING constant such as 'yyyy'",
  DATETRUNC: "DATETRUNC(date, datepart): the date first, a DATE, DATETIME or TIMESTAMP, and a STRING constant such as 'mm'",
  DATE_ADD: 'DATE_ADD(startdate, delta): a DATE, DATETIME or TIMESTAMP and a BIGINT number of days; a DATE',
  DATE_SUB: "DATE_SUB(startdate, delta): a DATE, DATETIME or TIMESTAMP and a BIGINT number of days; a DATE (DuckDB's date_sub(part, start, end) is datesub here)",
  LAST_DAY: "LAST_DAY(date[, date_part]): a DATE, DATETIME, TIMESTAMP or STRING 'yyyy-mm-dd'; the month's last day as a STRING, or with a STRING constant such as 'q' the unit's last day as a DATE",
  LASTDAY: 'LASTDAY(date): a DATETIME; the last day of its month at 00:00:00',
  ADD_MONTHS: "ADD_MONTHS(startdate, num_months): a DATE, DATETIME, TIMESTAMP or STRING 'yyyy-mm-dd' and an INT; a STRING 'yyyy-mm-dd'",
  MONTHS_BETWEEN: "MONTHS_BETWEEN(end_date, start_date): two DATE, DATETIME, TIMESTAMP or STRING 'yyyy-mm-dd' values; a DOUBLE",
  TO_MILLIS: 'TO_MILLIS(date): a DATETIME or TIMESTAMP; milliseconds since 1970-01-01 00:00:00 UTC, a BIGINT',
  CURRENT_TIMESTAMP: "CURRENT_TIMESTAMP or CURRENT_TIMESTAMP(), with no argument: the statement's instant, a TIMESTAMP",
  DATE_FORMAT: "DATE_FORMAT(date, format): a TIMESTAMP or DATETIME and a STRING constant of the letters yyyy MM dd HH mi ss SSS such as 'yyyy-MM-dd HH:mi:ss'",
  ISDATE: "ISDATE(date, format): a STRING (or BIGINT, DOUBLE, DECIMAL, DATETIME) and a STRING constant such as 'yyyy-mm-dd'; whether TO_DATE reads a date",
  NOW: "NOW(), with no argument: the statement's instant, a TIMESTAMP",
  NEXT_DAY: "NEXT_DAY(startdate, week): a DATE, DATETIME, TIMESTAMP or STRING 'yyyy-mm-dd' and a day such as 'MO', 'TUE' or 'FRIDAY'; a STRING 'yyyy-mm-dd'",
  SPLIT_PART: 'SPLIT_PART(str, separator, start[, end]): segments from 1; str whole for an empty separator',
  URL_ENCODE: "URL_ENCODE(input[, encoding]): a space as '+', encoding 'UTF-8'",
  URL_DECODE: "URL_DECODE(input[, encoding]): '+' as a space, encoding 'UTF-8'",
  LN: 'LN(number): NULL for 0 or a negative number',
  LOG: "LOG(base, x): NULL for a base or x of 0 or less, or a base of 1; LOG(x) is DuckDB's base-10 logarithm",
  SQRT: 'SQRT(number): NULL for a negative number',
  TOLOWER: 'TOLOWER(source): a STRING (or BIGINT, DOUBLE, DECIMAL, DATETIME) in lower case',
  TOUPPER: 'TOUPPER(source): a STRING (or BIGINT, DOUBLE, DECIMAL, DATETIME) in upper case',
  GET_JSON_OBJECT: "GET_JSON_OBJECT(json, path): path from '$' with .key, ['key'], [n] and [*] steps; NULL for malformed JSON or an invalid path",
  INSTR: 'INSTR(str1, str2[, start_position[, nth_appearance]]): positions from 1, a negative start searching from the end; 0 when not found',
  WM_CONCAT: 'WM_CONCAT([DISTINCT] separator, colname) [WITHIN GROUP (ORDER BY ...)]: an aggregate, separator a STRING constant; NULL values skipped',
  COLLECT_LIST: 'COLLECT_LIST(colname): an aggregate, the values as an ARRAY; NULL values skipped',
  COLLECT_SET: 'COLLECT_SET(colname): an aggregate, the distinct values as an ARRAY; NULL values skipped',
  KEYVALUE: "KEYVALUE(str, [split1, split2,] key): the value of key in str's pairs, split1 ';' and split2 ':' when not given; NULL when none",
};

/**
 * Registers MaxCompute's STRING, GETDATE, DATEADD, DATEDIFF, TO_DATE,
 * TO_CHAR, FROM_UNIXTIME, UNIX_TIMESTAMP, CONCAT, CONCAT_WS, SUBSTR,
 * SUBSTRING, REGEXP_EXTRACT, REGEXP_EXTRACT_ALL, REGEXP_REPLACE, FLOOR,
 * CEIL, CEILING, NVL, DECODE, SPLIT, WEEKDAY, DAYOFWEEK, DATEPART, DATETRUNC,
 * DATE_ADD, DATE_SUB, SPLIT_PART, URL_ENCODE, URL_DECODE, LN, LOG and SQRT,
 * LAST_DAY, LASTDAY, ADD_MONTHS, MONTHS_BETWEEN, NEXT_DAY, TO_MILLIS,
 * CURRENT_TIMESTAMP, NOW, DATE_FORMAT and ISDATE, and TOLOWER, TOUPPER,
 * GET_JSON_OBJECT, INSTR, WM_CONCAT, COLLECT_LIST, COLLECT_SET and KEYVALUE on
 * `connection`, reading the session zone and statement instant from
 * `context.statement` as statements run.
 *
 * The SQL ones are temporary macros: DuckDB looks up temporary functions
 * before its built-in ones, so MaxCompute's DATEDIFF(end, start[, part])
 * replaces DuckDB's `datediff(part, start, end)` alias on this connection,
 * while DuckDB's `date_diff` (and every other built-in) stays as it is.
 */
export async function registerMaxComputeFunctions(connection: DuckDBConnection, context: Pick<FunctionContext, 'statement' | 'errors'>): Promise<void> {
  const families: FunctionFamily[] = [
    { functions: [createRaiseFunction(context.errors)], macros: [] },
    dateFunctions(context),
    stringFunction(context.errors),
    concatFunctions(),
    substrAndRegexpFunctions(),
    floorAndCeilFunctions(),
    conditionalFunctions(),
    splitFunction(),
    integerCastFunctions(),
    weekdayFunctions(),
    urlCodingFunctions(),
    splitPartFunction(),
    logarithmFunctions(),
    booleanCastFunction(),
    caseConversionFunctions(),
    keyvalueFunction(),
    getJsonObjectFunction(),
    instrFunction(),
    collectFunctions(),
  ];
  for (const family of families) {
    for (const fn of family.functions) connection.registerScalarFunction(fn);
  }
  for (const family of families) {
    for (const macro of family.macros) await connection.run(macro);
  }
}
