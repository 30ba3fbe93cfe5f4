import { OssduckError } from '../OssduckError.js';
import type { SourcePosition } from '../OssduckError.js';
import { callArgumentCounts } from '../sql/callArgumentCounts.js';
import type { ScriptStatement } from '../sql/splitStatements.js';
import { FUNCTION_ARITY } from '../udf/functionArity.js';
import { FunctionError } from '../udf/FunctionError.js';

/** DuckDB's binder could match no form of a macro, or of a function: the name it gives. */
const UNMATCHED = /^Binder Error: (?:Macro (\w+)\(\) does not support the supplied arguments|No function matches the given name and argument types '(\w+)\()/;

/** The function a failed statement's error names: the one that recorded it, or the one DuckDB could not bind. */
function failedFunction(error: unknown, recorded: Error | undefined): string | undefined {
  const message = String((error as Error)?.message ?? error);
  if (recorded instanceof OssduckError && message.includes(recorded.message)) return /^([A-Za-z_]+):/.exec(recorded.detail)?.[1];
  const match = UNMATCHED.exec(message.replace(/^Failed to extract statements: /, ''));
  return match?.[1] ?? match?.[2];
}

/**
 * When `statement` failed because it calls one of ossduck's scalar functions
 * with a number of arguments the function does not take: MaxCompute's
 * ODPS-0130221 at that call, naming the function, the counts it takes and the
 * count given. Undefined for any other failure.
 */
export function argumentCountError(
  error: unknown,
  recorded: Error | undefined,
  statement: ScriptStatement,
  positionAt: (offset: number) => SourcePosition,
): FunctionError | undefined {
  const name = failedFunction(error, recorded)?.toUpperCase();
  const arity = name === undefined ? undefined : FUNCTION_ARITY[name];
  if (!arity) return undefined;
  const call = callArgumentCounts(statement.tokens, name!).find((c) => !arity.counts.includes(c.count));
  if (!call) return undefined;
  const miscount = FunctionError.argumentCount(name!, arity.counts, call.count, arity.usage);
  miscount.position = positionAt(call.start);
  return miscount;
}
