import { ERROR_KINDS } from '../../ErrorKinds.js';
import { MAXCOMPUTE_LAMBDA_FUNCTIONS } from './maxComputeFunctions.js';

/** A piece of DuckDB syntax MaxCompute does not read (or reads otherwise), and MaxCompute's way. */
export interface SyntaxRule {
  readonly what: string;
  readonly instead: string;
}

const LAMBDA_HOSTS = [...MAXCOMPUTE_LAMBDA_FUNCTIONS].sort().join(', ');

/** DuckDB syntax, by the code a finding carries. */
export const DUCKDB_SYNTAX = {
  'cast-operator': { what: "'::' is DuckDB's cast operator", instead: 'CAST(expr AS type)' },
  'json-text-arrow': { what: "'->>' is DuckDB's JSON text operator", instead: "GET_JSON_OBJECT(json, '$.key')" },
  'arrow-outside-lambda': {
    what: "'->' outside a MaxCompute higher-order function (DuckDB's lambda or JSON arrow)",
    instead: `a lambda only as an argument of ${LAMBDA_HOSTS}; JSON with GET_JSON_OBJECT(json, '$.key')`,
  },
  'lambda-keyword': { what: "'lambda x: ...' is DuckDB's lambda syntax", instead: `x -> expr, as an argument of ${LAMBDA_HOSTS}` },
  'list-literal': { what: "'[...]' is a DuckDB list literal", instead: 'ARRAY(1, 2, 3)' },
  'struct-literal': { what: "'{...}' is a DuckDB struct or map literal", instead: "NAMED_STRUCT('a', 1, 'b', 2) or MAP('a', 1)" },
  'caret-power': { what: "'^' is power in DuckDB but bitwise XOR in MaxCompute: the same text gives another number", instead: 'POW(a, b)' },
  'double-star-power': { what: "'**' is DuckDB's power operator", instead: 'POW(a, b)' },
  'integer-division': { what: "'//' is DuckDB's integer division", instead: 'a DIV b, or FLOOR(a / b)' },
  ilike: { what: 'ILIKE is DuckDB\'s case-blind LIKE', instead: 'TOLOWER(a) LIKE TOLOWER(pattern)' },
  glob: { what: "GLOB is DuckDB's file-pattern match", instead: "LIKE with % and _, or RLIKE 'regex'" },
  'similar-to': { what: 'SIMILAR TO is DuckDB\'s', instead: "RLIKE 'regex'" },
  'group-by-all': { what: "GROUP BY ALL is DuckDB's", instead: 'list the grouping columns' },
  'order-by-all': { what: "ORDER BY ALL is DuckDB's", instead: 'list the columns to order by' },
  'star-exclude': { what: "'* EXCLUDE (...)' is DuckDB's", instead: 'list the columns to keep' },
  'star-replace': { what: "'* REPLACE (...)' is DuckDB's", instead: 'list the columns, with the expression in place of the column it replaces' },
  'using-sample': { what: "USING SAMPLE is DuckDB's", instead: 'TABLESAMPLE (n PERCENT), or WHERE RAND() < fraction' },
  'qualify-without-window': {
    what: `QUALIFY in a query with no window function: MaxCompute refuses it (${ERROR_KINDS.semantic.code}: use QUALIFY clause without window function)`,
    instead: 'filter with WHERE or HAVING; QUALIFY filters the results of window functions',
  },
  'from-without-select': { what: "a query of FROM alone is DuckDB's shorthand", instead: 'FROM t SELECT * (MaxCompute takes FROM before SELECT, not without it)' },
  returning: { what: "RETURNING is DuckDB's", instead: 'a SELECT after the statement' },
  'on-conflict': { what: "ON CONFLICT is DuckDB's upsert", instead: 'MERGE INTO on a transactional table, or INSERT OVERWRITE' },
  'distinct-on': { what: "DISTINCT ON is DuckDB's", instead: 'QUALIFY ROW_NUMBER() OVER (PARTITION BY ... ORDER BY ...) = 1' },
  'asof-join': { what: "ASOF JOIN is DuckDB's", instead: 'JOIN on the key, then QUALIFY ROW_NUMBER() OVER (PARTITION BY key ORDER BY time DESC) = 1' },
  'positional-join': { what: "POSITIONAL JOIN is DuckDB's", instead: 'JOIN both sides on ROW_NUMBER() OVER (ORDER BY ...)' },
} as const satisfies Record<string, SyntaxRule>;

export type SyntaxCode = keyof typeof DUCKDB_SYNTAX;
