import { OssduckError } from '../../OssduckError.js';

/** Text that is not a presigned OSS URL ossduck can read, or options that contradict it. */
export class PresignedUrlError extends OssduckError {
  constructor(detail: string) {
    super('invalidArgument', detail);
  }
}
