import type { DuckDBType, DuckDBValue } from '@duckdb/node-api';
import type { ScriptStatement } from '../sql/splitStatements.js';

/** One statement's outcome: its columns and, streamed, its rows. */
export interface StatementResult {
  readonly statement: ScriptStatement;
  /** Whether this is the script's last statement. */
  readonly isLast: boolean;
  /** Whether the statement is a query with rows to show (SELECT, DESC, SHOW ...), not a command. */
  readonly returnsRows: boolean;
  readonly columnNames: readonly string[];
  readonly columnTypes: readonly DuckDBType[];
  /**
   * The rows, chunk by chunk, as DuckDB values. Read them all (or stop
   * early) before the next statement runs. An error while reading is an
   * ossduck error positioned in the script.
   */
  chunks(): AsyncGenerator<DuckDBValue[][]>;
}
