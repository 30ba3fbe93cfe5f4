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
}
