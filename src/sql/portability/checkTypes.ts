import { DUCKDB_TYPES } from './duckdbTypes.js';
import { MAXCOMPUTE_SIZED_TYPES, MAXCOMPUTE_TYPES } from './maxComputeStatements.js';
import type { PortabilityFinding } from './PortabilityFinding.js';
import type { StatementScan } from './StatementScan.js';

const TYPE_LIST = 'BIGINT, INT, DOUBLE, DECIMAL(p, s), STRING, VARCHAR(n), BOOLEAN, BINARY, DATE, DATETIME, TIMESTAMP, ARRAY<...>, MAP<...>, STRUCT<...>';
/** Words that begin a constraint rather than a column in a column list. */
const CONSTRAINTS = new Set(['PRIMARY', 'CONSTRAINT', 'UNIQUE', 'CHECK', 'FOREIGN']);

/** The finding for the type written at `i`, if MaxCompute has no such type (or needs it sized). */
function judgeType(scan: StatementScan, i: number): PortabilityFinding | undefined {
  const name = scan.word(i);
  if (name === undefined) return undefined;
  const written = scan.tokens[i]!.text;
  if (name === 'TIMESTAMP' && scan.startsAt(i + 1, 'WITH', 'TIME', 'ZONE')) {
    return scan.finding(i, 'type', 'duckdb-type', "TIMESTAMP WITH TIME ZONE is DuckDB's type", DUCKDB_TYPES['TIMESTAMPTZ']!, 'TIMESTAMP WITH TIME ZONE');
  }
  const next = scan.words[i + 1];
  if (MAXCOMPUTE_TYPES.has(name)) {
    if (next === '[') {
      const element = MAXCOMPUTE_SIZED_TYPES.has(name) ? 'STRING' : name;
      return scan.finding(i, 'type', 'duckdb-type', `${written}[] is DuckDB's list type`, `ARRAY<${element}>`, `${written}[]`);
    }
    if (MAXCOMPUTE_SIZED_TYPES.has(name) && next !== '(') return scan.finding(i, 'type', 'duckdb-type', `${written} without a length is DuckDB's`, DUCKDB_TYPES[name]!);
    return undefined;
  }
  const instead = DUCKDB_TYPES[name];
  return instead !== undefined
    ? scan.finding(i, 'type', 'duckdb-type', `${written} is DuckDB's type; MaxCompute has no such type`, instead)
    : scan.finding(i, 'type', 'unknown-type', `${written} is not a MaxCompute type`, `one of MaxCompute's types: ${TYPE_LIST}`);
}

/** The index just past a type that starts at `i`: its name, `(...)`, `<...>` and `[]` suffixes. */
function typeEnd(scan: StatementScan, i: number): number {
  let j = i + 1;
  let depth = 0;
  while (j < scan.tokens.length) {
    const w = scan.words[j]!;
    if (w === '(' || w === '<' || w === '[') depth++;
    else if (w === ')' || w === '>' || w === ']') {
      if (depth === 0) break;
      depth--;
    } else if (depth === 0) break;
    j++;
  }
  return j;
}

/** The types of a column list whose `(` is at `open`: `(name type [...], ...)`. */
function columnTypes(scan: StatementScan, open: number, findings: PortabilityFinding[]): void {
  let i = open + 1;
  while (i < scan.tokens.length && scan.words[i] !== ')') {
    if (!CONSTRAINTS.has(scan.words[i]!)) {
      const found = judgeType(scan, i + 1);
      if (found) findings.push(found);
    }
    // Skip to the next column, past nested parentheses and angle brackets.
    let depth = 0;
    while (i < scan.tokens.length) {
      const w = scan.words[i]!;
      if (w === '(' || w === '<') depth++;
      else if (w === ')' || w === '>') {
        if (depth === 0) break;
        depth--;
      } else if (w === ',' && depth === 0) {
        i++;
        break;
      }
      i++;
    }
  }
}

/** The `(` of CREATE TABLE's column list, if the statement has one. */
function createTableColumns(scan: StatementScan): number | undefined {
  if (scan.words[0] !== 'CREATE') return undefined;
  const table = scan.words.indexOf('TABLE');
  if (table < 0 || scan.words.slice(1, table).some((w) => w !== 'EXTERNAL' && w !== 'OR' && w !== 'REPLACE' && w !== 'TEMP' && w !== 'TEMPORARY')) return undefined;
  let i = table + 1;
  if (scan.startsAt(i, 'IF', 'NOT', 'EXISTS')) i += 3;
  i++;
  while (scan.words[i] === '.') i += 2;
  return scan.words[i] === '(' ? i : undefined;
}

/**
 * Findings for the types a statement writes: CAST(x AS type), `::type`, and
 * CREATE TABLE's columns and partition columns.
 */
export function checkTypes(scan: StatementScan): PortabilityFinding[] {
  const findings: PortabilityFinding[] = [];
  const push = (f: PortabilityFinding | undefined): void => {
    if (f) findings.push(f);
  };
  for (let i = 0; i < scan.tokens.length; i++) {
    const w = scan.words[i];
    if (w === ':' && scan.words[i + 1] === ':' && scan.touching(i)) push(judgeType(scan, i + 2));
    if ((w === 'CAST' || w === 'TRY_CAST') && scan.words[i + 1] === '(') {
      let depth = 0;
      for (let j = i + 1; j < scan.tokens.length; j++) {
        if (scan.words[j] === '(') depth++;
        else if (scan.words[j] === ')' && --depth === 0) break;
        else if (depth === 1 && scan.words[j] === 'AS' && scan.tokens[j]!.kind === 'word') {
          push(judgeType(scan, j + 1));
          j = typeEnd(scan, j + 1) - 1;
        }
      }
    }
  }
  const columns = createTableColumns(scan);
  if (columns !== undefined) columnTypes(scan, columns, findings);
  for (let i = 0; i < scan.tokens.length; i++) {
    if (scan.startsAt(i, 'PARTITIONED', 'BY', '(')) columnTypes(scan, i + 2, findings);
  }
  return findings;
}
