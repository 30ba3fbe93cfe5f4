import { OssduckError } from '../OssduckError.js';
import type { SourcePosition } from '../OssduckError.js';
import type { ScriptStatement } from '../sql/splitStatements.js';
import type { TableFunctionUsage } from '../udf/tableFunction.js';
import { argumentCountError } from './argumentCountError.js';
import { mapDuckError } from './mapDuckError.js';

/**
 * The error DuckDB raised for `statement`: the ossduck error a SQL function
 * recorded before throwing (positioned at the function's call, or the
 * statement), or DuckDB's own, mapped to MaxCompute's shape; a call of one of
 * ossduck's functions with a wrong number of arguments is ODPS-0130221.
 */
export function statementError(
  error: unknown,
  recorded: Error | undefined,
  statement: ScriptStatement,
  positionAt: (offset: number) => SourcePosition,
  functions: { readonly names: ReadonlySet<string>; readonly tableFunctions: readonly TableFunctionUsage[] },
): OssduckError {
  const miscount = argumentCountError(error, recorded, statement, positionAt);
  if (miscount) return miscount;
  const textPosition = positionAt(statement.textStart);
  if (recorded instanceof OssduckError && String((error as Error)?.message ?? '').includes(recorded.message)) {
    const name = /^([A-Za-z_]+):/.exec(recorded.detail)?.[1]?.toUpperCase();
    const call =
      statement.tokens.find((t) => t.kind === 'word' && t.text.toUpperCase() === name) ??
      statement.tokens.find((t) => t.kind === 'word' && functions.names.has(t.text.toUpperCase()));
    recorded.position ??= call ? positionAt(call.start) : textPosition;
    return recorded;
  }
  const locate = (text: string): SourcePosition | undefined => {
    const token = statement.tokens.find((t) => t.text === text);
    return token ? positionAt(token.start) : undefined;
  };
  const last = statement.tokens.findLast((t) => t.kind !== 'comment' && t.text !== ';');
  return mapDuckError(error, textPosition, locate, last ? positionAt(last.end) : undefined, functions.tableFunctions);
}
