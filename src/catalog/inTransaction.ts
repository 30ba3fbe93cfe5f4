import type { CatalogDatabase } from './CatalogDatabase.js';

/**
 * Whether the connection is inside a transaction the user began: DuckDB
 * gives every statement of autocommit mode its own transaction number, and
 * every statement of one transaction the same.
 */
export async function userTransactionOpen(db: CatalogDatabase): Promise<boolean> {
  const first = (await db.query('SELECT txid_current()'))[0]![0];
  const second = (await db.query('SELECT txid_current()'))[0]![0];
  return first === second;
}

/**
 * Runs a catalog change as one transaction: inside the user's own when one is
 * open (so their COMMIT or ROLLBACK takes it along), else in one of its own
 * that commits at the end or rolls back on failure.
 */
export async function inTransaction<T>(db: CatalogDatabase, action: () => Promise<T>): Promise<T> {
  if (await userTransactionOpen(db)) return action();
  await db.run('BEGIN TRANSACTION');
  try {
    const result = await action();
    await db.run('COMMIT');
    return result;
  } catch (error) {
    await db.run('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
