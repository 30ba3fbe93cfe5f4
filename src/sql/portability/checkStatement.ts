import { OssduckError } from '../../OssduckError.js';
import type { DialectStatement } from '../DialectStatement.js';
import { stringValue } from '../Lexer.js';
import { parseDialect } from '../parseDialect.js';
import type { ScriptStatement } from '../splitStatements.js';
import { checkFunctions, isCall } from './checkFunctions.js';
import { checkStatementForm } from './checkStatementForm.js';
import { checkSyntax } from './checkSyntax.js';
import { checkTypes } from './checkTypes.js';
import { OSSDUCK_PROPERTIES, OSSDUCK_PROPERTY_FALLBACK, OSSDUCK_SETTING_FALLBACK, OSSDUCK_SETTINGS } from './ossduckExtensions.js';
import type { PortabilityFinding } from './PortabilityFinding.js';
import { StatementScan, statementPositions } from './StatementScan.js';

/** SET forms that are DuckDB's whatever the key: variables and scoped settings. */
const DUCKDB_SET = new Set(['VARIABLE', 'GLOBAL', 'SESSION', 'LOCAL', 'PERSIST']);

function ossduckSetting(scan: StatementScan, key: string): PortabilityFinding {
  const lower = key.toLowerCase();
  return scan.finding(1, 'setting', 'ossduck-setting', `${key} is ossduck's own setting; MaxCompute has no such flag`, OSSDUCK_SETTINGS[lower] ?? OSSDUCK_SETTING_FALLBACK, key);
}

/** A SET or SETPROJECT of something other than an odps.* flag. */
function checkSetting(scan: StatementScan, dialect: DialectStatement | undefined): PortabilityFinding | undefined {
  if (dialect?.kind === 'setProject') return dialect.key?.toLowerCase().startsWith('ossduck.') ? ossduckSetting(scan, dialect.key) : undefined;
  if (scan.words[0] !== 'SET' || scan.tokens.length < 2) return undefined;
  if (dialect?.kind === 'set') return dialect.key.toLowerCase().startsWith('ossduck.') ? ossduckSetting(scan, dialect.key) : undefined;
  if (DUCKDB_SET.has(scan.words[1]!)) {
    return scan.finding(1, 'setting', 'duckdb-setting', `SET ${scan.words[1]} is DuckDB's`, 'script-mode variables: @name := expression; session flags: SET odps.<flag>=<value>');
  }
  let end = 1;
  while (end + 1 < scan.tokens.length && scan.words[end + 1] !== '=' && scan.words[end + 1] !== 'TO') end++;
  const key = scan.statement.text.slice(scan.tokens[1]!.start - scan.statement.textStart, scan.tokens[end]!.end - scan.statement.textStart);
  return scan.finding(1, 'setting', 'duckdb-setting', `${key} is DuckDB's setting, not a MaxCompute flag (those are odps.*)`, 'remove it: MaxCompute sizes and runs the job itself', key);
}

/** `'ossduck.<key>' = ...` in a property list (SERDEPROPERTIES, TBLPROPERTIES). */
function checkProperties(scan: StatementScan): PortabilityFinding[] {
  const findings: PortabilityFinding[] = [];
  scan.tokens.forEach((token, i) => {
    if (token.kind !== 'string' || scan.words[i + 1] !== '=') return;
    const key = stringValue(token);
    if (!key.toLowerCase().startsWith('ossduck.')) return;
    findings.push(scan.finding(i, 'property', 'ossduck-property', `'${key}' is ossduck's own table property`, OSSDUCK_PROPERTIES[key.toLowerCase()] ?? OSSDUCK_PROPERTY_FALLBACK));
  });
  return findings;
}

/** The statement as ossduck reads it (SET and SETPROJECT keys), or the finding for a statement it cannot read. */
function readDialect(scan: StatementScan, script: string): { dialect?: DialectStatement; unreadable?: PortabilityFinding } {
  try {
    return { dialect: parseDialect(scan.statement, script, statementPositions(scan.statement)) };
  } catch (error) {
    if (!(error instanceof OssduckError)) throw error;
    const at = error.position ?? scan.statement.position;
    const token = scan.tokens.findIndex((_, i) => scan.position(i).line === at.line && scan.position(i).column === at.column);
    const construct = token >= 0 ? scan.tokens[token]!.text : '';
    const unreadable: PortabilityFinding = { ...at, kind: 'statement', code: 'unreadable', construct, message: error.detail, instead: 'a statement MaxCompute and ossduck can read' };
    return { unreadable };
  }
}

/** The findings of a scanned statement, in the order they are written. */
export function checkScan(scan: StatementScan, script: string, defined: ReadonlySet<string>): PortabilityFinding[] {
  const { dialect, unreadable } = readDialect(scan, script);
  const findings: PortabilityFinding[] = [];
  const push = (f: PortabilityFinding | undefined): void => {
    if (f) findings.push(f);
  };
  const form = checkStatementForm(scan);
  // ossduck reads DESC, SET and the like as MaxCompute's; DuckDB's forms of them need no second finding.
  push(form ?? unreadable);
  push(checkSetting(scan, dialect));
  findings.push(...checkProperties(scan), ...checkSyntax(scan), ...checkFunctions(scan, defined), ...checkTypes(scan));
  return findings.sort((a, b) => a.line - b.line || a.column - b.column);
}

/**
 * What MaxCompute would not accept in one statement of `script` (as
 * splitStatements gives it): DuckDB's statements, syntax, functions, types
 * and settings, and ossduck's own functions, settings and table properties,
 * each with its position in the script and what MaxCompute uses instead. An
 * empty array when MaxCompute takes the statement as written. Pure.
 * `defined` names functions the script created earlier (its UDFs).
 */
export function checkStatement(statement: ScriptStatement, script: string, defined: ReadonlySet<string> = new Set()): PortabilityFinding[] {
  return checkScan(new StatementScan(statement, isCall), script, defined);
}
