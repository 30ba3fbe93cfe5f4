import { FunctionError } from './FunctionError.js';

/**
 * The unit a MaxCompute `datepart` string names, as the SQL macros of
 * DATEADD, DATEDIFF, DATEPART and DATETRUNC dispatch on it. Weeks that start on a given day are
 * `week1` (Monday, ISO) to `week7` (Sunday), after ISO day-of-week numbers.
 */
export type DateUnit =
  | 'year'
  | 'isoyear'
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

export type DatePartFunction = 'DATEADD' | 'DATEDIFF' | 'DATEPART' | 'DATETRUNC' | 'LAST_DAY';

const EVERY: readonly DatePartFunction[] = ['DATEADD', 'DATEDIFF', 'DATEPART', 'DATETRUNC'];
/** The units whose last day LAST_DAY(date, date_part) finds. */
const WITH_LAST_DAY: readonly DatePartFunction[] = [...EVERY, 'LAST_DAY'];

/**
 * Every datepart spelling, the unit it names and the functions that take
 * it, as MaxCompute documents them (2.0 type system), in the order errors
 * list them. DATEPART documents the letters of its STRING-DATETIME
 * conversion (yyyy, mm, dd, hh, mi, ss) and the "extended" names ("年-year、
 * 月-month或-mon、日-day和小时-hour"); DATETRUNC's table adds quarter|q, week,
 * isoweek and ff3; DATEADD quarter|q, week and ff3/ff6; DATEDIFF week,
 * isoweek and ff3/ff6; LAST_DAY year, isoyear, quarter, month, week and
 * isoweek. Matching ignores case ('DD', 'MM').
 */
const DATE_PARTS: readonly { readonly names: readonly string[]; readonly unit: DateUnit; readonly functions: readonly DatePartFunction[] }[] = [
  { names: ['year', 'yyyy'], unit: 'year', functions: WITH_LAST_DAY },
  { names: ['isoyear'], unit: 'isoyear', functions: ['LAST_DAY'] },
  { names: ['quarter', 'q'], unit: 'quarter', functions: ['DATEADD', 'DATETRUNC', 'LAST_DAY'] },
  { names: ['month', 'mon', 'mm'], unit: 'month', functions: WITH_LAST_DAY },
  // `week` is week(MONDAY); `isoweek` has the same Monday boundaries.
  { names: ['week'], unit: 'week1', functions: ['DATEADD', 'DATEDIFF', 'DATETRUNC', 'LAST_DAY'] },
  { names: ['isoweek'], unit: 'week1', functions: ['DATEDIFF', 'DATETRUNC', 'LAST_DAY'] },
  { names: ['day', 'dd'], unit: 'day', functions: EVERY },
  { names: ['hour', 'hh'], unit: 'hour', functions: EVERY },
  { names: ['mi'], unit: 'minute', functions: EVERY },
  { names: ['ss'], unit: 'second', functions: EVERY },
  { names: ['ff3'], unit: 'millisecond', functions: ['DATEADD', 'DATEDIFF', 'DATETRUNC'] },
  { names: ['ff6'], unit: 'microsecond', functions: ['DATEADD', 'DATEDIFF'] },
];

/** The functions that also take `week(MONDAY)` to `week(SUNDAY)`: weeks that start on that day. */
const WEEK_OF_FUNCTIONS: readonly DatePartFunction[] = ['DATEDIFF', 'DATETRUNC', 'LAST_DAY'];

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const WEEK_OF = /^week\s*\(\s*([a-z]+)\s*\)$/;

/** A value for each function. */
const byFunction = <T>(make: (fn: DatePartFunction) => T): Readonly<Record<DatePartFunction, T>> => ({
  DATEADD: make('DATEADD'),
  DATEDIFF: make('DATEDIFF'),
  DATEPART: make('DATEPART'),
  DATETRUNC: make('DATETRUNC'),
  LAST_DAY: make('LAST_DAY'),
});

const partsOf = (fn: DatePartFunction) => DATE_PARTS.filter((p) => p.functions.includes(fn));

const PARTS = byFunction((fn) => new Map(partsOf(fn).flatMap((p) => p.names.map((name) => [name, p.unit] as const))));

/** The spellings each function takes, for its errors: 'year|yyyy, quarter|q, ...'. */
export const ALLOWED_DATE_PARTS: Readonly<Record<DatePartFunction, string>> = byFunction((fn) =>
  partsOf(fn)
    .flatMap((p) => [p.names.join('|'), ...(p.names[0] === 'week' && WEEK_OF_FUNCTIONS.includes(fn) ? ['week(MONDAY) to week(SUNDAY)'] : [])])
    .join(', '),
);

/** Which argument the datepart is. */
export const DATEPART_ARGUMENT: Readonly<Record<DatePartFunction, number>> = { DATEADD: 3, DATEDIFF: 3, DATEPART: 2, DATETRUNC: 2, LAST_DAY: 2 };

/**
 * DuckDB's functions of the names DATEPART and DATETRUNC take the part first;
 * a date where MaxCompute's take the datepart is pointed to the date-first
 * form and to DuckDB's own name for the part-first one.
 */
export const PART_FIRST_HINT: Readonly<Partial<Record<DatePartFunction, string>>> = {
  DATEPART: "MaxCompute's DATEPART takes the date first, DATEPART(date, 'yyyy'); DuckDB's part-first form is date_part('year', date)",
  DATETRUNC: "MaxCompute's DATETRUNC takes the date first, DATETRUNC(date, 'yyyy'); DuckDB's part-first form is date_trunc('year', date)",
};

/** The unit `text` names for `fn`; an error naming the value and the allowed ones when it names none. */
export function datePart(fn: DatePartFunction, text: string): DateUnit {
  const key = text.toLowerCase();
  const unit = PARTS[fn].get(key);
  if (unit !== undefined) return unit;
  if (WEEK_OF_FUNCTIONS.includes(fn)) {
    const day = WEEK_OF.exec(key)?.[1];
    const index = day === undefined ? -1 : WEEKDAYS.indexOf(day);
    if (index >= 0) return `week${index + 1}` as DateUnit;
  }
  const shown = text.length > 40 ? `${text.slice(0, 37)}...` : text;
  throw FunctionError.invalid(fn, `datepart '${shown}' is not supported; allowed (any case): ${ALLOWED_DATE_PARTS[fn]}`);
}
