import type { DuckDBConnection } from '@duckdb/node-api';
import { dateFunctions } from './dateFunctions.js';
import type { FunctionFamily } from './FunctionFamily.js';
import { createRaiseFunction } from './raiseFunctionError.js';
import type { SessionClock } from './SessionClock.js';
import { stringFunction } from './stringFunction.js';

/** The MaxCompute names these registrations own on the connection. */
export const MAXCOMPUTE_FUNCTIONS = [
  'STRING',
  'GETDATE',
  'DATEADD',
  'DATEDIFF',
  'TO_DATE',
  'TO_CHAR',
  'FROM_UNIXTIME',
  'UNIX_TIMESTAMP',
] as const;

/**
 * Registers MaxCompute's STRING, GETDATE, DATEADD, DATEDIFF, TO_DATE,
 * TO_CHAR, FROM_UNIXTIME and UNIX_TIMESTAMP on `connection`, reading the
 * session zone and statement instant from `session` as statements run.
 *
 * The SQL ones are temporary macros: DuckDB looks up temporary functions
 * before its built-in ones, so MaxCompute's DATEDIFF(end, start[, part])
 * replaces DuckDB's `datediff(part, start, end)` alias on this connection,
 * while DuckDB's `date_diff` (and every other built-in) stays as it is.
 */
export async function registerMaxComputeFunctions(connection: DuckDBConnection, session: SessionClock): Promise<void> {
  const families: FunctionFamily[] = [{ functions: [createRaiseFunction(session)], macros: [] }, dateFunctions(session), stringFunction(session)];
  for (const family of families) {
    for (const fn of family.functions) connection.registerScalarFunction(fn);
  }
  for (const family of families) {
    for (const macro of family.macros) await connection.run(macro);
  }
}
