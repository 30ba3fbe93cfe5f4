import { bindOnce } from './bindOnce.js';
import type { FunctionFamily } from './FunctionFamily.js';
import { raiseFunctionError as raise } from './raiseFunctionError.js';
import { quoteLiteral as lit } from '../sql/quoteIdentifier.js';

/**
 * MaxCompute's SUBSTR / SUBSTRING, REGEXP_EXTRACT, REGEXP_EXTRACT_ALL and
 * REGEXP_REPLACE where DuckDB's functions of the same names answer
 * otherwise, silently:
 * - SUBSTR(s, 0, n) is '' (DuckDB: the first n - 1 characters); a length of
 *   0 or less is '' (DuckDB counts a negative length backwards); a negative
 *   start before the first character is '' (DuckDB starts at the first).
 *   A BIGINT, DOUBLE, DECIMAL or DATETIME is taken as its STRING (DuckDB
 *   refuses it); other types are refused.
 * - REGEXP_EXTRACT(s, p) is the first group (DuckDB: the whole match); a
 *   third argument names the group, 0 the whole match, NULL gives NULL
 *   (DuckDB: ''). An empty pattern, a negative group, and a pattern without
 *   a group when no group is named are errors (DuckDB answers ''). So for
 *   REGEXP_EXTRACT_ALL (DuckDB: every whole match, or [] for a negative group).
 * - REGEXP_REPLACE(s, p, r) replaces every match (DuckDB: the first only);
 *   a fourth argument 0 is every match and 1 the first. MaxCompute's n-th
 *   match for n > 1 is refused with an error rather than answered otherwise.
 * DuckDB's own functions are called by their full name (`system.main.`), as
 * these macros take their names. Each parameter is named once in each public
 * macro, so nesting costs linearly and a volatile argument runs once (the
 * pattern and group_id of REGEXP_EXTRACT and REGEXP_EXTRACT_ALL are passed
 * on as written: DuckDB wants a constant group, and compiles a constant
 * pattern once).
 */
export function substrAndRegexpFunctions(): FunctionFamily {
  const substr = (name: string): string =>
    bindOnce(name, `__ossduck_${name}`, [{ parameters: ['s', 'p'] }, { parameters: ['s', 'p', 'n'] }]);
  const extract = (name: string): string =>
    bindOnce(name, `__ossduck_${name}`, [
      { parameters: ['source', 'pattern'], constants: ['pattern'] },
      { parameters: ['source', 'pattern', 'group_id'], constants: ['pattern', 'group_id'] },
    ]);
  const occurrence = raise(
    "'REGEXP_REPLACE'",
    'outOfRange',
    "'occurrence (argument 4) ' || CAST(occurrence AS VARCHAR) || ' is not supported; allowed 0 (every match) or 1 (the first match)'",
  );
  return {
    functions: [],
    macros: [
      innerSubstr('substr'),
      substr('substr'),
      innerSubstr('substring'),
      substr('substring'),
      innerExtract('regexp_extract'),
      extract('regexp_extract'),
      innerExtract('regexp_extract_all'),
      extract('regexp_extract_all'),
      `CREATE OR REPLACE TEMP MACRO __ossduck_regexp_replace_nth (source, pattern, replacement, occurrence) AS
        CASE WHEN occurrence IS NULL THEN NULL
          WHEN occurrence = 0 THEN system.main.regexp_replace(source, pattern, replacement, 'g')
          WHEN occurrence = 1 THEN system.main.regexp_replace(source, pattern, replacement)
          ELSE CAST(${occurrence} AS VARCHAR) END`,
      `CREATE OR REPLACE TEMP MACRO regexp_replace
        (source, pattern, replacement) AS system.main.regexp_replace(source, pattern, replacement, 'g'),
        (source, pattern, replacement, occurrence) AS list_transform([source], lambda __ossduck_source: __ossduck_regexp_replace_nth(__ossduck_source, pattern, replacement, occurrence))[1]`,
    ],
  };
}

/**
 * DuckDB `typeof()` names of the values SUBSTR takes as their STRING:
 * MaxCompute's BIGINT, DOUBLE, DECIMAL and DATETIME (with the smaller
 * integers, DATE and TIMESTAMP, which 2.0 turns into STRING implicitly too).
 */
const TEXT_SOURCE_TYPES = [
  'TINYINT',
  'SMALLINT',
  'INTEGER',
  'BIGINT',
  'HUGEINT',
  'FLOAT',
  'DOUBLE',
  'DATE',
  'TIMESTAMP',
  'TIMESTAMP_S',
  'TIMESTAMP_MS',
  'TIMESTAMP_NS',
  'TIMESTAMP WITH TIME ZONE',
  '"NULL"',
];

