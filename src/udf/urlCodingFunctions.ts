import type { FunctionFamily } from './FunctionFamily.js';
import { raiseFunctionError as raise } from './raiseFunctionError.js';
import { quoteLiteral as lit } from '../sql/quoteIdentifier.js';

/** The spellings of the one encoding ossduck codes, upper case. */
const UTF8_NAMES = ['UTF-8', 'UTF8'];

/** SQL that fails with `fn`'s error for an encoding other than UTF-8 (`encoding` the macro's parameter). */
const unsupported = (fn: string): string =>
  raise(
    lit(fn),
    'invalid',
    `'encoding (argument 2) ''' || encoding || ${lit("' is not supported; ossduck codes UTF-8 only: leave the encoding out, or give 'UTF-8'")}`,
  );

/** `body` when `encoding` (a macro parameter) is UTF-8, NULL when it is NULL, `fn`'s error otherwise. */
const inUtf8 = (fn: string, body: string): string =>
  `CASE WHEN encoding IS NULL THEN NULL WHEN upper(encoding) NOT IN (${UTF8_NAMES.map(lit).join(', ')}) THEN CAST(${unsupported(fn)} AS VARCHAR) ELSE ${body} END`;

/**
 * MaxCompute's URL_ENCODE(input[, encoding]) and URL_DECODE(input[, encoding]),
 * the application/x-www-form-urlencoded form (Java's URLEncoder): a space is
 * `+`, letters, digits, `.`, `-`, `*` and `_` stay, every other byte is `%XY`.
 * DuckDB's functions of the same names follow RFC 3986 instead: url_encode
 * writes a space as `%20` and `*` as `%2A` and keeps `~`, and url_decode keeps
 * `+`. Both are built on DuckDB's: its output can hold `%20` and `%2A` only for
 * a space and a `*` (a `%` of the input is `%25`), and `+` of the input is
 * `%2B`. The encoding may be UTF-8 (any case, with or without the hyphen); GBK
 * and the others are refused. Each macro names `input` once; the encoding,
 * a constant, is checked by an inner macro.
 */
export function urlCodingFunctions(): FunctionFamily {
  const encode = `replace(replace(replace(system.main.url_encode(input), '%20', '+'), '%2A', '*'), '~', '%7E')`;
  const decode = `system.main.url_decode(replace(input, '+', ' '))`;
  return {
    functions: [],
    macros: [
      `CREATE OR REPLACE TEMP MACRO __ossduck_url_encode (input, encoding) AS ${inUtf8('URL_ENCODE', encode)}`,
      `CREATE OR REPLACE TEMP MACRO url_encode (input) AS ${encode}, (input, encoding) AS __ossduck_url_encode(input, encoding)`,
      `CREATE OR REPLACE TEMP MACRO __ossduck_url_decode (input, encoding) AS ${inUtf8('URL_DECODE', decode)}`,
      `CREATE OR REPLACE TEMP MACRO url_decode (input) AS ${decode}, (input, encoding) AS __ossduck_url_decode(input, encoding)`,
    ],
  };
}
