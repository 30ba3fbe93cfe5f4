/** Whatever holds the session statements run on (a CommandRunner). */
interface SessionHolder {
  readonly session: { interrupt(): void } | undefined;
}

/** How often a Ctrl-C is repeated while the run it stopped is still ending. */
const REPEAT_MS = 20;

/**
 * Ctrl-C for the statements of a run: `start` interrupts the running
 * statement now and again every 20 ms until `stop`, since a Ctrl-C that
 * lands just before DuckDB starts a statement would otherwise be lost.
 * `once` interrupts now only (a process asked to end).
 */
export class RepeatingInterrupt {
  readonly #holder: SessionHolder;
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(holder: SessionHolder) {
    this.#holder = holder;
  }

  once(): void {
    try {
      this.#holder.session?.interrupt();
    } catch {
      // between sessions (.open closes one before it opens the next): nothing runs
    }
  }

  start(): void {
    this.once();
    this.#timer ??= setInterval(() => this.once(), REPEAT_MS);
    this.#timer.unref?.();
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }
}
