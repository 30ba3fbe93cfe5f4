import { OssduckError } from '../OssduckError.js';

/** A dot command the shell cannot run: unknown, or given bad arguments. */
export class ShellError extends OssduckError {
  constructor(detail: string) {
    super('shell', detail);
  }

  override format(): string {
    return `Error: ${this.detail}`;
  }
}
