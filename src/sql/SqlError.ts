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
   * A query DuckDB ended early without its reason: running it again did not
   * bring its reason out (`rerun-passed`), it was not run again because it calls `repeats`
   * (`not-rerun`), or it ran inside the user's transaction (`in-transaction`).
   */
  static endedEarly(why: 'rerun-passed' | 'not-rerun' | 'in-transaction', position?: SourcePosition, repeats?: string): SqlError {
    const after = {
      'rerun-passed': 'running it again did not bring its reason out',
      'not-rerun': `it was not run again to find out, since it calls ${repeats ?? 'a function'}, whose work would be repeated; run it without that to see why`,
      'in-transaction': 'inside a transaction it cannot be run again to find out: ROLLBACK, then run it alone to see why',
    }[why];
    return new SqlError('semantic', `the query failed while its rows were read: DuckDB ended them early without saying why, and ${after}; none of its rows count`, {
      position,
    });
  }
}
