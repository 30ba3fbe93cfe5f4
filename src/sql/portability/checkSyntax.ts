import { DUCKDB_SYNTAX } from './duckdbSyntax.js';
import type { SyntaxCode } from './duckdbSyntax.js';
import { MAXCOMPUTE_LAMBDA_FUNCTIONS } from './maxComputeFunctions.js';
import type { PortabilityFinding } from './PortabilityFinding.js';
import type { StatementScan } from './StatementScan.js';

/** Words after which `[` opens a list literal rather than indexing the value before it. */
const BEFORE_VALUE = new Set(['SELECT', 'WHERE', 'AND', 'OR', 'NOT', 'ON', 'WHEN', 'THEN', 'ELSE', 'BY', 'HAVING', 'IN', 'IS', 'RETURN', 'DISTINCT', 'VALUES']);

function syntax(scan: StatementScan, from: number, to: number, code: SyntaxCode): PortabilityFinding {
  const rule = DUCKDB_SYNTAX[code];
  const text = scan.statement.text.slice(scan.tokens[from]!.start - scan.statement.textStart, scan.tokens[to]!.end - scan.statement.textStart);
  return scan.finding(from, 'syntax', code, rule.what, rule.instead, text);
}

/** Operators made of touching symbols: `::`, `->>`, `->`, `**`, `//`. */
function operatorAt(scan: StatementScan, i: number): { code: SyntaxCode; length: number } | undefined {
  const w = scan.words;
  if (w[i] === ':' && w[i + 1] === ':' && scan.touching(i)) return { code: 'cast-operator', length: 2 };
  if (w[i] === '-' && w[i + 1] === '>' && scan.touching(i)) {
    if (w[i + 2] === '>' && scan.touching(i + 1)) return { code: 'json-text-arrow', length: 3 };
    const host = scan.enclosingCall[i]!;
    return host >= 0 && MAXCOMPUTE_LAMBDA_FUNCTIONS.has(w[host]!) ? undefined : { code: 'arrow-outside-lambda', length: 2 };
  }
  if (w[i] === '*' && w[i + 1] === '*' && scan.touching(i)) return { code: 'double-star-power', length: 2 };
  if (w[i] === '/' && w[i + 1] === '/' && scan.touching(i)) return { code: 'integer-division', length: 2 };
  if (w[i] === '^') return { code: 'caret-power', length: 1 };
  return undefined;
}

/** Whether `[` at `i` opens a list literal: nothing before it could be indexed. */
function opensList(scan: StatementScan, i: number): boolean {
  const prev = scan.tokens[i - 1];
  if (prev === undefined) return true;
  // `ARRAY[1, 2]` is DuckDB's (and PostgreSQL's) array constructor; MaxCompute writes ARRAY(1, 2).
  if (prev.kind === 'word') return BEFORE_VALUE.has(scan.words[i - 1]!) || scan.words[i - 1] === 'ARRAY';
  if (prev.kind === 'symbol') return prev.text !== ')' && prev.text !== ']';
  return false;
}

/** Clauses and keywords: ILIKE, GROUP BY ALL, `* EXCLUDE (`, RETURNING, ... */
function keywordAt(scan: StatementScan, i: number): { code: SyntaxCode; length: number } | undefined {
  const word = scan.word(i);
  if (word === undefined) return undefined;
  const at = (...words: string[]): boolean => scan.startsAt(i, ...words);
  if (word === 'ILIKE') return { code: 'ilike', length: 1 };
  if (word === 'GLOB' && scan.words[i + 1] !== '(') return { code: 'glob', length: 1 };
  if (at('SIMILAR', 'TO')) return { code: 'similar-to', length: 2 };
  if (at('GROUP', 'BY', 'ALL')) return { code: 'group-by-all', length: 3 };
  if (at('ORDER', 'BY', 'ALL')) return { code: 'order-by-all', length: 3 };
  if ((word === 'EXCLUDE' || word === 'REPLACE') && scan.words[i - 1] === '*' && scan.words[i + 1] === '(') {
    return { code: word === 'EXCLUDE' ? 'star-exclude' : 'star-replace', length: 1 };
  }
  if (at('USING', 'SAMPLE')) return { code: 'using-sample', length: 2 };
  if (word === 'RETURNING') return { code: 'returning', length: 1 };
  if (at('ON', 'CONFLICT')) return { code: 'on-conflict', length: 2 };
  if (at('DISTINCT', 'ON', '(')) return { code: 'distinct-on', length: 2 };
  if (word === 'ASOF') return { code: 'asof-join', length: 1 };
  if (at('POSITIONAL', 'JOIN')) return { code: 'positional-join', length: 2 };
  if (word === 'LAMBDA' && scan.tokens[i + 1]?.kind === 'word' && (scan.words[i + 2] === ':' || scan.words[i + 2] === ',')) return { code: 'lambda-keyword', length: 1 };
  return undefined;
}

/** Findings for the statement's DuckDB-only syntax, in the order it is written. */
export function checkSyntax(scan: StatementScan): PortabilityFinding[] {
  const findings: PortabilityFinding[] = [];
  const { words } = scan;
  for (let i = 0; i < scan.tokens.length; i++) {
    const found = operatorAt(scan, i) ?? keywordAt(scan, i);
    if (found) {
      findings.push(syntax(scan, i, i + found.length - 1, found.code));
      i += found.length - 1;
    } else if (words[i] === '[' && opensList(scan, i)) {
      findings.push(syntax(scan, i, i, 'list-literal'));
    } else if (words[i] === '{' && !(words[i - 1] === '$' && scan.touching(i - 1))) {
      // `${name}` is a DataWorks scheduling parameter, replaced before MaxCompute reads the script.
      findings.push(syntax(scan, i, i, 'struct-literal'));
    }
  }
  const qualify = words.indexOf('QUALIFY');
  if (qualify >= 0 && scan.tokens[qualify]!.kind === 'word' && !words.includes('OVER')) findings.push(syntax(scan, qualify, qualify, 'qualify-without-window'));
  if (words[0] === 'FROM' && !selectsAtTop(scan)) findings.push(syntax(scan, 0, 0, 'from-without-select'));
  return findings.sort((a, b) => a.line - b.line || a.column - b.column);
}

/** Whether a FROM-first statement has SELECT or INSERT outside parentheses (MaxCompute's FROM ... SELECT and multi-insert). */
function selectsAtTop(scan: StatementScan): boolean {
  let depth = 0;
  for (let i = 0; i < scan.tokens.length; i++) {
    const w = scan.words[i];
    if (w === '(') depth++;
    else if (w === ')') depth--;
    else if (depth === 0 && scan.tokens[i]!.kind === 'word' && (w === 'SELECT' || w === 'INSERT')) return true;
  }
  return false;
}
