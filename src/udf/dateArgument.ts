import { quoteLiteral } from '../sql/quoteIdentifier.js';
import { DATEPART_HELPER } from './datepartHelper.js';
import { raiseFunctionError as raise } from './raiseFunctionError.js';

/*
 * The arguments of MaxCompute's date functions, as the SQL macros read them:
 * the DuckDB types they dispatch on, a date argument as a wall TIMESTAMP or
 * an instant, and the errors for a type, a STRING or a NULL they refuse.
 */

/** DuckDB `typeof()` names. */
export const INTEGER_TYPE_NAMES = ['TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'UTINYINT', 'USMALLINT', 'UINTEGER', 'UBIGINT', 'HUGEINT', 'UHUGEINT'];
export const DATETIME_TYPE_NAMES = ['TIMESTAMP', 'TIMESTAMP_S', 'TIMESTAMP_MS', 'TIMESTAMP_NS'];
export const DATE_TYPE_NAMES = ['DATE', ...DATETIME_TYPE_NAMES, 'TIMESTAMP WITH TIME ZONE'];
export const NULL_TYPE_NAME = '"NULL"';

export const list = (names: readonly string[]): string => names.map(quoteLiteral).join(', ');
export const lit = quoteLiteral;
/** `'value'` in a message, cut at 60 characters; `x` is a VARCHAR expression. */
export const shown = (x: string): string => `'''' || CASE WHEN length(${x}) > 60 THEN left(${x}, 57) || '...' ELSE ${x} END || ''''`;

/** The argument types the date macros dispatch on; `undefined` is the untyped overload that catches the rest. */
export type ArgType = 'DATE' | 'TIMESTAMP' | 'TIMESTAMP WITH TIME ZONE' | 'VARCHAR' | undefined;
export const ARG_TYPES: readonly ArgType[] = ['DATE', 'TIMESTAMP', 'TIMESTAMP WITH TIME ZONE', 'VARCHAR', undefined];

/**
 * Which STRING dates an argument takes: a whole-string regex and how to
 * describe it (`invalidIsNull`: a string that does not match gives NULL, as
 * some pages document, instead of an error), or a note on why none.
 */
export type Strings = { readonly regex: string; readonly described: string; readonly invalidIsNull?: boolean } | { readonly refused: string };

export const param = (name: string, type: ArgType): string => (type === undefined ? name : `${name} ${type}`);

/**
 * SQL for argument `x` (declared `type` in the overload) as a wall-time
 * TIMESTAMP in the session zone, raising a FunctionError of `fn` for types
 * and strings it does not take; `allowed` names the types in that error.
 */
export function wallOf(type: ArgType, x: string, fn: string, arg: string, strings: Strings, allowed = 'DATE, DATETIME or TIMESTAMP'): string {
  switch (type) {
    case 'DATE':
    case 'TIMESTAMP WITH TIME ZONE':
      return `CAST(${x} AS TIMESTAMP)`;
    case 'TIMESTAMP':
      return x;
    case 'VARCHAR':
      if ('refused' in strings) {
        return `CAST(${raise(lit(fn), 'badType', `${lit(`${arg} must be ${allowed}, got STRING `)} || coalesce(${shown(x)}, 'NULL') || ${lit(`; ${strings.refused}`)}`)} AS TIMESTAMP)`;
      }
      return `CASE WHEN ${x} IS NULL THEN NULL
          WHEN regexp_full_match(${x}, ${lit(strings.regex)}) AND TRY_CAST(${x} AS TIMESTAMP) IS NOT NULL THEN CAST(${x} AS TIMESTAMP)
          ELSE ${strings.invalidIsNull === true ? 'NULL' : raise(lit(fn), 'invalid', `${lit(`${arg} `)} || ${shown(x)} || ${lit(` is not a valid date; a STRING date must be ${strings.described}`)}`)} END`;
    default:
      return `CAST(${raise(lit(fn), 'badType', `${lit(`${arg} must be ${allowed}, got `)} || typeof(${x})`)} AS TIMESTAMP)`;
  }
}

/** SQL for argument `x` as an instant (TIMESTAMP WITH TIME ZONE); a wall time is read in the session zone. */
export function instantOf(type: ArgType, x: string, fn: string, arg: string, strings: Strings): string {
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

/** The error for a NULL date `arg`, which MaxCompute's `fn` fails on, with an `example` of leaving NULL dates out. */
export function nullDate(fn: string, example: string, arg = 'date (argument 1)'): string {
  const name = arg.split(' ')[0]!;
  return raise(
    lit(fn),
    'invalid',
    lit(
      `${arg} is NULL; MaxCompute's ${fn} fails on a NULL ${name}: leave NULL ${name}s out, ` +
        `e.g. IF(d IS NULL, NULL, ${example})`,
    ),
  );
}

/** SQL for the unit datepart `part` names, for `fn`: the typed macros of DATEADD, DATEDIFF, DATEPART, DATETRUNC and LAST_DAY take the unit. */
export const unitOf = (fn: string) => (part: string): string => `${DATEPART_HELPER}(${lit(fn)}, ${part})`;
