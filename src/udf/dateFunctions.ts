import { DuckDBTypeId, TIMESTAMP, TIMESTAMPTZ, VARCHAR, ANY, timestampTZValue, timestampValue } from '@duckdb/node-api';
import type { DuckDBScalarFunction, DuckDBTimestampValue } from '@duckdb/node-api';
import { DateTime } from 'luxon';
import { quoteLiteral } from '../sql/quoteIdentifier.js';
import { datePart } from './datePart.js';
import type { DatePartFunction } from './datePart.js';
import { compileFormatter, compileParser } from './dateFormat.js';
import type { FunctionFamily } from './FunctionFamily.js';
import { FunctionError } from './FunctionError.js';
import { raiseFunctionError as raise } from './raiseFunctionError.js';
import { argumentColumns, stringReader } from './readArguments.js';
import type { ArgumentColumn } from './readArguments.js';
import { scalarFunction } from './scalarFunction.js';
import type { FunctionContext } from './FunctionContext.js';

/*
 * MaxCompute's date functions (2.0 type system) on DuckDB.
 *
 * The model: a MaxCompute DATETIME is a DuckDB TIMESTAMP holding the wall
 * time in the session zone `odps.sql.timezone`; DATE is DATE; a TIMESTAMP
 * WITH TIME ZONE is an absolute instant, read as the wall time it has in the
 * session zone. The runtime keeps DuckDB's `TimeZone` equal to the session
 * zone, so DuckDB's ICU casts between TIMESTAMP and TIMESTAMPTZ are exactly
 * "wall time in the session zone" <-> instant. (Where the clocks go back, the
 * repeated wall hour is read as its later, standard-time instant; a wall time
 * the clocks skip is moved forward by the gap: ICU's rules.)
 *
 * DATEADD, DATEDIFF, FROM_UNIXTIME, UNIX_TIMESTAMP(date) and the type
 * checks of TO_DATE and TO_CHAR are SQL macros: vectorised, no JavaScript
 * per row. Their argument checks call `__ossduck_raise`, so a bad argument
 * fails the statement with an ossduck FunctionError at the call. A datepart
 * goes through a small JavaScript helper that DuckDB folds to a constant
 * once per statement when the datepart is a constant, as MaxCompute
 * requires. JavaScript runs per row only where a format must be read:
 * TO_CHAR(date, format) and TO_DATE(string, format) (DuckDB's strftime and
 * strptime want a constant format when a macro is created, which a
 * translated MaxCompute format never is); and per chunk where the statement
 * instant is needed: GETDATE() and UNIX_TIMESTAMP().
 */

export const GETDATE = 'GETDATE';
const STATEMENT_INSTANT = '__ossduck_statement_instant';
const DATEPART = '__ossduck_datepart';
const TO_CHAR_JS = '__ossduck_to_char';
const TO_DATE_JS = '__ossduck_to_date';

