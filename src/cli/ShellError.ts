import { OssduckError } from '../OssduckError.js';

/** A dot command the shell cannot run: unknown, or given bad arguments. */
export class ShellError extends OssduckError {
  constructor(detail: string) {
    super('OSSDUCK-SHELL', 'Shell error', detail);
  }

  override format(): string {
    return `Error: ${this.detail}`;
  }
}
