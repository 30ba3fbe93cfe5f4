import { DUCKDB_STATEMENTS } from './duckdbStatements.js';
import { MAXCOMPUTE_STATEMENTS } from './maxComputeStatements.js';
import type { PortabilityFinding } from './PortabilityFinding.js';
import type { StatementScan } from './StatementScan.js';

const FIRST_WORDS = [...new Set(MAXCOMPUTE_STATEMENTS.map((s) => s.first).filter((w) => /^[A-Z]/.test(w)))].join(', ');

/** The statement's text from its first token through token `last`. */
function leading(scan: StatementScan, last: number): string {
  const { statement } = scan;
  return statement.text.slice(scan.tokens[0]!.start - statement.textStart, scan.tokens[last]!.end - statement.textStart);
}

/** `CREATE [OR REPLACE] FUNCTION name(args) AS expr`: DuckDB's macro; MaxCompute's CREATE FUNCTION names a class. */
function duckdbMacro(scan: StatementScan): PortabilityFinding | undefined {
  let i = 1;
  if (scan.startsAt(i, 'OR', 'REPLACE')) i += 2;
  if (scan.words[0] !== 'CREATE' || scan.words[i] !== 'FUNCTION') return undefined;
  let name = i + 1;
  while (scan.words[name + 1] === '.') name += 2;
  if (scan.words[name + 1] !== '(') return undefined;
  return scan.finding(
    0,
    'statement',
    'duckdb-statement',
    `${leading(scan, i)} with parameters and an expression is DuckDB's macro`,
    "CREATE SQL FUNCTION name(@a BIGINT) AS @a + 1; CREATE FUNCTION name AS '<class>' USING '<resource>' for a Java or Python UDF",
    leading(scan, i),
  );
}

/**
 * The finding for a statement MaxCompute does not have: a DuckDB statement
 * (with MaxCompute's way) or one that starts no MaxCompute statement.
 * Undefined for MaxCompute's statements.
 */
export function checkStatementForm(scan: StatementScan): PortabilityFinding | undefined {
  if (scan.tokens.length === 0) return undefined;
  for (const form of DUCKDB_STATEMENTS) {
    if (scan.startsAt(0, ...form.words) && !(form.unless ?? []).includes(scan.words[form.words.length] ?? '')) {
      const last = form.words.length - 1;
      return scan.finding(0, 'statement', 'duckdb-statement', `${form.what}: MaxCompute has no such statement`, form.instead, leading(scan, last));
    }
  }
  const macro = duckdbMacro(scan);
  if (macro) return macro;
  const first = scan.words[0]!;
  if (first === '(' && (scan.words[1] === 'SELECT' || scan.words[1] === 'WITH' || scan.words[1] === '(')) return undefined;
  const form = MAXCOMPUTE_STATEMENTS.find((s) => s.first === first);
  if (form && (form.then === undefined || form.then.includes(scan.words[1] ?? ''))) return undefined;
  const shown = leading(scan, form && scan.tokens.length > 1 ? 1 : 0);
  return scan.finding(0, 'statement', 'unknown-statement', `${shown} starts no statement MaxCompute has`, `a MaxCompute statement: they start with ${FIRST_WORDS}`, shown);
}
