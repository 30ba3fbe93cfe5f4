import { bindOnce } from './bindOnce.js';
import { ARG_TYPES, DATE_TYPE_NAMES, DATETIME_TYPE_NAMES, INTEGER_TYPE_NAMES, instantOf, list, lit, NULL_TYPE_NAME, nullDate, param, unitOf, wallOf } from './dateArgument.js';
import type { ArgType, Strings } from './dateArgument.js';
import { DATE_FORMAT_HELPER } from './dateFormatHelper.js';
import { ISDATE_HELPER } from './isdateHelper.js';
import { raiseFunctionError as raise } from './raiseFunctionError.js';
import { STATEMENT_INSTANT } from './statementInstant.js';
import { TO_CHAR_HELPER } from './toCharHelper.js';
import { TO_DATE_HELPER } from './toDateHelper.js';

/** Regular expressions (RE2, whole-string) for the strings the functions accept. */
const DATE_STRING = '\\d{4}-\\d{2}-\\d{2}';
const UNIX_TIMESTAMP_STRING = '\\d{4}-\\d{2}-\\d{2}( \\d{2}:\\d{2}:\\d{2}(\\.\\d{3})?)?';
/** ISO-8601 date or date-time with a valid time of day; TO_DATE(string) takes its date as written. */
const ISO_8601 =
  '\\d{4}-\\d{2}-\\d{2}([Tt ]([01]\\d|2[0-3]):[0-5]\\d(:[0-5]\\d([.,]\\d{1,9})?)?([Zz]|[+-]([01]\\d|2[0-3])(:?[0-5]\\d)?)?)?';

/** FROM_UNIXTIME's documented range, seconds. */
export const MIN_UNIXTIME = -62167305600;
export const MAX_UNIXTIME = 253402387200;


const PAIRS = ARG_TYPES.flatMap((e) => ARG_TYPES.map((s) => [e, s] as const));
const DATE_ONLY: Strings = { regex: DATE_STRING, described: 'yyyy-mm-dd' };
const NO_STRINGS: Strings = { refused: 'MaxCompute 2.0 takes STRING dates in DATEDIFF only without date_part' };
/** DATE_FORMAT's page: "DATE和STRING类型只能在Hive兼容模式下使用". */
const HIVE_ONLY = 'MaxCompute takes a DATE or STRING date only with odps.sql.hive.compatible=true';
const NO_STRING_DATES: Strings = { refused: 'MaxCompute 2.0 does not turn a STRING into a DATETIME implicitly; use CAST(s AS DATETIME) or TO_DATE' };
const UNIX_STRINGS: Strings = { regex: UNIX_TIMESTAMP_STRING, described: 'yyyy-mm-dd, yyyy-mm-dd hh:mi:ss or yyyy-mm-dd hh:mi:ss.ff3' };

/**
 * The overloads of a date-first `fn(d, unit)`, one per argument type: a
 * NULL date fails (MaxCompute's DATEPART and DATETRUNC do), a STRING or
 * other type is refused, and `result` gets the date as a wall TIMESTAMP.
 */
function dateFirstOverloads(fn: string, result: (type: ArgType, wall: string) => string): string {
  return ARG_TYPES.map((t) => {
    const value = result(t, wallOf(t, 'd', fn, 'date (argument 1)', NO_STRING_DATES));
    const body = t === 'VARCHAR' || t === undefined ? value : `CASE WHEN d IS NULL THEN ${nullDate(fn, `${fn}(d, 'yyyy')`)} ELSE ${value} END`;
    return `(${param('d', t)}, unit) AS ${body}`;
  }).join(',\n');
}

/**
 * DATE_ADD or DATE_SUB(startdate, delta): the DATE `delta` days after
 * (`+`) or before (`-`) startdate's date (in the session zone), a typed
 * overload per date type, the untyped one refusing other types.
 */
