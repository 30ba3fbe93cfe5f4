/**
 * The running statements of this process, each by the function that
 * interrupts it. A process must not exit while a DuckDB statement runs: the
 * database, closed on exit, waits for the statement to finish, which for a
 * long query is never. So whatever ends the process interrupts them first.
 */
const interrupts = new Set<() => void>();

/** Registers `interrupt` until the returned function is called. */
export function interruptOnExit(interrupt: () => void): () => void {
  interrupts.add(interrupt);
  return () => interrupts.delete(interrupt);
}

/** Interrupts every registered statement (one that is not running ignores it). */
export function interruptAll(): void {
  for (const interrupt of interrupts) {
    try {
      interrupt();
    } catch {
      // a session closing meanwhile has nothing to interrupt
    }
  }
}

/** Interrupts what runs, then exits with `code` once the interrupt is seen. */
export function exitInterrupting(code: number): void {
  interruptAll();
  setImmediate(() => process.exit(code));
}
