import { OssduckError } from '../OssduckError.js';

/** A command line ossduck cannot read. */
export class UsageError extends OssduckError {
  constructor(detail: string) {
    super('OSSDUCK-USAGE', 'Usage error', detail);
  }

  override format(): string {
    return `ossduck: ${this.detail} (see ossduck --help)`;
  }
}
