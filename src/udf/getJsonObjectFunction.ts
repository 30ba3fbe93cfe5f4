import { bindOnce } from './bindOnce.js';
import type { FunctionFamily } from './FunctionFamily.js';
import { quoteLiteral as lit } from '../sql/quoteIdentifier.js';

/**
 * A path MaxCompute reads: `$`, then steps `.key`, `['key']`, `[n]` and
 * `[*]`. A key holding `"` is left out (DuckDB's path would need it
 * escaped); such a path answers NULL as an invalid one does.
 */
const VALID_PATH = String.raw`^\$(\.[^.\[\]"]+|\['[^'"]*'\]|\[([0-9]+|\*)\])*$`;
/** A `.key` or `['key']` step, to become DuckDB's quoted `."key"` in one left-to-right pass. */
const KEY_STEP = String.raw`\.([^.\[\]"]+)|\['([^'"]*)'\]`;

/** SQL of `p`'s DuckDB JSON path: each key quoted; `$` for a path MaxCompute would not read (its answer is NULL anyway). */
const duckPath = `CASE WHEN regexp_full_match(CAST(p AS VARCHAR), ${lit(VALID_PATH)}) THEN system.main.regexp_replace(CAST(p AS VARCHAR), ${lit(KEY_STEP)}, '."\\1\\2"', 'g') ELSE '$' END`;

/**
 * MaxCompute's GET_JSON_OBJECT(json, path) on a STRING json, as
 * odps.sql.udf.getjsonobj.new=true gives it (the page's recommendation): a
 * string value unquoted, a number, true or false as written, an object or
 * array as its JSON text without spaces, a JSON null as NULL. Malformed
 * JSON, an invalid path and a path that finds nothing give NULL where
 * DuckDB's json_extract_string fails the statement or has no such step
 * (`['key']`). A path with `[*]` gives the JSON array of what it finds, or
 * the one value alone when it finds one (MaxCompute's default, not the
 * array format); such a path must be a constant, as DuckDB expands a
 * wildcard while planning. The json is bound once; the path is left as
 * written so that DuckDB folds its conversion once per statement.
 */
export function getJsonObjectFunction(): FunctionFamily {
  return {
    functions: [],
    macros: [
      `CREATE OR REPLACE TEMP MACRO __ossduck_json_text
        (found JSON[], j, path) AS CASE WHEN len(found) = 1 THEN json_extract_string(found[1], '$') WHEN len(found) > 1 THEN CAST(to_json(found) AS VARCHAR) END,
        (found, j, path) AS try(json_extract_string(j, path))`,
      `CREATE OR REPLACE TEMP MACRO __ossduck_get_json_object (j, p) AS
        CASE WHEN p IS NULL OR NOT regexp_full_match(CAST(p AS VARCHAR), ${lit(VALID_PATH)}) THEN CAST(NULL AS VARCHAR)
        ELSE __ossduck_json_text(try(json_extract(j, ${duckPath})), j, ${duckPath}) END`,
      bindOnce('get_json_object', '__ossduck_get_json_object', [{ parameters: ['j', 'p'], constants: ['p'] }]),
    ],
  };
}
