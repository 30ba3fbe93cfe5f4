import { bindOnce } from './bindOnce.js';
import { ARG_TYPES, nullDate, param, unitOf, wallOf } from './dateArgument.js';
import type { ArgType, Strings } from './dateArgument.js';

/** The STRING dates the calendar functions take: a date, optionally with a time ("the date format must include yyyy-mm-dd"). */
const DATE_TIME_STRINGS: Strings = {
  regex: '\\d{4}-\\d{2}-\\d{2}( \\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?)?',
  described: 'yyyy-mm-dd, yyyy-mm-dd hh:mi:ss or yyyy-mm-dd hh:mi:ss.ff3',
};
const WITH_STRINGS = 'DATE, DATETIME, TIMESTAMP or STRING';

/** The typed overloads (DATE, DATETIME, TIMESTAMP, STRING) and the untyped one, of `fn`'s first argument `d`. */
const TYPED = ARG_TYPES.filter((t) => t !== undefined);

/** `value` for a date argument `d` of type `t`, or the NULL-date error of `fn` (MaxCompute's current pages: "If the value of date is NULL, ... an error"). */
const unlessNull = (fn: string, t: ArgType, example: string, value: string): string =>
  t === undefined ? value : `CASE WHEN d IS NULL THEN ${nullDate(fn, example)} ELSE ${value} END`;

/** `d` (declared `t`) as a wall TIMESTAMP for `fn`, taking STRING dates with or without a time. */
const wall = (fn: string, t: ArgType): string => wallOf(t, 'd', fn, 'date (argument 1)', DATE_TIME_STRINGS, WITH_STRINGS);

/**
 * MaxCompute's date functions of months and calendar units, as SQL macros
 * (the helpers first; DuckDB creates them in this order). A date argument
 * is a DATE, DATETIME, TIMESTAMP (read in the session zone) or STRING
 * 'yyyy-mm-dd[ hh:mi:ss[.ff3]]'.
 */
export const CALENDAR_MACROS: Readonly<Record<string, string>> = {
  // The last day of the unit that wall time `t` is in, a DATE: ISO years end on
  // the Sunday of the week holding 28 December; weeks of `weekN` start on ISO day N.
  __ossduck_last_day: `CREATE OR REPLACE TEMP MACRO __ossduck_last_day(t, unit) AS CASE unit
      WHEN 'year' THEN make_date(system.main.year(t), 12, 31)
      WHEN 'isoyear' THEN make_date(system.main.isoyear(t), 12, 28) + CAST(7 - system.main.isodow(make_date(system.main.isoyear(t), 12, 28)) AS INTEGER)
      WHEN 'quarter' THEN CAST(system.main.date_trunc('quarter', t) + INTERVAL 3 MONTH AS DATE) - 1
      WHEN 'month' THEN system.main.last_day(t)
      WHEN 'day' THEN CAST(t AS DATE)
      ELSE CAST(t AS DATE) + CAST(6 - (system.main.isodow(t) - CAST(system.main.substr(unit, 5) AS INTEGER) + 7) % 7 AS INTEGER)
    END`,

  // ---- LAST_DAY(date[, date_part]) (current page) ----
  // Without date_part: the last day of the month as a STRING 'yyyy-mm-dd';
  // with it, the last day of that unit as a DATE. A NULL date is an error
  // (DuckDB's last_day gave NULL); a NULL date_part gives NULL.
  __ossduck_typed_last_day: `CREATE OR REPLACE TEMP MACRO __ossduck_typed_last_day ${[
    ...ARG_TYPES.map((t) => `(${param('d', t)}) AS ${unlessNull('LAST_DAY', t, 'LAST_DAY(d)', `strftime(system.main.last_day(${wall('LAST_DAY', t)}), '%Y-%m-%d')`)}`),
    ...ARG_TYPES.map((t) => `(${param('d', t)}, unit) AS ${unlessNull('LAST_DAY', t, "LAST_DAY(d, 'mm')", `__ossduck_last_day(${wall('LAST_DAY', t)}, unit)`)}`),
  ].join(',\n')}`,

  LAST_DAY: bindOnce('last_day', '__ossduck_typed_last_day', [
    { parameters: ['d'] },
    { parameters: ['d', 'part'], constants: ['part'], hoisted: { part: unitOf('LAST_DAY') } },
  ]),
};
