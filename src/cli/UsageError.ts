import { oneLine, OssduckError } from '../OssduckError.js';

/** A command line ossduck cannot read. */
export class UsageError extends OssduckError {
  constructor(detail: string) {
    super('usage', detail);
  }

  /** `ossduck: <detail> (see ossduck --help)`; a subcommand's own errors (`ossduck serve: ...`) point to its help. */
  override format(): string {
    const sub = /^(ossduck [a-z-]+): /.exec(this.detail);
    const detail = oneLine(this.detail);
    return sub ? `${detail} (see ${sub[1]} --help)` : `ossduck: ${detail} (see ossduck --help)`;
  }
}
