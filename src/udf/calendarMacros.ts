import { bindOnce } from './bindOnce.js';
import { ARG_TYPES, DATE_TYPE_NAMES, list, lit, NULL_TYPE_NAME, nullDate, param, shown, unitOf, wallOf } from './dateArgument.js';
import type { ArgType, Strings } from './dateArgument.js';
import { raiseFunctionError as raise } from './raiseFunctionError.js';

/**
 * The STRING dates the calendar functions take: "at least the yyyy-mm-dd
 * part and no extra strings", optionally with a time; MONTHS_BETWEEN's own
 * example writes '2025-3-30', so a month or day may have one digit.
 */
const DATE_TIME_REGEX = '\\d{4}-\\d{1,2}-\\d{1,2}( \\d{1,2}:\\d{2}:\\d{2}(\\.\\d{1,9})?)?';
const DESCRIBED = 'yyyy-mm-dd, yyyy-mm-dd hh:mi:ss or yyyy-mm-dd hh:mi:ss.ff3';
const STRICT: Strings = { regex: DATE_TIME_REGEX, described: DESCRIBED };
/** ADD_MONTHS and NEXT_DAY: "the format does not meet the requirements, null is returned". */
const NULL_IF_INVALID: Strings = { regex: DATE_TIME_REGEX, described: DESCRIBED, invalidIsNull: true };
const WITH_STRINGS = 'DATE, DATETIME, TIMESTAMP or STRING';
/** LASTDAY: "在MaxCompute1.0数据类型版本下,输入参数可以为STRING类型" only. */
const NO_STRING_DATES: Strings = { refused: 'MaxCompute 2.0 does not turn a STRING into a DATETIME implicitly; use CAST(s AS DATETIME) or TO_DATE' };

const TYPED = ARG_TYPES.filter((t) => t !== undefined);
const PAIRS = ARG_TYPES.flatMap((a) => ARG_TYPES.map((b) => [a, b] as const));

/** `value` for date argument `x` of type `t`, or the NULL-date error of `fn` (the current pages: "If the value of date is NULL, ... an error"). */
const unlessNull = (fn: string, t: ArgType, x: string, arg: string, example: string, value: string): string =>
  t === undefined ? value : `CASE WHEN ${x} IS NULL THEN ${nullDate(fn, example, arg)} ELSE ${value} END`;

/** `x` (declared `t`) as a wall TIMESTAMP for `fn`, taking STRING dates with or without a time. */
const wall = (fn: string, t: ArgType, x: string, arg: string, strings: Strings = STRICT): string => wallOf(t, x, fn, arg, strings, WITH_STRINGS);

/** A DATE as MaxCompute's STRING 'yyyy-mm-dd'. */
const ymd = (date: string): string => `strftime(${date}, '%Y-%m-%d')`;

/** The error of the untyped overload of `fn(date, second)`: the date's type when it is not a date, else the second argument's. */
function refusedPair(fn: string, date: string, dateArg: string, second: string, secondArg: string): string {
  return raise(
    lit(fn),
    'badType',
    `CASE WHEN typeof(${date}) NOT IN (${list(['VARCHAR', ...DATE_TYPE_NAMES, NULL_TYPE_NAME])})
        THEN ${lit(`${dateArg} must be ${WITH_STRINGS}, got `)} || typeof(${date})
      ELSE ${lit(`${secondArg}, got `)} || typeof(${second}) END`,
  );
}

/** NEXT_DAY's day names, by ISO day number (1 Monday), listed from Sunday as the page lists them. */
const WEEKDAY_NAMES: readonly (readonly [number, readonly string[]])[] = [
  [7, ['SU', 'SUN', 'SUNDAY']],
  [1, ['MO', 'MON', 'MONDAY']],
  [2, ['TU', 'TUE', 'TUESDAY']],
  [3, ['WE', 'WED', 'WEDNESDAY']],
  [4, ['TH', 'THU', 'THURSDAY']],
  [5, ['FR', 'FRI', 'FRIDAY']],
  [6, ['SA', 'SAT', 'SATURDAY']],
];
const WEEKDAYS_ALLOWED = WEEKDAY_NAMES.map(([, names]) => names.join('|')).join(', ');

/**
 * MaxCompute's date functions of months and calendar units (2.0 type
 * system), as SQL macros, the helpers first (DuckDB creates them in this
 * order). A date argument is a DATE, DATETIME, TIMESTAMP (read in the
 * session zone) or STRING 'yyyy-mm-dd[ hh:mi:ss[.ff3]]', except LASTDAY's.
 */
