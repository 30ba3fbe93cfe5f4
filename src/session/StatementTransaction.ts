import type { DuckDBConnection } from '@duckdb/node-api';

/** The temporary table an INSERT OVERWRITE whose query reads its table keeps the old rows' ids in. */
const OVERWRITTEN_ROWS = '__ossduck_overwritten_rows';

/** What DuckDB says to any statement of a transaction a failed statement aborted. */
const ABORTED = /Current transaction is aborted/i;

/**
 * The transaction a statement runs in: ossduck's own (BEGIN here, COMMIT or
 * ROLLBACK at its end), or the user's when their BEGIN is open (left to
 * them). Three statements need one:
 * - a query: DuckDB ends the rows of a query that fails after it began
 *   returning them (an error on a later row, an interrupt) exactly as it ends
 *   those of one that succeeded, with an empty chunk, its error kept where
 *   Node cannot read it. Once its last row is read, `aborted` asks whether
 *   DuckDB aborted the transaction, which it does only when the query failed;
 *   `reason` then finds what DuckDB said, by running the query again with its
 *   rows going nowhere (`COPY ... TO '/dev/null'`): possible only in ossduck's
 *   own transaction, since the user's stays aborted until they end it;
 * - a statement whose URLs the audit log records: it commits after they are;
 * - MaxCompute's `INSERT OVERWRITE TABLE t <query>` (`beginOverwrite`): t's
 *   rows are deleted, and the statement itself (as `INSERT INTO t <query>`)
 *   adds the new ones, so a reader sees the old rows or the new, and a failing
 *   query leaves the old. When the query may read t, t's rows are deleted
 *   after it has run instead (by the row ids they had before), so it reads
 *   them as MaxCompute's does.
 */
export class StatementTransaction {
  readonly #connection: DuckDBConnection;
  /** Whether the transaction is ossduck's own (no user's was open). */
  readonly own: boolean;
  #open = true;
  /** SQL that ends the statement's work once it has run (an INSERT OVERWRITE's deletion of the old rows), before the probe. */
  #finish = '';

  private constructor(connection: DuckDBConnection, own: boolean) {
    this.#connection = connection;
    this.own = own;
  }

  /** Begins the statement's transaction, unless the user's is open (`inUserTransaction`). */
  static async begin(connection: DuckDBConnection, inUserTransaction: boolean): Promise<StatementTransaction> {
    if (!inUserTransaction) await connection.run('BEGIN TRANSACTION');
    return new StatementTransaction(connection, !inUserTransaction);
  }

  /**
   * Begins the transaction of an INSERT OVERWRITE of `table` (DuckDB's text
   * for it) and deletes every row it has; when the query `readsTable`, the
   * rows' ids are kept instead, and the rows are deleted once it has run.
   */
  static async beginOverwrite(connection: DuckDBConnection, inUserTransaction: boolean, table: string, readsTable = false): Promise<StatementTransaction> {
    const transaction = await StatementTransaction.begin(connection, inUserTransaction);
    try {
      if (readsTable) {
        // Deleting nothing fails as deleting everything would where t cannot be written (a view, an object table).
        await connection.run(`DELETE FROM ${table} WHERE false`);
        await connection.run(`CREATE OR REPLACE TEMP TABLE ${OVERWRITTEN_ROWS} AS SELECT rowid AS r FROM ${table}`);
        transaction.#finish = `DELETE FROM ${table} WHERE rowid IN (SELECT r FROM ${OVERWRITTEN_ROWS}); DROP TABLE ${OVERWRITTEN_ROWS}; `;
      } else {
        await connection.run(`DELETE FROM ${table}`);
      }
    } catch (error) {
      await transaction.abandon();
      throw error;
    }
    return transaction;
  }

  /**
   * After the last row: whether the query failed. With `commit`, its own
   * transaction ends here too when it did not (the probe and COMMIT in one
   * round trip); without, `commit()` ends it later (a statement whose URLs go
   * to the audit log first). On failure it is rolled back.
   */
  async aborted(commit = true): Promise<boolean> {
    if (!this.#open) return false;
    try {
      const finish = this.#finish;
      this.#finish = '';
      await this.#connection.run(`${finish}${this.own && commit ? 'SELECT 1; COMMIT' : 'SELECT 1'}`);
      if (commit) this.#open = false;
      return false;
    } catch (error) {
      // Aborted, or the probe or COMMIT failed otherwise (an interrupt landing on it): ossduck's own transaction ends either way.
      await this.abandon();
      if (!ABORTED.test(String((error as Error)?.message))) throw error;
      return true;
    }
  }

  /** Commits ossduck's own transaction (the statement has succeeded and what it issued is recorded). */
  async commit(): Promise<void> {
    await this.#end('COMMIT');
  }

  /** The error of the failed query `duckSql`, from running it again; undefined when it cannot be run again or succeeds. */
  async reason(duckSql: string): Promise<unknown> {
    if (!this.own) return undefined;
    const query = duckSql.replace(/[\s;]+$/, '');
    try {
      await this.#connection.run('BEGIN TRANSACTION');
      await this.#connection.run(`COPY (\n${query}\n) TO '/dev/null' (FORMAT csv)`);
      return undefined;
    } catch (error) {
      // Its own failure to run (a parser error, a sandbox refusing /dev/null) says nothing of the query's.
      const message = String((error as Error)?.message);
      return /^Parser Error/i.test(message) || message.includes('/dev/null') ? undefined : error;
    } finally {
      await this.#connection.run('ROLLBACK').catch(() => undefined);
    }
  }

  /** The query failed or was not read to its end: its own transaction is rolled back; the user's is left to them. */
  async abandon(): Promise<void> {
    await this.#end('ROLLBACK');
  }

  async #end(how: 'COMMIT' | 'ROLLBACK'): Promise<void> {
    if (!this.#open) return;
    this.#open = false;
    if (this.own) await this.#connection.run(how).catch((error: unknown) => (how === 'ROLLBACK' ? undefined : Promise.reject(error)));
  }
}
