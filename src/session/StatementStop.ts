/**
 * What stops the work of ossduck's own statements that DuckDB does not run
 * (the listing of REFRESH METADATA): `interrupt()` aborts the signal of the
 * statement running, as DuckDB's interrupt stops a query. Each statement
 * takes a fresh signal when it starts, so an interrupt before it is no stop.
 */
export class StatementStop {
  #controller = new AbortController();

  /** A signal for the statement starting now. */
  begin(): AbortSignal {
    this.#controller = new AbortController();
    return this.#controller.signal;
  }

  interrupt(): void {
    this.#controller.abort();
  }
}