export const CALENDAR_MACROS: Readonly<Record<string, string>> = {
  // The last day of the unit that wall time `t` is in, a DATE: ISO years end on
  // the Sunday of the week holding 28 December; weeks of `weekN` start on ISO day N.
  __ossduck_last_day: `CREATE OR REPLACE TEMP MACRO __ossduck_last_day(t, unit) AS CASE unit
      WHEN 'year' THEN make_date(system.main.year(t), 12, 31)
      WHEN 'isoyear' THEN make_date(system.main.isoyear(t), 12, 28) + CAST(7 - system.main.isodow(make_date(system.main.isoyear(t), 12, 28)) AS INTEGER)
      WHEN 'quarter' THEN CAST(system.main.date_trunc('quarter', t) + INTERVAL 3 MONTH AS DATE) - 1
      WHEN 'month' THEN system.main.last_day(t)
      ELSE CAST(t AS DATE) + CAST(6 - (system.main.isodow(t) - CAST(system.main.substr(unit, 5) AS INTEGER) + 7) % 7 AS INTEGER)
    END`,
  // Months from DATE `d`: the day clamps to the resulting month's end, and
  // a month's last day goes to the resulting month's last day (Hive's rule).
  __ossduck_add_months: `CREATE OR REPLACE TEMP MACRO __ossduck_add_months(d, n) AS CASE
      WHEN d = system.main.last_day(d) THEN system.main.last_day(d + to_months(CAST(n AS INTEGER)))
      ELSE CAST(d + to_months(CAST(n AS INTEGER)) AS DATE)
    END`,
  // Whole months when the days of the month are equal or both are month
  // ends; otherwise the day and time difference in months of 31 days.
  __ossduck_months_between: `CREATE OR REPLACE TEMP MACRO __ossduck_months_between(e, s) AS CASE
      WHEN system.main.day(e) = system.main.day(s)
        OR (CAST(e AS DATE) = system.main.last_day(e) AND CAST(s AS DATE) = system.main.last_day(s))
        THEN CAST((system.main.year(e) - system.main.year(s)) * 12 + system.main.month(e) - system.main.month(s) AS DOUBLE)
      ELSE (system.main.year(e) - system.main.year(s)) * 12 + system.main.month(e) - system.main.month(s)
        + ((system.main.day(e) - system.main.day(s)) * 86400
          + (epoch(e) - epoch(system.main.date_trunc('day', e))) - (epoch(s) - epoch(system.main.date_trunc('day', s)))) / 2678400.0
    END`,
  // The first date after DATE `d` on the day of the week `week` names.
  __ossduck_next_day: `CREATE OR REPLACE TEMP MACRO __ossduck_next_day(d, week) AS d + CAST((CASE
      WHEN week IS NULL THEN NULL
      ${WEEKDAY_NAMES.flatMap(([n, names]) => names.map((name) => `WHEN upper(week) = ${lit(name)} THEN ${n}`)).join('\n      ')}
      ELSE ${raise(lit('NEXT_DAY'), 'invalid', `${lit('week (argument 2) ')} || ${shown('week')} || ${lit(` is not a day of the week; allowed (any case): ${WEEKDAYS_ALLOWED}`)}`)}
    END - system.main.isodow(d) + 6) % 7 + 1 AS INTEGER)`,

  // ---- LAST_DAY(date[, date_part]) (current page) ----
  // Without date_part: the last day of the month as a STRING 'yyyy-mm-dd';
  // with it, the last day of that unit as a DATE. A NULL date is an error
  // (DuckDB's last_day gave NULL); a NULL date_part gives NULL.
  __ossduck_typed_last_day: `CREATE OR REPLACE TEMP MACRO __ossduck_typed_last_day ${[
    ...ARG_TYPES.map(
      (t) => `(${param('d', t)}) AS ${unlessNull('LAST_DAY', t, 'd', 'date (argument 1)', 'LAST_DAY(d)', ymd(`system.main.last_day(${wall('LAST_DAY', t, 'd', 'date (argument 1)')})`))}`,
    ),
    ...ARG_TYPES.map(
      (t) => `(${param('d', t)}, unit) AS ${unlessNull('LAST_DAY', t, 'd', 'date (argument 1)', "LAST_DAY(d, 'mm')", `__ossduck_last_day(${wall('LAST_DAY', t, 'd', 'date (argument 1)')}, unit)`)}`,
    ),
  ].join(',\n')}`,

  // ---- LASTDAY(date): a DATETIME at 00:00:00; NULL gives NULL (its page) ----
  // Only a DATETIME under 2.0: the page takes a STRING only in the 1.0 edition.
  __ossduck_typed_lastday: `CREATE OR REPLACE TEMP MACRO __ossduck_typed_lastday
      (d TIMESTAMP) AS CAST(system.main.last_day(d) AS TIMESTAMP),
      (d DATE) AS CASE WHEN d IS NULL THEN NULL ELSE CAST(${raise(lit('LASTDAY'), 'badType', lit('date (argument 1) must be DATETIME, got DATE; LAST_DAY(d) takes a DATE'))} AS TIMESTAMP) END,
      (d TIMESTAMP WITH TIME ZONE) AS CAST(${raise(lit('LASTDAY'), 'badType', lit("date (argument 1) must be DATETIME, got TIMESTAMP; use LAST_DAY(ts, 'mm') or CAST(ts AS DATETIME)"))} AS TIMESTAMP),
      (d VARCHAR) AS ${wallOf('VARCHAR', 'd', 'LASTDAY', 'date (argument 1)', NO_STRING_DATES, 'DATETIME')},
      (d) AS ${wallOf(undefined, 'd', 'LASTDAY', 'date (argument 1)', NO_STRING_DATES, 'DATETIME')}`,

  // ---- ADD_MONTHS(startdate, num_months): a STRING 'yyyy-mm-dd' ----
  // A NULL startdate is an error, a NULL num_months gives NULL, a STRING
  // startdate not in the documented forms gives NULL (the page).
  __ossduck_typed_add_months: `CREATE OR REPLACE TEMP MACRO __ossduck_typed_add_months ${[
    ...TYPED.map(
      (t) => `(${param('startdate', t)}, num_months BIGINT) AS ${unlessNull('ADD_MONTHS', t, 'startdate', 'startdate (argument 1)', 'ADD_MONTHS(d, 1)', ymd(`__ossduck_add_months(CAST(${wall('ADD_MONTHS', t, 'startdate', 'startdate (argument 1)', NULL_IF_INVALID)} AS DATE), num_months)`))}`,
    ),
    `(startdate, num_months) AS CAST(${refusedPair('ADD_MONTHS', 'startdate', 'startdate (argument 1)', 'num_months', 'num_months (argument 2) must be INT')} AS VARCHAR)`,
  ].join(',\n')}`,

  // ---- MONTHS_BETWEEN(end_date, start_date): a DOUBLE; any NULL gives NULL ----
  __ossduck_typed_months_between: `CREATE OR REPLACE TEMP MACRO __ossduck_typed_months_between ${PAIRS.map(
    ([e, s]) => `(${param('end_date', e)}, ${param('start_date', s)}) AS __ossduck_months_between(
        ${wall('MONTHS_BETWEEN', e, 'end_date', 'end_date (argument 1)')}, ${wall('MONTHS_BETWEEN', s, 'start_date', 'start_date (argument 2)')})`,
  ).join(',\n')}`,

  // ---- NEXT_DAY(startdate, week): a STRING 'yyyy-mm-dd' ----
  // A NULL startdate is an error, a NULL week gives NULL; week is a day's
  // first two or three letters or its name, in any case.
  __ossduck_typed_next_day: `CREATE OR REPLACE TEMP MACRO __ossduck_typed_next_day ${[
    ...TYPED.map(
      (t) => `(${param('startdate', t)}, week VARCHAR) AS ${unlessNull('NEXT_DAY', t, 'startdate', 'startdate (argument 1)', "NEXT_DAY(d, 'MO')", ymd(`__ossduck_next_day(CAST(${wall('NEXT_DAY', t, 'startdate', 'startdate (argument 1)', NULL_IF_INVALID)} AS DATE), week)`))}`,
    ),
    `(startdate, week) AS CAST(${refusedPair('NEXT_DAY', 'startdate', 'startdate (argument 1)', 'week', 'week (argument 2) must be STRING')} AS VARCHAR)`,
  ].join(',\n')}`,

  LAST_DAY: bindOnce('last_day', '__ossduck_typed_last_day', [
    { parameters: ['d'] },
    { parameters: ['d', 'part'], constants: ['part'], hoisted: { part: unitOf('LAST_DAY') } },
  ]),
  LASTDAY: bindOnce('lastday', '__ossduck_typed_lastday', [{ parameters: ['d'] }]),
  ADD_MONTHS: bindOnce('add_months', '__ossduck_typed_add_months', [{ parameters: ['startdate', 'num_months'] }]),
  MONTHS_BETWEEN: bindOnce('months_between', '__ossduck_typed_months_between', [{ parameters: ['end_date', 'start_date'] }]),
  NEXT_DAY: bindOnce('next_day', '__ossduck_typed_next_day', [{ parameters: ['startdate', 'week'] }]),
};
