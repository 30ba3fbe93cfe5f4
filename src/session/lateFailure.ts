import { OssduckError } from '../OssduckError.js';
import { SqlError } from '../sql/SqlError.js';
import { GET_DATA_FROM_OSS } from '../udf/getDataFromOss.js';
import { OSS_PRESIGN_PREFIX } from '../udf/ossPresignPrefix.js';
import type { ScriptStatement } from '../sql/splitStatements.js';
import type { FunctionErrorMailbox } from './FunctionErrorMailbox.js';
import type { StatementTransaction } from './StatementTransaction.js';

/** Functions whose work a second run would repeat where it shows: sequences, and reads from OSS. */
const REPEATING = new Set(['nextval', 'setval', GET_DATA_FROM_OSS, OSS_PRESIGN_PREFIX].map((name) => name.toUpperCase()));

/** The first function of `statement` that a second run would repeat, as written; undefined when none. */
function repeatingCall(statement: ScriptStatement): string | undefined {
  return statement.tokens.find((t) => t.kind === 'word' && REPEATING.has(t.text.toUpperCase()))?.text;
}

/**
 * Why a query DuckDB ended early (its guard found its transaction aborted)
 * failed: it was interrupted (`stopped`); an ossduck function refused a row
 * (its error, recorded in `errors`); DuckDB's own error, found by running
 * the query (`duckSql`) again, unless that would repeat a sequence's or
 * OSS's work; else a message saying so. `located` positions an error in the
 * script.
 */
export async function lateFailure(
  statement: ScriptStatement,
  duckSql: string,
  guard: StatementTransaction,
  stopped: AbortSignal,
  errors: FunctionErrorMailbox,
  located: (error: unknown) => OssduckError,
): Promise<OssduckError> {
  if (stopped.aborted) return OssduckError.cancelled('the statement was interrupted');
  const recorded = errors.peek();
  if (recorded !== undefined) return located(new Error(recorded.message));
  const repeats = repeatingCall(statement);
  const reason = repeats === undefined ? await guard.reason(duckSql) : undefined;
  if (reason !== undefined) return located(reason);
  return SqlError.endedEarly(guard.own ? (repeats === undefined ? 'rerun-passed' : 'not-rerun') : 'in-transaction', statement.position, repeats);
}
