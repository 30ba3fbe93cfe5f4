import { OssduckError } from '../OssduckError.js';

/** A failure in talking to OSS or STS, or an OSS rule broken by an input. */
export class OssError extends OssduckError {
  static invalidLocation(detail: string): OssError {
    return new OssError('semantic', detail);
  }

  static credentials(detail: string): OssError {
    return new OssError('authorization', detail);
  }

  static io(detail: string, cause?: unknown): OssError {
    return new OssError('io', detail, cause === undefined ? undefined : { cause });
  }

  /** An argument an OSS rule refuses (an object name, a key pair). */
  static invalidArgument(detail: string): OssError {
    return new OssError('invalidArgument', detail);
  }
}
