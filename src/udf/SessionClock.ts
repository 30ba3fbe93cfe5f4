/**
 * What MaxCompute's built-in functions need from the session while a
 * statement runs: the session time zone (`odps.sql.timezone`), the one
 * instant of the running statement, and a way to hand the runtime the
 * error a function is about to throw, so it reaches the user whole.
 * `Runtime` satisfies it.
 */
export interface SessionClock {
  /** Changes with every statement; caches keyed on it live for one statement. */
  readonly statementId: number;
  /** The one instant of the running statement, epoch milliseconds (`SET ossduck.signing_time` fixes it). */
  readonly statementInstant: number;
  /** The session time zone, an IANA name; DATETIME values are wall times in it. */
  readonly timezone: string;
  /** Keeps the error a function is about to throw, so the runtime can report it whole, at the call. */
  recordFunctionError(error: Error): void;
}
