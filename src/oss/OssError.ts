import { ErrorCode, OssduckError } from '../OssduckError.js';

/** A failure in talking to OSS or STS, or an OSS rule broken by an input. */
export class OssError extends OssduckError {
  static invalidLocation(detail: string): OssError {
    return new OssError(ErrorCode.semantic, 'Semantic analysis exception', detail);
  }

  static credentials(detail: string): OssError {
    return new OssError(ErrorCode.authorization, 'Authorization exception', detail);
  }

  /** An option of the local OSS (emulator) out of its range. */
  static invalidOption(detail: string): OssError {
    return new OssError(ErrorCode.invalidArgument, 'Invalid arguments', detail);
  }

  static io(detail: string, cause?: unknown): OssError {
    return new OssError(ErrorCode.io, 'Failed to I/O', detail, cause === undefined ? undefined : { cause });
  }
}
