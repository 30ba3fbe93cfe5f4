import { ERROR_KINDS } from './ErrorKinds.js';
import type { ErrorKind } from './ErrorKinds.js';

export type { ErrorKind } from './ErrorKinds.js';

/**
 * The one error base class of ossduck. Every error a user can cause carries a
 * MaxCompute-style `code` (`ODPS-0130131`, ...), a short `kind` ("Table not
 * found") and a `detail` that names what was wrong and what is allowed.
 *
 * The CLI prints `FAILED: <code>:[line,col] <kind> - <detail>`; the position is
 * attached once, by the statement loop, which knows where in the script the
 * fault lies (`withPosition`).
 */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

export class OssduckError extends Error {
  /** The row of ERROR_KINDS this error is. */
  readonly errorKind: ErrorKind;
  readonly code: string;
  readonly kind: string;
  readonly detail: string;
  position: SourcePosition | undefined;

  constructor(kind: ErrorKind, detail: string, options?: { cause?: unknown; position?: SourcePosition | undefined }) {
    const { code, description } = ERROR_KINDS[kind];
    super(`${description} - ${detail}`, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.errorKind = kind;
    this.code = code;
    this.kind = description;
    this.detail = detail;
    this.position = options?.position;
  }

  /** ossduck's own failure, not the user's fault. */
  static internal(detail: string, options?: { cause?: unknown; position?: SourcePosition | undefined }): OssduckError {
    return new OssduckError('internal', detail, options);
  }

  /** A statement stopped by Ctrl-C or `interrupt()`. */
  static cancelled(detail: string): OssduckError {
    return new OssduckError('cancelled', detail);
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
 * `error` with `position` attached, unless it already has one (an error
 * positioned nearer its cause keeps its own); anything that is not an
 * ossduck error becomes an internal one there.
 */
export function withPosition(error: unknown, position: SourcePosition | undefined): OssduckError {
  if (error instanceof OssduckError) {
    error.position ??= position;
    return error;
  }
  return OssduckError.internal(String((error as Error)?.message ?? error), { cause: error, position });
}

/** Runs `action`; an error it throws leaves with `position` attached (see withPosition). */
export async function positioned<T>(position: SourcePosition | undefined, action: () => T | Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    throw withPosition(error, position);
  }
}

/** Runs `action` synchronously; an error it throws leaves with `position` attached. */
export function positionedSync<T>(position: SourcePosition | undefined, action: () => T): T {
  try {
    return action();
  } catch (error) {
    throw withPosition(error, position);
  }
}

/** MaxCompute's error codes by the situation they name (`ErrorCode.tableNotFound` is `ODPS-0130131`). */
export const ErrorCode = Object.fromEntries(Object.entries(ERROR_KINDS).map(([kind, { code }]) => [kind, code])) as {
  readonly [K in ErrorKind]: (typeof ERROR_KINDS)[K]['code'];
};
