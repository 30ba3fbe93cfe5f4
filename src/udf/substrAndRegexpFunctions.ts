import { bindOnce } from './bindOnce.js';
import type { FunctionFamily } from './FunctionFamily.js';
import { raiseFunctionError as raise } from './raiseFunctionError.js';

/**
 * MaxCompute's SUBSTR / SUBSTRING, REGEXP_EXTRACT and REGEXP_REPLACE where
 * DuckDB's functions of the same names answer otherwise, silently:
 * - SUBSTR(s, 0, n) is '' (DuckDB: the first n - 1 characters); a length of
 *   0 or less is '' (DuckDB counts a negative length backwards).
 * - REGEXP_EXTRACT(s, p) is the first group (DuckDB: the whole match); a
 *   third argument names the group, 0 the whole match.
 * - REGEXP_REPLACE(s, p, r) replaces every match (DuckDB: the first only);
 *   a fourth argument 0 is every match and 1 the first. MaxCompute's n-th
 *   match for n > 1 is refused with an error rather than answered otherwise.
 * DuckDB's own functions are called by their full name (`system.main.`), as
 * these macros take their names. Each parameter is named once in each public
 * macro, so nesting costs linearly and a volatile argument runs once.
 */
export function substrAndRegexpFunctions(): FunctionFamily {
  const substr = (name: string): string =>
    bindOnce(name, '__ossduck_substr', [{ parameters: ['s', 'p'] }, { parameters: ['s', 'p', 'n'] }]);
  const occurrence = raise(
    "'REGEXP_REPLACE'",
    'outOfRange',
    "'occurrence (argument 4) ' || CAST(occurrence AS VARCHAR) || ' is not supported; allowed 0 (every match) or 1 (the first match)'",
  );
  return {
    functions: [],
    macros: [
      `CREATE OR REPLACE TEMP MACRO __ossduck_substr
        (s, p) AS CASE WHEN p = 0 THEN s[0:0] ELSE system.main.substring(s, p) END,
        (s, p, n) AS CASE WHEN p IS NULL OR n IS NULL THEN NULL WHEN p = 0 OR n <= 0 THEN s[0:0] ELSE system.main.substring(s, p, n) END`,
      substr('substr'),
      substr('substring'),
      `CREATE OR REPLACE TEMP MACRO regexp_extract
        (source, pattern) AS system.main.regexp_extract(source, pattern, 1),
        (source, pattern, group_id) AS system.main.regexp_extract(source, pattern, group_id)`,
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
