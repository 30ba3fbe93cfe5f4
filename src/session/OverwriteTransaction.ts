import type { DuckDBConnection } from '@duckdb/node-api';
import type { CatalogDatabase } from '../catalog/CatalogDatabase.js';
import { userTransactionOpen } from '../catalog/inTransaction.js';

/**
 * The deletion half of MaxCompute's `INSERT OVERWRITE TABLE t <query>`: the
 * table's rows are deleted, and the INSERT that follows (the statement
 * itself, as `INSERT INTO t <query>`) adds the new ones, in one transaction,
 * so that a reader sees the old rows or the new, and a failing query leaves
 * the old. Inside the user's own transaction (BEGIN ... COMMIT) both are part
 * of it, and COMMIT or ROLLBACK is the user's.
 */
export class OverwriteTransaction {
  readonly #connection: DuckDBConnection;
  readonly #own: boolean;
  #open = true;

  private constructor(connection: DuckDBConnection, own: boolean) {
    this.#connection = connection;
    this.#own = own;
  }

  /** Begins (unless the user's transaction is open) and deletes every row of `table` (DuckDB's text for it). */
  static async begin(connection: DuckDBConnection, database: CatalogDatabase, table: string): Promise<OverwriteTransaction> {
    const own = !(await userTransactionOpen(database));
    if (own) await connection.run('BEGIN TRANSACTION');
    const transaction = new OverwriteTransaction(connection, own);
    try {
      await connection.run(`DELETE FROM ${table}`);
    } catch (error) {
      await transaction.rollback();
      throw error;
    }
    return transaction;
  }

  /** The INSERT has succeeded: the new rows replace the old. */
  async commit(): Promise<void> {
    if (!this.#open) return;
    this.#open = false;
    if (this.#own) await this.#connection.run('COMMIT');
  }

  /** The INSERT failed: the old rows stay (the user's own transaction is left to the user, as DuckDB leaves it). */
  async rollback(): Promise<void> {
    if (!this.#open) return;
    this.#open = false;
    if (this.#own) await this.#connection.run('ROLLBACK').catch(() => undefined);
  }
}