function dayShiftMacro(fn: 'DATE_ADD' | 'DATE_SUB', sign: '+' | '-'): string {
  const typed = ARG_TYPES.filter((t) => t !== undefined).map((t) => {
    const day = `CAST(${wallOf(t, 'startdate', fn, 'startdate (argument 1)', NO_STRING_DATES)} AS DATE)`;
    const value = `${day} ${sign} CAST(delta AS INTEGER)`;
    const body = t === 'VARCHAR' ? value : `CASE WHEN startdate IS NULL THEN ${nullDate(fn, `${fn}(d, 1)`)} ELSE ${value} END`;
    return `(${param('startdate', t)}, delta BIGINT) AS ${body}`;
  });
  const refused = raise(
    lit(fn),
    'badType',
    `CASE WHEN typeof(startdate) NOT IN (${list(['VARCHAR', ...DATE_TYPE_NAMES, NULL_TYPE_NAME])})
        THEN 'startdate (argument 1) must be DATE, DATETIME or TIMESTAMP, got ' || typeof(startdate)
      ELSE 'delta (argument 2) must be BIGINT, got ' || typeof(delta)
        || CASE WHEN typeof(delta) = 'INTERVAL' THEN '; DuckDB''s date_add(d, interval) is written d + interval' ELSE '' END END`,
  );
  return `CREATE OR REPLACE TEMP MACRO __ossduck_typed_${fn.toLowerCase()} ${[...typed, `(startdate, delta) AS CAST(${refused} AS DATE)`].join(',\n')}`;
}

/**
 * The macros. Typed overloads dispatch on the arguments' types (DuckDB picks
 * the exact one; a bare NULL literal takes DATE); the untyped ones catch
 * every other type and raise. A macro with several typed overloads cannot be
 * called from another macro's body with an untyped argument (DuckDB finds
 * the call ambiguous when it creates the outer macro), so the per-type
 * conversions are written into each overload, and two-argument functions
 * get one overload per pair of types.
 *
 * Keyed by the MaxCompute function each implements (the two helpers first);
 * DuckDB creates them in this order, so a macro may call the ones before it.
 */
