import { DUCKDB_FUNCTIONS } from './duckdbFunctions.js';
import { MAXCOMPUTE_BUILTIN_FUNCTIONS } from './maxComputeFunctions.js';
import { OSSDUCK_FUNCTION_FALLBACK, OSSDUCK_FUNCTIONS } from './ossduckExtensions.js';
import type { PortabilityFinding } from './PortabilityFinding.js';
import type { StatementScan } from './StatementScan.js';

/** Words that take a parenthesis without being called: clauses, operators, properties. */
const NOT_CALLED = new Set([
  'AS', 'IN', 'EXISTS', 'VALUES', 'OVER', 'FROM', 'JOIN', 'ON', 'USING', 'WHERE', 'AND', 'OR', 'NOT', 'SELECT', 'TABLE',
  'INTO', 'PARTITION', 'TBLPROPERTIES', 'SERDEPROPERTIES', 'PROPERTIES', 'BY', 'WINDOW', 'WITH', 'WHEN', 'THEN', 'ELSE',
  'IS', 'LIKE', 'RLIKE', 'ILIKE', 'BETWEEN', 'ALL', 'ANY', 'SOME', 'UNION', 'INTERSECT', 'EXCEPT', 'MINUS', 'LIMIT',
  'DISTINCT', 'ROLLUP', 'CUBE', 'SETS', 'TABLESAMPLE', 'PIVOT', 'UNPIVOT', 'FOR', 'RETURNS', 'RETURN', 'KEY', 'CHECK',
  'REFERENCES', 'UNIQUE', 'EXCLUDE', 'LATERAL', 'QUALIFY', 'HAVING', 'CASE',
]);

/** Words after which a name and a parenthesis are a call (an expression or a table function starts there). */
const BEFORE_EXPRESSION = new Set([
  'SELECT', 'WHERE', 'AND', 'OR', 'NOT', 'ON', 'WHEN', 'THEN', 'ELSE', 'CASE', 'BY', 'HAVING', 'QUALIFY', 'RETURN',
  'DISTINCT', 'ALL', 'LIKE', 'RLIKE', 'ILIKE', 'BETWEEN', 'FROM', 'JOIN', 'LIMIT', 'IN', 'IS', 'DIV', 'MOD', 'OFFSET',
]);

/** The index of the `)` that closes the `(` at `open`, or the last token. */
function closing(scan: StatementScan, open: number): number {
  let depth = 0;
  for (let i = open; i < scan.tokens.length; i++) {
    if (scan.words[i] === '(') depth++;
    else if (scan.words[i] === ')' && --depth === 0) return i;
  }
  return scan.tokens.length - 1;
}

/**
 * Whether the word at `i` (followed by `(`) is a function being called,
 * rather than a table or column name with its column list (`INSERT INTO
 * t (a)`, `t(a, b)` after a subquery), a column's sized type (`price
 * DECIMAL(10, 2)`), a CTE's columns (`b(x) AS (...)`) or a clause.
 */
export function isCall(scan: StatementScan, i: number): boolean {
  if (NOT_CALLED.has(scan.words[i]!)) return false;
  const prev = scan.tokens[i - 1];
  if (prev === undefined) return false;
  if (prev.kind === 'symbol') {
    if (prev.text === '.' || prev.text === ')' || prev.text === ']') return false;
    const after = closing(scan, i + 1) + 1;
    return !(scan.words[after] === 'AS' && scan.words[after + 1] === '(');
  }
  if (prev.kind !== 'word') return false;
  const before = scan.words[i - 1]!;
  return BEFORE_EXPRESSION.has(before) || (before === 'VIEW' && scan.words[i - 2] === 'LATERAL');
}

/** A function name as a finding reports it: ossduck's, DuckDB's (with MaxCompute's way), or unknown to MaxCompute. */
function judgeCall(scan: StatementScan, i: number, defined: ReadonlySet<string>): PortabilityFinding | undefined {
  const name = scan.words[i]!;
  const written = scan.tokens[i]!.text;
  if (name.startsWith('OSSDUCK_') || name === 'OSS_PRESIGN_PREFIX') {
    return scan.finding(i, 'function', 'ossduck-function', `${written} is ossduck's own function; MaxCompute has no such function`, OSSDUCK_FUNCTIONS[name] ?? OSSDUCK_FUNCTION_FALLBACK);
  }
  if (MAXCOMPUTE_BUILTIN_FUNCTIONS.has(name) || defined.has(name)) return undefined;
  const duck = DUCKDB_FUNCTIONS[name.toLowerCase()];
  if (duck !== undefined) return scan.finding(i, 'function', 'duckdb-function', `${written}() is DuckDB's; MaxCompute has no such built-in function`, duck);
  return scan.finding(
    i,
    'function',
    'unknown-function',
    `${written}() is not a MaxCompute built-in function`,
    'a MaxCompute built-in function, or a function created in the project first (CREATE FUNCTION, CREATE SQL FUNCTION)',
  );
}

/** Findings for the functions a statement calls; `defined` holds the names the script itself creates. */
export function checkFunctions(scan: StatementScan, defined: ReadonlySet<string>): PortabilityFinding[] {
  const findings: PortabilityFinding[] = [];
  for (const i of [...scan.calls].sort((a, b) => a - b)) {
    const finding = judgeCall(scan, i, defined);
    if (finding) findings.push(finding);
  }
  return findings;
}

/**
 * The name a statement gives a function it creates (`CREATE [SQL] FUNCTION
 * name`, script mode's `FUNCTION name(...)`), upper case, for the calls of
 * later statements.
 */
export function createdFunction(scan: StatementScan): string | undefined {
  let i = 0;
  if (scan.words[i] === 'CREATE') {
    i++;
    if (scan.startsAt(i, 'OR', 'REPLACE')) i += 2;
    if (scan.words[i] === 'SQL') i++;
    if (scan.words[i] !== 'FUNCTION') return undefined;
  } else if (scan.words[i] !== 'FUNCTION') {
    return undefined;
  }
  i++;
  if (scan.startsAt(i, 'IF', 'NOT', 'EXISTS')) i += 3;
  while (scan.words[i + 1] === '.' && scan.tokens[i + 2]?.kind === 'word') i += 2;
  return scan.word(i);
}
