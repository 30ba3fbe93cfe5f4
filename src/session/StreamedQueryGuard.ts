import type { DuckDBConnection } from '@duckdb/node-api';

/** What DuckDB says to any statement of a transaction a failed statement aborted. */
const ABORTED = /Current transaction is aborted/i;

/**
 * DuckDB ends the rows of a query that fails after it began returning them
 * (an error on a later row, an interrupt) exactly as it ends the rows of one
 * that succeeded: with an empty chunk, its error kept where Node cannot read
 * it. So a query whose rows stream runs inside a transaction (its own, or the
 * user's when one is open), and once its last row is read `aborted` asks
 * whether DuckDB aborted that transaction, which it does only when the query
 * failed. `reason` then finds what DuckDB said, by running the query again
 * with its rows going nowhere (`COPY ... TO '/dev/null'`), which reports its
 * error as a statement does: possible only in a transaction of ossduck's own,
 * since the user's stays aborted until they end it.
 */
export class StreamedQueryGuard {
  readonly #connection: DuckDBConnection;
  /** Whether the transaction is ossduck's own (no user's was open). */
  readonly own: boolean;
  #open = true;

  private constructor(connection: DuckDBConnection, own: boolean) {
    this.#connection = connection;
    this.own = own;
  }

  /** Begins the query's transaction, unless the user's is open (`inUserTransaction`). */
  static async begin(connection: DuckDBConnection, inUserTransaction: boolean): Promise<StreamedQueryGuard> {
    if (!inUserTransaction) await connection.run('BEGIN TRANSACTION');
    return new StreamedQueryGuard(connection, !inUserTransaction);
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
      await this.#connection.run(this.own && commit ? 'SELECT 1; COMMIT' : 'SELECT 1');
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
