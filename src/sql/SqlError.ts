import { ErrorCode, OssduckError } from '../OssduckError.js';
import type { SourcePosition } from '../OssduckError.js';

/** A statement ossduck cannot read, or one that means nothing valid. */
export class SqlError extends OssduckError {
  static parse(detail: string, position?: SourcePosition): SqlError {
    return new SqlError(ErrorCode.parse, 'Parse exception', detail, position === undefined ? undefined : { position });
  }

  static semantic(detail: string, position?: SourcePosition): SqlError {
    return new SqlError(ErrorCode.semantic, 'Semantic analysis exception', detail, position === undefined ? undefined : { position });
  }
}
