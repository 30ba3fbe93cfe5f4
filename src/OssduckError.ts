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

  /**
   * The one-line form the CLI prints, as MaxCompute's client does:
   * `FAILED: ODPS-0130131:[1,15] Table not found - ...`, or without a
   * position `FAILED: ODPS-0121095:Invalid arguments - ...`.
   */
  format(): string {
    const where = this.position ? `:[${this.position.line},${this.position.column}] ` : ':';
    return `FAILED: ${this.code}${where}${this.kind} - ${oneLine(this.detail)}`;
  }
}

/** `text` on one line, whatever it quotes (a user's value, a server's string to sign): breaks shown as `\n`. */
export function oneLine(text: string): string {
  return text.replace(/\r\n|\r|\n/g, '\\n');
}

/**
 * MaxCompute error codes ossduck reports, by the situation they name, with the
 * general description MaxCompute prints after the code.
 */
export const ErrorCode = {
  /** The statement cannot be read. */
  parse: 'ODPS-0130161',
  /** The statement reads but means nothing valid. */
  semantic: 'ODPS-0130071',
  tableNotFound: 'ODPS-0130131',
  tableExists: 'ODPS-0130211',
  /** A schema that does not exist, or one that cannot be used so. */
  invalidSchema: 'ODPS-0130261',
  /** A built-in function given an argument it cannot take. */
  invalidArgument: 'ODPS-0121095',
  /** A built-in function given a value outside the allowed range. */
  argumentOutOfRange: 'ODPS-0121065',
  /** A built-in function given the wrong number or kind of arguments. */
  invalidArgumentType: 'ODPS-0130121',
  /** Missing or refused credentials, STS failures. */
  authorization: 'ODPS-0130013',
  /** A failed call to OSS or a local file. */
  io: 'ODPS-0130025',
  /** ossduck's own failures that are not the user's fault. */
  internal: 'ODPS-0010000',
} as const;