/** DuckDB `typeof()` names. */
const INTEGER_TYPE_NAMES = ['TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'UTINYINT', 'USMALLINT', 'UINTEGER', 'UBIGINT', 'HUGEINT', 'UHUGEINT'];
const DATETIME_TYPE_NAMES = ['TIMESTAMP', 'TIMESTAMP_S', 'TIMESTAMP_MS', 'TIMESTAMP_NS'];
const DATE_TYPE_NAMES = ['DATE', ...DATETIME_TYPE_NAMES, 'TIMESTAMP WITH TIME ZONE'];
const NULL_TYPE_NAME = '"NULL"';

/** Regular expressions (RE2, whole-string) for the strings the functions accept. */
const DATE_STRING = '\\d{4}-\\d{2}-\\d{2}';
const UNIX_TIMESTAMP_STRING = '\\d{4}-\\d{2}-\\d{2}( \\d{2}:\\d{2}:\\d{2}(\\.\\d{3})?)?';
/** ISO-8601 date or date-time with a valid time of day; TO_DATE(string) takes its date as written. */
const ISO_8601 =
  '\\d{4}-\\d{2}-\\d{2}([Tt ]([01]\\d|2[0-3]):[0-5]\\d(:[0-5]\\d([.,]\\d{1,9})?)?([Zz]|[+-]([01]\\d|2[0-3])(:?[0-5]\\d)?)?)?';

/** FROM_UNIXTIME's documented range, seconds. */
export const MIN_UNIXTIME = -62167305600;
export const MAX_UNIXTIME = 253402387200;

const list = (names: readonly string[]): string => names.map(quoteLiteral).join(', ');
const lit = quoteLiteral;
/** `'value'` in a message, cut at 60 characters; `x` is a VARCHAR expression. */
const shown = (x: string): string => `'''' || CASE WHEN length(${x}) > 60 THEN left(${x}, 57) || '...' ELSE ${x} END || ''''`;

/** The argument types the date macros dispatch on; `undefined` is the untyped overload that catches the rest. */
type ArgType = 'DATE' | 'TIMESTAMP' | 'TIMESTAMP WITH TIME ZONE' | 'VARCHAR' | undefined;
const ARG_TYPES: readonly ArgType[] = ['DATE', 'TIMESTAMP', 'TIMESTAMP WITH TIME ZONE', 'VARCHAR', undefined];

/** Which STRING dates an argument takes: a whole-string regex and how to describe it, or a note on why none. */
type Strings = { readonly regex: string; readonly described: string } | { readonly refused: string };

const param = (name: string, type: ArgType): string => (type === undefined ? name : `${name} ${type}`);

/**
 * SQL for argument `x` (declared `type` in the overload) as a wall-time
 * TIMESTAMP in the session zone, raising a FunctionError of `fn` for types
 * and strings it does not take.
 */
function wallOf(type: ArgType, x: string, fn: string, arg: string, strings: Strings): string {
  switch (type) {
    case 'DATE':
    case 'TIMESTAMP WITH TIME ZONE':
      return `CAST(${x} AS TIMESTAMP)`;
    case 'TIMESTAMP':
      return x;
    case 'VARCHAR':
      if ('refused' in strings) {
        return `CAST(${raise(lit(fn), 'badType', `${lit(`${arg} must be DATE, DATETIME or TIMESTAMP, got STRING `)} || coalesce(${shown(x)}, 'NULL') || ${lit(`; ${strings.refused}`)}`)} AS TIMESTAMP)`;
      }
      return `CASE WHEN ${x} IS NULL THEN NULL
          WHEN regexp_full_match(${x}, ${lit(strings.regex)}) AND TRY_CAST(${x} AS TIMESTAMP) IS NOT NULL THEN CAST(${x} AS TIMESTAMP)
          ELSE ${raise(lit(fn), 'invalid', `${lit(`${arg} `)} || ${shown(x)} || ${lit(` is not a valid date; a STRING date must be ${strings.described}`)}`)} END`;
    default:
      return `CAST(${raise(lit(fn), 'badType', `${lit(`${arg} must be DATE, DATETIME or TIMESTAMP, got `)} || typeof(${x})`)} AS TIMESTAMP)`;
  }
}

/** SQL for argument `x` as an instant (TIMESTAMP WITH TIME ZONE); a wall time is read in the session zone. */
function instantOf(type: ArgType, x: string, fn: string, arg: string, strings: Strings): string {
  switch (type) {
    case 'DATE':
    case 'TIMESTAMP':
      return `CAST(${x} AS TIMESTAMP WITH TIME ZONE)`;
    case 'TIMESTAMP WITH TIME ZONE':
      return x;
    default:
      return `CAST(${wallOf(type, x, fn, arg, strings)} AS TIMESTAMP WITH TIME ZONE)`;
  }
}

/**
 * The macros. Typed overloads dispatch on the arguments' types (DuckDB picks
 * the exact one; a bare NULL literal takes DATE); the untyped ones catch
 * every other type and raise. A macro with several typed overloads cannot be
 * called from another macro's body with an untyped argument (DuckDB finds
 * the call ambiguous when it creates the outer macro), so the per-type
 * conversions are written into each overload, and two-argument functions
 * get one overload per pair of types.
 */
function macros(): string[] {
  const nullDate = (fn: string, example: string): string =>
    raise(
      lit(fn),
      'invalid',
      lit(
        `date (argument 1) is NULL; MaxCompute's ${fn} fails on a NULL date: leave NULL dates out, ` +
          `e.g. IF(d IS NULL, NULL, ${example})`,
      ),
    );
  const pairs = ARG_TYPES.flatMap((e) => ARG_TYPES.map((s) => [e, s] as const));
  const dateOnly: Strings = { regex: DATE_STRING, described: 'yyyy-mm-dd' };
  const noStrings: Strings = { refused: 'MaxCompute 2.0 takes STRING dates in DATEDIFF only without date_part' };
  const noStringDates: Strings = { refused: 'MaxCompute 2.0 does not turn a STRING into a DATETIME implicitly; use CAST(s AS DATETIME) or TO_DATE' };
  const unixStrings: Strings = { regex: UNIX_TIMESTAMP_STRING, described: 'yyyy-mm-dd, yyyy-mm-dd hh:mi:ss or yyyy-mm-dd hh:mi:ss.ff3' };
  return [
    // Calendar units move the wall time in the session zone (month ends clamp:
    // 2005-01-29 + 1 month = 2005-02-28); hours and smaller add elapsed time.
    `CREATE OR REPLACE TEMP MACRO __ossduck_add(t, delta, unit) AS CASE unit
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
    `CREATE OR REPLACE TEMP MACRO __ossduck_diff(e, s, unit) AS CASE unit
      WHEN 'year' THEN date_diff('year', s, e)
      WHEN 'month' THEN date_diff('month', s, e)
      WHEN 'day' THEN date_diff('day', s, e)
      WHEN 'hour' THEN (epoch_us(CAST(date_trunc('hour', e) AS TIMESTAMP WITH TIME ZONE)) - epoch_us(CAST(date_trunc('hour', s) AS TIMESTAMP WITH TIME ZONE))) // 3600000000
      WHEN 'minute' THEN (epoch_us(CAST(date_trunc('minute', e) AS TIMESTAMP WITH TIME ZONE)) - epoch_us(CAST(date_trunc('minute', s) AS TIMESTAMP WITH TIME ZONE))) // 60000000
      WHEN 'second' THEN (epoch_us(CAST(date_trunc('second', e) AS TIMESTAMP WITH TIME ZONE)) - epoch_us(CAST(date_trunc('second', s) AS TIMESTAMP WITH TIME ZONE))) // 1000000
      WHEN 'millisecond' THEN (epoch_us(CAST(date_trunc('millisecond', e) AS TIMESTAMP WITH TIME ZONE)) - epoch_us(CAST(date_trunc('millisecond', s) AS TIMESTAMP WITH TIME ZONE))) // 1000
      WHEN 'microsecond' THEN epoch_us(CAST(e AS TIMESTAMP WITH TIME ZONE)) - epoch_us(CAST(s AS TIMESTAMP WITH TIME ZONE))
      ELSE date_diff('day',
        CAST(s AS DATE) - CAST((isodow(s) - CAST(substr(unit, 5) AS INTEGER) + 7) % 7 AS INTEGER),
        CAST(e AS DATE) - CAST((isodow(e) - CAST(substr(unit, 5) AS INTEGER) + 7) % 7 AS INTEGER)) // 7
    END`,

    // ---- DATEADD(date, delta, datepart): the type of date ----
    // A NULL date is an error, as the current MaxCompute docs say ("date值为NULL
    // 时,返回报错"; older docs said NULL): it fails for a NULL literal and for a
    // NULL in any row, so a script that runs here cannot fail on MaxCompute for
    // it. A NULL delta or datepart gives NULL. A DATE stays a DATE: an hour or
    // smaller unit moves it from midnight and the result is cut to its date.
    `CREATE OR REPLACE TEMP MACRO dateadd
      (d DATE, delta BIGINT, part VARCHAR) AS CASE WHEN d IS NULL THEN ${nullDate('DATEADD', "DATEADD(d, 1, 'dd')")}
        ELSE CAST(CAST(__ossduck_add(CAST(d AS TIMESTAMP WITH TIME ZONE), delta, ${DATEPART}('DATEADD', part)) AS TIMESTAMP) AS DATE) END,
      (d TIMESTAMP, delta BIGINT, part VARCHAR) AS CASE WHEN d IS NULL THEN ${nullDate('DATEADD', "DATEADD(d, 1, 'dd')")}
        ELSE CAST(__ossduck_add(CAST(d AS TIMESTAMP WITH TIME ZONE), delta, ${DATEPART}('DATEADD', part)) AS TIMESTAMP) END,
      (d TIMESTAMP WITH TIME ZONE, delta BIGINT, part VARCHAR) AS CASE WHEN d IS NULL THEN ${nullDate('DATEADD', "DATEADD(d, 1, 'dd')")}
        ELSE __ossduck_add(d, delta, ${DATEPART}('DATEADD', part)) END,
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
    `CREATE OR REPLACE TEMP MACRO datediff ${[
      ...pairs.map(
        ([e, st]) => `(${param('end_date', e)}, ${param('start_date', st)}) AS CAST(date_diff('day',
          CAST(${wallOf(st, 'start_date', 'DATEDIFF', 'start_date (argument 2)', dateOnly)} AS DATE),
          CAST(${wallOf(e, 'end_date', 'DATEDIFF', 'end_date (argument 1)', dateOnly)} AS DATE)) AS INTEGER)`,
      ),
      ...pairs.map(
        ([e, st]) => `(${param('end_date', e)}, ${param('start_date', st)}, part) AS CAST(__ossduck_diff(
          ${wallOf(e, 'end_date', 'DATEDIFF', 'end_date (argument 1)', noStrings)},
          ${wallOf(st, 'start_date', 'DATEDIFF', 'start_date (argument 2)', noStrings)},
          ${DATEPART}('DATEDIFF', part)) AS BIGINT)`,
      ),
    ].join(',\n')}`,

    // ---- TO_CHAR(value) and TO_CHAR(date, format) ----
    // TO_CHAR(TRUE) is 'TRUE' (MaxCompute's example). A NULL date is an error
    // (docs: "date值为NULL时,返回报错"), a NULL format gives NULL.
    `CREATE OR REPLACE TEMP MACRO to_char
      (value) AS CASE
        WHEN typeof(value) = 'BOOLEAN' THEN upper(CAST(value AS VARCHAR))
        WHEN typeof(value) IN (${list([...INTEGER_TYPE_NAMES, 'FLOAT', 'DOUBLE', NULL_TYPE_NAME])}) OR starts_with(typeof(value), 'DECIMAL')
          THEN CAST(value AS VARCHAR)
        ELSE ${raise(lit('TO_CHAR'), 'badType', `'value (argument 1) must be BOOLEAN, BIGINT, DOUBLE or DECIMAL, got ' || typeof(value) || '; a date needs a format, e.g. TO_CHAR(d, ''yyyy-mm-dd'')'`)}
      END,
      ${ARG_TYPES.map(
        (t) => `(${param('d', t)}, format) AS CASE WHEN d IS NULL THEN ${nullDate('TO_CHAR', "TO_CHAR(d, 'yyyy-mm-dd')")}
        ELSE ${TO_CHAR_JS}(${wallOf(t, 'd', 'TO_CHAR', 'date (argument 1)', noStringDates)}, format) END`,
      ).join(',\n')}`,

    // ---- TO_DATE(date[, format]) ----
    // Without format: a DATE from 'yyyy-mm-dd' or an ISO-8601 date-time (its
    // calendar date as written). With format: a DATETIME. Unparseable: NULL.
    `CREATE OR REPLACE TEMP MACRO to_date
      (d) AS CASE
        WHEN NOT (typeof(d) IN (${list(['VARCHAR', ...INTEGER_TYPE_NAMES, 'FLOAT', 'DOUBLE', ...DATETIME_TYPE_NAMES, NULL_TYPE_NAME])}) OR starts_with(typeof(d), 'DECIMAL'))
          THEN ${raise(lit('TO_DATE'), 'badType', `'date (argument 1) must be STRING (or BIGINT, DOUBLE, DECIMAL, DATETIME), got ' || typeof(d)`)}
        WHEN regexp_full_match(CAST(d AS VARCHAR), ${lit(ISO_8601)}) THEN TRY_CAST(left(CAST(d AS VARCHAR), 10) AS DATE)
      END,
      (d, format) AS CASE
        WHEN NOT (typeof(d) IN (${list(['VARCHAR', ...INTEGER_TYPE_NAMES, 'FLOAT', 'DOUBLE', ...DATETIME_TYPE_NAMES, NULL_TYPE_NAME])}) OR starts_with(typeof(d), 'DECIMAL'))
          THEN ${raise(lit('TO_DATE'), 'badType', `'date (argument 1) must be STRING (or BIGINT, DOUBLE, DECIMAL, DATETIME), got ' || typeof(d)`)}
        ELSE ${TO_DATE_JS}(CAST(d AS VARCHAR), format)
      END`,

    // ---- FROM_UNIXTIME(unixtime): wall time in the session zone ----
    `CREATE OR REPLACE TEMP MACRO from_unixtime
      (unixtime BIGINT) AS CASE
        WHEN unixtime IS NULL THEN NULL
        WHEN unixtime < ${MIN_UNIXTIME} OR unixtime > ${MAX_UNIXTIME}
          THEN ${raise(lit('FROM_UNIXTIME'), 'outOfRange', `'unixtime (argument 1) ' || CAST(unixtime AS VARCHAR) || ' is out of range; allowed ${MIN_UNIXTIME} to ${MAX_UNIXTIME} (seconds since 1970-01-01 00:00:00 UTC)'`)}
        ELSE CAST(to_timestamp(unixtime) AS TIMESTAMP)
      END,
      (unixtime) AS CAST(${raise(lit('FROM_UNIXTIME'), 'badType', `'unixtime (argument 1) must be BIGINT, got ' || typeof(unixtime)`)} AS TIMESTAMP)`,

    // ---- UNIX_TIMESTAMP([date]): seconds; a DATETIME is read in the session zone ----
    `CREATE OR REPLACE TEMP MACRO unix_timestamp
      () AS CAST(floor(epoch(${STATEMENT_INSTANT}())) AS BIGINT),
      ${ARG_TYPES.map(
        (t) => `(${param('d', t)}) AS CAST(floor(epoch(${instantOf(t, 'd', 'UNIX_TIMESTAMP', 'date (argument 1)', unixStrings)})) AS BIGINT)`,
      ).join(',\n')}`,
  ];
}

/** The wall time of `instant` in `timezone`, as DuckDB TIMESTAMP microseconds. */
export function wallMicros(instant: number, timezone: string): bigint {
  const offsetMinutes = DateTime.fromMillis(instant, { zone: timezone }).offset;
  return BigInt(instant + offsetMinutes * 60_000) * 1000n;
}

function constantString(fn: string, column: ArgumentColumn, argument: string): (row: number) => string | null {
  if (column.vector && column.typeId !== DuckDBTypeId.VARCHAR) {
    throw FunctionError.badType(fn, `${argument} must be a STRING constant, got ${column.typeName}`);
  }
  return stringReader(fn, column, argument);
}

/** GETDATE(), the statement instant behind UNIX_TIMESTAMP(), the datepart helper, and the format readers of TO_CHAR and TO_DATE. */
function functions({ statement, errors }: Pick<FunctionContext, 'statement' | 'errors'>): DuckDBScalarFunction[] {
  let cachedFor = '';
  let cachedMicros = 0n;
  const getdate = scalarFunction(errors, {
    name: GETDATE,
    returnType: TIMESTAMP,
    volatile: true,
    main: (chunk, output) => {
      const key = `${statement.id}\u0000${statement.timezone}\u0000${statement.instant}`;
      if (key !== cachedFor) {
        cachedMicros = wallMicros(statement.instant, statement.timezone);
        cachedFor = key;
      }
      const value = timestampValue(cachedMicros);
      for (let row = 0; row < chunk.rowCount; row++) output.setItem(row, value);
      output.flush();
    },
  });

  const statementInstant = scalarFunction(errors, {
    name: STATEMENT_INSTANT,
    returnType: TIMESTAMPTZ,
    volatile: true,
    main: (chunk, output) => {
      const value = timestampTZValue(BigInt(statement.instant) * 1000n);
      for (let row = 0; row < chunk.rowCount; row++) output.setItem(row, value);
      output.flush();
    },
  });

  const units = new Map<string, string>();
  const datepart = scalarFunction(errors, {
    name: DATEPART,
    returnType: VARCHAR,
    parameterTypes: [VARCHAR, ANY],
    main: (chunk, output) => {
      const [fnColumn, partColumn] = argumentColumns(chunk);
      const fn = stringReader(DATEPART, fnColumn!, 'fn');
      const part = constantString(String(fn(0)), partColumn!, 'datepart (argument 3)');
      for (let row = 0; row < chunk.rowCount; row++) {
        const name = fn(row) as DatePartFunction;
        const text = part(row);
        if (text === null) {
          output.setItem(row, null);
          continue;
        }
        const key = `${name}\u0000${text}`;
        let unit = units.get(key);
        if (unit === undefined) {
          unit = datePart(name, text);
          if (units.size > 1000) units.clear();
          units.set(key, unit);
        }
        output.setItem(row, unit);
      }
      output.flush();
    },
  });

  // TO_CHAR(datetime, format) and TO_DATE(string, format) read the format in
  // JavaScript: DuckDB's strftime/strptime need a constant format while a
  // macro is created, which a translated format never is. Each chunk
  // compiles its format once (cached across chunks).
  const formatters = new Map<string, (micros: bigint) => string>();
  const toChar = scalarFunction(errors, {
    name: TO_CHAR_JS,
    returnType: VARCHAR,
    parameterTypes: [TIMESTAMP, ANY],
    main: (chunk, output) => {
      const [timeColumn, formatColumn] = argumentColumns(chunk);
      const format = constantString('TO_CHAR', formatColumn!, 'format (argument 2)');
      const time = timeColumn!.vector!;
      for (let row = 0; row < chunk.rowCount; row++) {
        const text = format(row);
        const value = time.getItem(row) as DuckDBTimestampValue | null;
        if (text === null || value === null) {
          output.setItem(row, null);
          continue;
        }
        let formatter = formatters.get(text);
        if (!formatter) {
          formatter = compileFormatter('TO_CHAR', text);
          if (formatters.size > 1000) formatters.clear();
          formatters.set(text, formatter);
        }
        output.setItem(row, formatter(value.micros));
      }
      output.flush();
    },
  });

  const parsers = new Map<string, ((text: string) => bigint | null) | undefined>();
  const toDate = scalarFunction(errors, {
    name: TO_DATE_JS,
    returnType: TIMESTAMP,
    parameterTypes: [VARCHAR, ANY],
    main: (chunk, output) => {
      const [textColumn, formatColumn] = argumentColumns(chunk);
      const format = constantString('TO_DATE', formatColumn!, 'format (argument 2)');
      const texts = textColumn!.vector!;
      for (let row = 0; row < chunk.rowCount; row++) {
        const pattern = format(row);
        const text = texts.getItem(row) as string | null;
        if (pattern === null || text === null) {
          output.setItem(row, null);
          continue;
        }
        let parser = parsers.get(pattern);
        if (!parsers.has(pattern)) {
          parser = compileParser('TO_DATE', pattern);
          if (parsers.size > 1000) parsers.clear();
          parsers.set(pattern, parser);
        }
        const micros = parser === undefined ? null : parser(text);
        output.setItem(row, micros === null ? null : timestampValue(micros));
      }
      output.flush();
    },
  });

  return [getdate, statementInstant, datepart, toChar, toDate];
}

/**
 * GETDATE, DATEADD, DATEDIFF, TO_DATE, TO_CHAR, FROM_UNIXTIME and
 * UNIX_TIMESTAMP as MaxCompute (2.0 type system) defines them, in the
 * session time zone.
 */
export function dateFunctions(context: Pick<FunctionContext, 'statement' | 'errors'>): FunctionFamily {
  return { functions: functions(context), macros: macros() };
}