/**
 * SQL of the STRING a string function `fn` takes for its argument `s` (a
 * macro parameter) of another type: a number or date as MaxCompute's
 * `STRING(x)` (so a TIMESTAMP shows its wall time); every other type refused,
 * naming `fn` and `argument` (the parameter as its page names it, and its place).
 */
export function asMaxComputeText(fn: string, s: string, argument = 'str (argument 1)'): string {
  return `(CASE WHEN typeof(${s}) IN (${TEXT_SOURCE_TYPES.map(lit).join(', ')}) OR starts_with(typeof(${s}), 'DECIMAL') THEN string(${s})
    ELSE CAST(${raise(lit(fn), 'badType', `'${argument} must be STRING (or BIGINT, DOUBLE, DECIMAL, DATETIME), got ' || typeof(${s})`)} AS VARCHAR) END)`;
}

/**
 * The inner macro of SUBSTR or SUBSTRING (`name`): a STRING overload, and
 * one that takes a number or date as its STRING (MaxCompute's `STRING(x)`,
 * so a TIMESTAMP shows its wall time) and refuses every other type.
 */
function innerSubstr(name: string): string {
  const text = asMaxComputeText(name.toUpperCase(), 's');
  const two = (t: string): string => `CASE WHEN p = 0 OR p < -length(${t}) THEN ${t}[0:0] ELSE system.main.substring(${t}, p) END`;
  const three = (t: string): string =>
    `CASE WHEN p IS NULL OR n IS NULL THEN NULL WHEN p = 0 OR n <= 0 OR p < -length(${t}) THEN ${t}[0:0] ELSE system.main.substring(${t}, p, n) END`;
  return `CREATE OR REPLACE TEMP MACRO __ossduck_${name}
        (s VARCHAR, p) AS ${two('s')},
        (s, p) AS ${two(text)},
        (s VARCHAR, p, n) AS ${three('s')},
        (s, p, n) AS ${three(text)}`;
}

/**
 * REGEXP_EXTRACT's pattern without what cannot open a group: escaped
 * characters (`\(`) and character classes (`[(]`), as SQL of `pattern`.
 */
const UNGROUPED = `system.main.regexp_replace(system.main.regexp_replace(pattern, ${lit(String.raw`\\.`)}, '', 'g'), ${lit(String.raw`\[\^?\]?[^\]]*\]`)}, '', 'g')`;
/** A capturing group's opening in what UNGROUPED leaves: `(` not followed by `?`, or a named group `(?P<name>`, `(?<name>`. */
const GROUP_OPENING = String.raw`\((?:[^?]|\?P?<|$)`;

/** The errors of REGEXP_EXTRACT and REGEXP_EXTRACT_ALL (`fn`, SQL of the name), as SQL of the macro's parameters. */
const emptyPattern = (fn: string): string =>
  raise(fn, 'invalid', lit(String.raw`pattern (argument 2) is empty; give a regular expression with a group, e.g. '(\d+)'`));
const noGroup = (fn: string): string =>
  raise(
    fn,
    'invalid',
    `'pattern (argument 2) ''' || CASE WHEN length(pattern) > 60 THEN left(pattern, 57) || '...' ELSE pattern END || ${lit(
      "' has no group; put the part to extract in parentheses, or give group_id 0 for the whole match",
    )}`,
  );
const negativeGroup = (fn: string): string =>
  raise(
    fn,
    'outOfRange',
    `'group_id (argument 3) ' || CAST(group_id AS VARCHAR) || ${lit(' is out of range; allowed 0 (the whole match) or the number of a group')}`,
  );

/**
 * The inner macro of REGEXP_EXTRACT or REGEXP_EXTRACT_ALL (`name`): group 1
 * when none is named, and MaxCompute's errors for an empty pattern, a pattern
 * without a group when none is named, and a negative group, before DuckDB's
 * function of the same name.
 */
function innerExtract(name: string): string {
  const fn = lit(name.toUpperCase());
  return `CREATE OR REPLACE TEMP MACRO __ossduck_${name}
        (source, pattern) AS CASE WHEN pattern = '' THEN ${emptyPattern(fn)}
          WHEN NOT regexp_matches(${UNGROUPED}, ${lit(GROUP_OPENING)}) THEN ${noGroup(fn)}
          ELSE system.main.${name}(source, pattern, 1) END,
        (source, pattern, group_id) AS CASE WHEN pattern = '' THEN ${emptyPattern(fn)}
          WHEN group_id IS NULL THEN NULL
          WHEN group_id < 0 THEN ${negativeGroup(fn)}
          ELSE system.main.${name}(source, pattern, greatest(coalesce(group_id, 0), 0)) END`;
}
