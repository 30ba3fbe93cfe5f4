/**
 * The one error base class of ossduck. Every error a user can cause carries a
 * MaxCompute-style `code` (`ODPS-0130131`, ...), a short `kind` ("Table not
 * found") and a `detail` that names what was wrong and what is allowed.
 *
 * The CLI prints `FAILED: <code>:[line,col] <kind> - <detail>`; the position is
 * filled in by the SQL layer, which knows where in the script the fault lies.
 */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

export class OssduckError extends Error {
  readonly code: string;
  readonly kind: string;
  readonly detail: string;
  position: SourcePosition | undefined;

  constructor(code: string, kind: string, detail: string, options?: { cause?: unknown; position?: SourcePosition }) {
    super(`${kind} - ${detail}`, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.kind = kind;
    this.detail = detail;
    this.position = options?.position;
  }

  /** The one-line form the CLI prints: `FAILED: ODPS-0130131:[1,15] Table not found - ...`. */
  format(): string {
    const where = this.position ? `:[${this.position.line},${this.position.column}]` : '';
    return `FAILED: ${this.code}${where} ${this.kind} - ${this.detail}`;
  }
}

/** MaxCompute error codes ossduck reports, by the situation they name. */
export const ErrorCode = {
  /** Parse exception: the statement cannot be read. */
  parse: 'ODPS-0130161',
  /** Semantic analysis exception: the statement reads but means nothing valid. */
  semantic: 'ODPS-0130071',
  /** Table not found. */
  tableNotFound: 'ODPS-0130131',
  /** Table or view already exists. */
  tableExists: 'ODPS-0130211',
  /** Invalid argument to a built-in function at run time. */
  invalidArgument: 'ODPS-0121095',
  /** A failure talking to OSS or STS, or a missing credential. */
  external: 'ODPS-0130252',
  /** ossduck's own failures that are not the user's fault. */
  internal: 'ODPS-0010000',
} as const;