export const DATE_MACROS: Readonly<Record<string, string>> = {
  // Calendar units move the wall time in the session zone (month ends clamp:
  // 2005-01-29 + 1 month = 2005-02-28); hours and smaller add elapsed time.
  __ossduck_add: `CREATE OR REPLACE TEMP MACRO __ossduck_add(t, delta, unit) AS CASE unit
      WHEN 'year' THEN t + to_years(CAST(delta AS INTEGER))
      WHEN 'quarter' THEN t + to_months(CAST(delta * 3 AS INTEGER))
      WHEN 'month' THEN t + to_months(CAST(delta AS INTEGER))
      WHEN 'week1' THEN t + to_days(CAST(delta * 7 AS INTEGER))
      WHEN 'day' THEN t + to_days(CAST(delta AS INTEGER))
      WHEN 'hour' THEN t + to_hours(delta)
      WHEN 'minute' THEN t + to_minutes(delta)
      WHEN 'second' THEN t + to_seconds(delta)
      WHEN 'millisecond' THEN t + to_milliseconds(delta)
      WHEN 'microsecond' THEN t + to_microseconds(delta)
    END`,
  // Boundaries crossed between two wall times: both are cut to the unit,
  // then subtracted (sub-day units as elapsed time between the cut instants).
  __ossduck_diff: `CREATE OR REPLACE TEMP MACRO __ossduck_diff(e, s, unit) AS CASE unit
      WHEN 'year' THEN date_diff('year', s, e)
      WHEN 'month' THEN date_diff('month', s, e)
      WHEN 'day' THEN date_diff('day', s, e)
      WHEN 'hour' THEN (epoch_us(CAST(date_trunc('hour', e) AS TIMESTAMP WITH TIME ZONE)) - epoch_us(CAST(date_trunc('hour', s) AS TIMESTAMP WITH TIME ZONE))) // 3600000000
      WHEN 'minute' THEN (epoch_us(CAST(date_trunc('minute', e) AS TIMESTAMP WITH TIME ZONE)) - epoch_us(CAST(date_trunc('minute', s) AS TIMESTAMP WITH TIME ZONE))) // 60000000
      WHEN 'second' THEN (epoch_us(CAST(date_trunc('second', e) AS TIMESTAMP WITH TIME ZONE)) - epoch_us(CAST(date_trunc('second', s) AS TIMESTAMP WITH TIME ZONE))) // 1000000
      WHEN 'millisecond' THEN (epoch_us(CAST(date_trunc('millisecond', e) AS TIMESTAMP WITH TIME ZONE)) - epoch_us(CAST(date_trunc('millisecond', s) AS TIMESTAMP WITH TIME ZONE))) // 1000
      WHEN 'microsecond' THEN epoch_us(CAST(e AS TIMESTAMP WITH TIME ZONE)) - epoch_us(CAST(s AS TIMESTAMP WITH TIME ZONE))
      ELSE date_diff('day',
        CAST(s AS DATE) - CAST((isodow(s) - CAST(system.main.substr(unit, 5) AS INTEGER) + 7) % 7 AS INTEGER),
        CAST(e AS DATE) - CAST((isodow(e) - CAST(system.main.substr(unit, 5) AS INTEGER) + 7) % 7 AS INTEGER)) // 7
    END`,

  // ---- DATEADD(date, delta, datepart): the type of date ----
  // A NULL date is an error, as the current MaxCompute docs say ("date值为NULL
  // 时,返回报错"; older docs said NULL): it fails for a NULL literal and for a
  // NULL in any row, so a script that runs here cannot fail on MaxCompute for
  // it. A NULL delta or datepart gives NULL. A DATE stays a DATE: an hour or
  // smaller unit moves it from midnight and the result is cut to its date.
  __ossduck_typed_dateadd: `CREATE OR REPLACE TEMP MACRO __ossduck_typed_dateadd
      (d DATE, delta BIGINT, part VARCHAR) AS CASE WHEN d IS NULL THEN ${nullDate('DATEADD', "DATEADD(d, 1, 'dd')")}
        ELSE CAST(CAST(__ossduck_add(CAST(d AS TIMESTAMP WITH TIME ZONE), delta, part) AS TIMESTAMP) AS DATE) END,
      (d TIMESTAMP, delta BIGINT, part VARCHAR) AS CASE WHEN d IS NULL THEN ${nullDate('DATEADD', "DATEADD(d, 1, 'dd')")}
        ELSE CAST(__ossduck_add(CAST(d AS TIMESTAMP WITH TIME ZONE), delta, part) AS TIMESTAMP) END,
      (d TIMESTAMP WITH TIME ZONE, delta BIGINT, part VARCHAR) AS CASE WHEN d IS NULL THEN ${nullDate('DATEADD', "DATEADD(d, 1, 'dd')")}
        ELSE __ossduck_add(d, delta, part) END,
      (d, delta, part) AS ${raise(
        lit('DATEADD'),
        'badType',
        `CASE WHEN typeof(d) NOT IN (${list([...DATE_TYPE_NAMES, NULL_TYPE_NAME])})
            THEN 'date (argument 1) must be DATE, DATETIME or TIMESTAMP, got ' || typeof(d)
          WHEN typeof(delta) NOT IN (${list([...INTEGER_TYPE_NAMES.slice(0, 7), NULL_TYPE_NAME])})
            THEN 'delta (argument 2) must be BIGINT, got ' || typeof(delta)
          ELSE 'datepart (argument 3) must be a STRING constant, got ' || typeof(part) END`,
      )}`,

  // ---- DATEDIFF(end_date, start_date[, date_part]) ----
  // Without date_part: days, INT; STRING dates 'yyyy-mm-dd' allowed (2.0).
  // With date_part: BIGINT; STRING dates are refused (2.0). Any NULL gives NULL.
  __ossduck_typed_datediff: `CREATE OR REPLACE TEMP MACRO __ossduck_typed_datediff ${[
      ...PAIRS.map(
        ([e, st]) => `(${param('end_date', e)}, ${param('start_date', st)}) AS CAST(date_diff('day',
          CAST(${wallOf(st, 'start_date', 'DATEDIFF', 'start_date (argument 2)', DATE_ONLY)} AS DATE),
          CAST(${wallOf(e, 'end_date', 'DATEDIFF', 'end_date (argument 1)', DATE_ONLY)} AS DATE)) AS INTEGER)`,
      ),
      ...PAIRS.map(
        ([e, st]) => `(${param('end_date', e)}, ${param('start_date', st)}, part) AS CAST(__ossduck_diff(
          ${wallOf(e, 'end_date', 'DATEDIFF', 'end_date (argument 1)', NO_STRINGS)},
          ${wallOf(st, 'start_date', 'DATEDIFF', 'start_date (argument 2)', NO_STRINGS)},
          part) AS BIGINT)`,
      ),
    ].join(',\n')}`,

  // ---- TO_CHAR(value) and TO_CHAR(date, format) ----
  // TO_CHAR(TRUE) is 'TRUE' (MaxCompute's example). A NULL date is an error
  // (docs: "date值为NULL时,返回报错"), a NULL format gives NULL.
  __ossduck_typed_to_char: `CREATE OR REPLACE TEMP MACRO __ossduck_typed_to_char
      (value) AS CASE
        WHEN typeof(value) = 'BOOLEAN' THEN upper(CAST(value AS VARCHAR))
        WHEN typeof(value) IN (${list([...INTEGER_TYPE_NAMES, 'FLOAT', 'DOUBLE', NULL_TYPE_NAME])}) OR starts_with(typeof(value), 'DECIMAL')
          THEN CAST(value AS VARCHAR)
        ELSE ${raise(lit('TO_CHAR'), 'badType', `'value (argument 1) must be BOOLEAN, BIGINT, DOUBLE or DECIMAL, got ' || typeof(value) || '; a date needs a format, e.g. TO_CHAR(d, ''yyyy-mm-dd'')'`)}
      END,
      ${ARG_TYPES.map(
        (t) => `(${param('d', t)}, format) AS CASE WHEN d IS NULL THEN ${nullDate('TO_CHAR', "TO_CHAR(d, 'yyyy-mm-dd')")}
        ELSE ${TO_CHAR_HELPER}(${wallOf(t, 'd', 'TO_CHAR', 'date (argument 1)', NO_STRING_DATES)}, format) END`,
      ).join(',\n')}`,

  // ---- TO_DATE(date[, format]) ----
  // Without format: a DATE from 'yyyy-mm-dd' or an ISO-8601 date-time (its
  // calendar date as written). With format: a DATETIME. Unparseable: NULL.
  __ossduck_typed_to_date: `CREATE OR REPLACE TEMP MACRO __ossduck_typed_to_date
      (d) AS CASE
        WHEN NOT (typeof(d) IN (${list(['VARCHAR', ...INTEGER_TYPE_NAMES, 'FLOAT', 'DOUBLE', ...DATETIME_TYPE_NAMES, NULL_TYPE_NAME])}) OR starts_with(typeof(d), 'DECIMAL'))
          THEN ${raise(lit('TO_DATE'), 'badType', `'date (argument 1) must be STRING (or BIGINT, DOUBLE, DECIMAL, DATETIME), got ' || typeof(d)`)}
        WHEN regexp_full_match(CAST(d AS VARCHAR), ${lit(ISO_8601)}) THEN TRY_CAST(left(CAST(d AS VARCHAR), 10) AS DATE)
      END,
      (d, format) AS CASE
        WHEN NOT (typeof(d) IN (${list(['VARCHAR', ...INTEGER_TYPE_NAMES, 'FLOAT', 'DOUBLE', ...DATETIME_TYPE_NAMES, NULL_TYPE_NAME])}) OR starts_with(typeof(d), 'DECIMAL'))
          THEN ${raise(lit('TO_DATE'), 'badType', `'date (argument 1) must be STRING (or BIGINT, DOUBLE, DECIMAL, DATETIME), got ' || typeof(d)`)}
        ELSE ${TO_DATE_HELPER}(CAST(d AS VARCHAR), format)
      END`,

  // ---- ISDATE(date, format): whether TO_DATE(date, format) reads a date, a BOOLEAN ----
  // A repeated letter group after its first is literal text (the page's
  // isdate('1234-yyyy', 'yyyy-yyyy') is true). A NULL date or format gives NULL.
  __ossduck_typed_isdate: `CREATE OR REPLACE TEMP MACRO __ossduck_typed_isdate
      (d, format) AS CASE
        WHEN NOT (typeof(d) IN (${list(['VARCHAR', ...INTEGER_TYPE_NAMES, 'FLOAT', 'DOUBLE', ...DATETIME_TYPE_NAMES, NULL_TYPE_NAME])}) OR starts_with(typeof(d), 'DECIMAL'))
          THEN ${raise(lit('ISDATE'), 'badType', `'date (argument 1) must be STRING (or BIGINT, DOUBLE, DECIMAL, DATETIME), got ' || typeof(d)`)}
        WHEN d IS NULL OR format IS NULL THEN NULL
        ELSE ${ISDATE_HELPER}(CAST(d AS VARCHAR), format) IS NOT NULL
      END`,

  // ---- FROM_UNIXTIME(unixtime): wall time in the session zone ----
  __ossduck_typed_from_unixtime: `CREATE OR REPLACE TEMP MACRO __ossduck_typed_from_unixtime
      (unixtime BIGINT) AS CASE
        WHEN unixtime IS NULL THEN NULL
        WHEN unixtime < ${MIN_UNIXTIME} OR unixtime > ${MAX_UNIXTIME}
          THEN ${raise(lit('FROM_UNIXTIME'), 'outOfRange', `'unixtime (argument 1) ' || CAST(unixtime AS VARCHAR) || ' is out of range; allowed ${MIN_UNIXTIME} to ${MAX_UNIXTIME} (seconds since 1970-01-01 00:00:00 UTC)'`)}
        ELSE CAST(to_timestamp(unixtime) AS TIMESTAMP)
      END,
      (unixtime) AS CAST(${raise(lit('FROM_UNIXTIME'), 'badType', `'unixtime (argument 1) must be BIGINT, got ' || typeof(unixtime)`)} AS TIMESTAMP)`,

  // ---- UNIX_TIMESTAMP([date]): seconds; a DATETIME is read in the session zone ----
  __ossduck_typed_unix_timestamp: `CREATE OR REPLACE TEMP MACRO __ossduck_typed_unix_timestamp
      () AS CAST(floor(epoch(${STATEMENT_INSTANT}())) AS BIGINT),
      ${ARG_TYPES.map(
        (t) => `(${param('d', t)}) AS CAST(floor(epoch(${instantOf(t, 'd', 'UNIX_TIMESTAMP', 'date (argument 1)', UNIX_STRINGS)})) AS BIGINT)`,
      ).join(',\n')}`,

  // ---- DATE_FORMAT(date, format): a STRING, outside the Hive-compatible edition ----
  // A TIMESTAMP (its wall time in the session zone) or DATETIME; a DATE or
  // STRING date only in the Hive-compatible edition, so refused. A NULL date
  // is an error, a NULL format gives NULL.
  __ossduck_typed_date_format: `CREATE OR REPLACE TEMP MACRO __ossduck_typed_date_format
      ${(['TIMESTAMP', 'TIMESTAMP WITH TIME ZONE'] as const)
        .map((t) => `(d ${t}, format) AS CASE WHEN d IS NULL THEN ${nullDate('DATE_FORMAT', "DATE_FORMAT(d, 'yyyy-MM-dd')")}
        ELSE ${DATE_FORMAT_HELPER}(${wallOf(t, 'd', 'DATE_FORMAT', 'date (argument 1)', NO_STRING_DATES)}, format) END`)
        .join(',\n')},
      (d DATE, format) AS CASE WHEN d IS NULL THEN ${nullDate('DATE_FORMAT', "DATE_FORMAT(d, 'yyyy-MM-dd')")}
        ELSE CAST(${raise(lit('DATE_FORMAT'), 'badType', lit(`date (argument 1) must be TIMESTAMP or DATETIME, got DATE; ${HIVE_ONLY}; use TO_CHAR(d, 'yyyy-mm-dd')`))} AS VARCHAR) END,
      (d VARCHAR, format) AS CAST(${wallOf('VARCHAR', 'd', 'DATE_FORMAT', 'date (argument 1)', { refused: `${HIVE_ONLY}; use CAST(s AS TIMESTAMP)` }, 'TIMESTAMP or DATETIME')} AS VARCHAR),
      (d, format) AS CAST(${wallOf(undefined, 'd', 'DATE_FORMAT', 'date (argument 1)', NO_STRING_DATES, 'TIMESTAMP or DATETIME')} AS VARCHAR)`,

  // ---- TO_MILLIS(date): milliseconds since 1970 UTC, a BIGINT ----
  // A DATETIME is read in the session zone; fractions below a millisecond are
  // cut (floor). A NULL date is an error (2.0); a DATE or STRING is refused.
  __ossduck_typed_to_millis: `CREATE OR REPLACE TEMP MACRO __ossduck_typed_to_millis
      ${(['TIMESTAMP', 'TIMESTAMP WITH TIME ZONE'] as const)
        .map((t) => `(d ${t}) AS CASE WHEN d IS NULL THEN ${nullDate('TO_MILLIS', 'TO_MILLIS(d)')}
        ELSE CAST(floor(epoch_us(${instantOf(t, 'd', 'TO_MILLIS', 'date (argument 1)', NO_STRING_DATES)}) / 1000) AS BIGINT) END`)
        .join(',\n')},
      (d DATE) AS CASE WHEN d IS NULL THEN ${nullDate('TO_MILLIS', 'TO_MILLIS(d)')}
        ELSE CAST(${raise(lit('TO_MILLIS'), 'badType', lit('date (argument 1) must be DATETIME or TIMESTAMP, got DATE'))} AS BIGINT) END,
      (d VARCHAR) AS CAST(${wallOf('VARCHAR', 'd', 'TO_MILLIS', 'date (argument 1)', NO_STRING_DATES, 'DATETIME or TIMESTAMP')} AS BIGINT),
      (d) AS CAST(${wallOf(undefined, 'd', 'TO_MILLIS', 'date (argument 1)', NO_STRING_DATES, 'DATETIME or TIMESTAMP')} AS BIGINT)`,

  // ---- CURRENT_TIMESTAMP, CURRENT_TIMESTAMP() and NOW(): the statement instant, a TIMESTAMP ----
  // The instant GETDATE() and the signer use (`ossduck.signing_time` when
  // set), where DuckDB's are the transaction's start. Bare CURRENT_TIMESTAMP
  // is DuckDB's get_current_timestamp().
  CURRENT_TIMESTAMP: `CREATE OR REPLACE TEMP MACRO current_timestamp() AS ${STATEMENT_INSTANT}()`,
  get_current_timestamp: `CREATE OR REPLACE TEMP MACRO get_current_timestamp() AS ${STATEMENT_INSTANT}()`,
  NOW: `CREATE OR REPLACE TEMP MACRO now() AS ${STATEMENT_INSTANT}()`,

  // ---- DATEPART(date, datepart): BIGINT; DATETRUNC(date, datepart): the type of date ----
  // The date comes first (DuckDB's functions of these names take the part
  // first). A NULL date is an error, a NULL datepart gives NULL ("If the
  // value of date is null, an error is returned. If the value of datepart is
  // null, null is returned."); a STRING date is refused (2.0). A TIMESTAMP
  // is read, and cut, as its wall time in the session zone.
  __ossduck_part: `CREATE OR REPLACE TEMP MACRO __ossduck_part(t, unit) AS CAST(system.main.date_part(unit, t) AS BIGINT)`,
  __ossduck_trunc: `CREATE OR REPLACE TEMP MACRO __ossduck_trunc(t, unit) AS CASE
      WHEN starts_with(unit, 'week') THEN CAST(CAST(t AS DATE) - CAST((system.main.isodow(t) - CAST(system.main.substr(unit, 5) AS INTEGER) + 7) % 7 AS INTEGER) AS TIMESTAMP)
      ELSE system.main.date_trunc(unit, t)
    END`,
  __ossduck_typed_datepart: `CREATE OR REPLACE TEMP MACRO __ossduck_typed_datepart ${dateFirstOverloads('DATEPART', (_, wall) => `__ossduck_part(${wall}, unit)`)}`,
  __ossduck_typed_datetrunc: `CREATE OR REPLACE TEMP MACRO __ossduck_typed_datetrunc ${dateFirstOverloads('DATETRUNC', (t, wall) =>
    t === 'DATE' || t === 'TIMESTAMP WITH TIME ZONE' ? `CAST(__ossduck_trunc(${wall}, unit) AS ${t})` : `__ossduck_trunc(${wall}, unit)`,
  )}`,

  // ---- DATE_ADD(startdate, delta), DATE_SUB(startdate, delta): a DATE ----
  // Whole days from startdate's date, its time dropped. A NULL startdate is
  // an error, a NULL delta gives NULL; a STRING startdate is refused (2.0:
  // the pages show STRING only under odps.sql.type.system.odps2=false).
  __ossduck_typed_date_add: dayShiftMacro('DATE_ADD', '+'),
  __ossduck_typed_date_sub: dayShiftMacro('DATE_SUB', '-'),

  // ---- The functions themselves: each binds its arguments once and calls its typed macro above ----
  DATEADD: bindOnce('dateadd', '__ossduck_typed_dateadd', [{ parameters: ['d', 'delta', 'part'], constants: ['part'], hoisted: { part: unitOf('DATEADD') } }]),
  DATEDIFF: bindOnce('datediff', '__ossduck_typed_datediff', [
    { parameters: ['end_date', 'start_date'] },
    { parameters: ['end_date', 'start_date', 'part'], constants: ['part'], hoisted: { part: unitOf('DATEDIFF') } },
  ]),
  TO_CHAR: bindOnce('to_char', '__ossduck_typed_to_char', [{ parameters: ['value'] }, { parameters: ['d', 'format'], constants: ['format'] }]),
  TO_DATE: bindOnce('to_date', '__ossduck_typed_to_date', [{ parameters: ['d'] }, { parameters: ['d', 'format'], constants: ['format'] }]),
  ISDATE: bindOnce('isdate', '__ossduck_typed_isdate', [{ parameters: ['d', 'format'], constants: ['format'] }]),
  FROM_UNIXTIME: bindOnce('from_unixtime', '__ossduck_typed_from_unixtime', [{ parameters: ['unixtime'] }]),
  UNIX_TIMESTAMP: bindOnce('unix_timestamp', '__ossduck_typed_unix_timestamp', [{ parameters: [] }, { parameters: ['d'] }]),
  DATEPART: bindOnce('datepart', '__ossduck_typed_datepart', [{ parameters: ['d', 'part'], constants: ['part'], hoisted: { part: unitOf('DATEPART') } }]),
  DATE_ADD: bindOnce('date_add', '__ossduck_typed_date_add', [{ parameters: ['startdate', 'delta'] }]),
  DATE_SUB: bindOnce('date_sub', '__ossduck_typed_date_sub', [{ parameters: ['startdate', 'delta'] }]),
  DATE_FORMAT: bindOnce('date_format', '__ossduck_typed_date_format', [{ parameters: ['d', 'format'], constants: ['format'] }]),
  TO_MILLIS: bindOnce('to_millis', '__ossduck_typed_to_millis', [{ parameters: ['d'] }]),
  DATETRUNC: bindOnce('datetrunc', '__ossduck_typed_datetrunc', [{ parameters: ['d', 'part'], constants: ['part'], hoisted: { part: unitOf('DATETRUNC') } }]),
};
