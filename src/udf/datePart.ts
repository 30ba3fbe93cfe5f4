import { FunctionError } from './FunctionError.js';

/**
 * The unit a MaxCompute `datepart` string names, as the SQL macros of
 * DATEADD and DATEDIFF dispatch on it. Weeks that start on a given day are
 * `week1` (Monday, ISO) to `week7` (Sunday), after ISO day-of-week numbers.
 */
export type DateUnit =
  | 'year'
  | 'quarter'
  | 'month'
  | 'day'
  | 'hour'
  | 'minute'
  | 'second'
  | 'millisecond'
  | 'microsecond'
  | 'week1'
  | 'week2'
  | 'week3'
  | 'week4'
  | 'week5'
  | 'week6'
  | 'week7';

export type DatePartFunction = 'DATEADD' | 'DATEDIFF';

/*
 * The spellings each function accepts, as MaxCompute documents them (2.0
 * type system). Older docs also name "extended" formats: "年-year、月-month或
 * -mon、日-day、小时-hour", i.e. the spelled-out names year, month, mon, day
 * and hour, all of which are here. Matching ignores case ('DD', 'MM').
 */
const COMMON: Readonly<Record<string, DateUnit>> = {
  year: 'year',
  yyyy: 'year',
  month: 'month',
  mon: 'month',
  mm: 'month',
  day: 'day',
  dd: 'day',
  hour: 'hour',
  hh: 'hour',
  mi: 'minute',
  ss: 'second',
  ff3: 'millisecond',
  ff6: 'microsecond',
};

const DATEADD_PARTS: Readonly<Record<string, DateUnit>> = { ...COMMON, quarter: 'quarter', q: 'quarter', week: 'week1' };

/** DATEDIFF: no quarter; `week` is `week(MONDAY)`; `isoweek` counts the same Monday boundaries. */
const DATEDIFF_PARTS: Readonly<Record<string, DateUnit>> = { ...COMMON, week: 'week1', isoweek: 'week1' };

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const WEEK_OF = /^week\s*\(\s*([a-z]+)\s*\)$/;

export const ALLOWED_DATE_PARTS: Readonly<Record<DatePartFunction, string>> = {
  DATEADD: 'year|yyyy, quarter|q, month|mon|mm, week, day|dd, hour|hh, mi, ss, ff3, ff6',
  DATEDIFF: 'year|yyyy, month|mon|mm, week, week(MONDAY) to week(SUNDAY), isoweek, day|dd, hour|hh, mi, ss, ff3, ff6',
};

/** The unit `text` names for `fn`; an error naming the value and the allowed ones when it names none. */
export function datePart(fn: DatePartFunction, text: string): DateUnit {
  const key = text.toLowerCase();
  const parts = fn === 'DATEADD' ? DATEADD_PARTS : DATEDIFF_PARTS;
  if (Object.hasOwn(parts, key)) return parts[key]!;
  if (fn === 'DATEDIFF') {
    const day = WEEK_OF.exec(key)?.[1];
    const index = day === undefined ? -1 : WEEKDAYS.indexOf(day);
    if (index >= 0) return `week${index + 1}` as DateUnit;
  }
  const shown = text.length > 40 ? `${text.slice(0, 37)}...` : text;
  throw FunctionError.invalid(fn, `datepart '${shown}' is not supported; allowed (any case): ${ALLOWED_DATE_PARTS[fn]}`);
}
