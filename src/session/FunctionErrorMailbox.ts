import type { FunctionErrors } from '../udf/FunctionContext.js';

/**
 * Holds the error a SQL function threw during the running statement, so the
 * statement's failure can be reported as that ossduck error, whole, rather
 * than as DuckDB's one-line text of it.
 */
export class FunctionErrorMailbox implements FunctionErrors {
  #error: Error | undefined;

  record(error: Error): void {
    this.#error = error;
  }

  /** The error recorded since the last take, kept. */
  peek(): Error | undefined {
    return this.#error;
  }

  /** The error recorded since the last take, and forgets it. */
  take(): Error | undefined {
    const error = this.#error;
    this.#error = undefined;
    return error;
  }
}
