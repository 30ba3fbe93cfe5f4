import { OssduckError } from '../OssduckError.js';
import type { SourcePosition } from '../OssduckError.js';

/** A statement ossduck cannot read, or one that means nothing valid. */
export class SqlError extends OssduckError {
  static parse(detail: string, position?: SourcePosition): SqlError {
    return new SqlError('parse', detail, { position });
  }

  static semantic(detail: string, position?: SourcePosition): SqlError {
    return new SqlError('semantic', detail, { position });
  }

  /**
   * A query DuckDB ended early without its reason: inside the user's
   * transaction (`inTransaction`) it cannot be run again to find it; outside,
   * running it again did not fail.
   */
  static endedEarly(inTransaction: boolean, position?: SourcePosition): SqlError {
    const why = inTransaction
      ? 'inside a transaction it cannot be run again to find out: ROLLBACK, then run it alone to see why'
      : 'running it again did not fail';
    return new SqlError('semantic', `the query failed while its rows were read: DuckDB ended them early without saying why, and ${why}; none of its rows count`, {
      position,
    });
  }
}
