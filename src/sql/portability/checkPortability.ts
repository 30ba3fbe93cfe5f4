import { OssduckError } from '../../OssduckError.js';
import { splitStatements } from '../splitStatements.js';
import type { ScriptStatement } from '../splitStatements.js';
import { createdFunction, isCall } from './checkFunctions.js';
import { checkScan } from './checkStatement.js';
import type { PortabilityFinding } from './PortabilityFinding.js';
import { StatementScan } from './StatementScan.js';

/** One statement's findings, with the statement. */
export interface StatementFindings {
  readonly statement: ScriptStatement;
  readonly findings: readonly PortabilityFinding[];
}

/**
 * Checks a script statement by statement for what MaxCompute would not
 * accept. Functions the script creates (CREATE FUNCTION, CREATE SQL
 * FUNCTION, script mode's FUNCTION) may be called by the statements after.
 * A script that cannot be split into statements (an unterminated string or
 * comment) gives one `unreadable` finding at the fault. Pure.
 */
export function checkScript(script: string): StatementFindings[] {
  let statements: ScriptStatement[];
  try {
    statements = splitStatements(script);
  } catch (error) {
    if (!(error instanceof OssduckError) || !error.position) throw error;
    const finding: PortabilityFinding = { ...error.position, kind: 'statement', code: 'unreadable', construct: '', message: error.detail, instead: 'a script MaxCompute and ossduck can read' };
    return [{ statement: { text: script, tokens: [], start: 0, textStart: 0, position: error.position }, findings: [finding] }];
  }
  const defined = new Set<string>();
  return statements.map((statement) => {
    const scan = new StatementScan(statement, isCall);
    const findings = checkScan(scan, script, defined);
    const created = createdFunction(scan);
    if (created) defined.add(created);
    return { statement, findings };
  });
}

/** Every finding of `script`, in the order they are written (see checkScript). */
export function checkPortability(script: string): PortabilityFinding[] {
  return checkScript(script).flatMap((s) => s.findings);
}
