import { Ossduck } from '../../src/Ossduck.js';
import { PassThrough } from 'node:stream';
import { Shell } from '../../src/cli/Shell.js';
import type { ShellOptions } from '../../src/cli/Shell.js';

/** An output stream that remembers everything written to it, for Shell tests. */
export class Screen extends PassThrough {
  text = '';
  isTTY: boolean;
  columns = 120;
  readonly #colours: boolean;
  readonly #waiters = new Set<() => void>();

  constructor(options: { isTTY?: boolean; colours?: boolean } = {}) {
    super();
    this.isTTY = options.isTTY ?? false;
    this.#colours = options.colours ?? false;
    this.setEncoding('utf8');
    this.on('data', (chunk: string) => {
      this.text += chunk;
      for (const wake of this.#waiters) wake();
    });
  }

  hasColors(): boolean {
    return this.#colours;
  }

  /** Resolves once `expected` has appeared after `from` (an offset in `text`); rejects after `timeoutMs`. */
  waitFor(expected: string | RegExp, from = 0, timeoutMs = 20_000): Promise<string> {
    const seen = (): boolean => {
      const text = this.text.slice(from);
      return typeof expected === 'string' ? text.includes(expected) : expected.test(text);
    };
    if (seen()) return Promise.resolve(this.text);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters.delete(check);
        reject(new Error(`timed out waiting for ${String(expected)}; the screen shows:\n${this.text.slice(from)}`));
      }, timeoutMs);
      const check = (): void => {
        if (!seen()) return;
        clearTimeout(timer);
        this.#waiters.delete(check);
        resolve(this.text);
      };
      this.#waiters.add(check);
    });
  }
}

/** A Shell on in-memory streams: type into it, read what it printed. */
export class ShellDriver {
  readonly input = new PassThrough();
  readonly output: Screen;
  readonly errors: Screen;
  readonly shell: Shell;
  readonly exited: Promise<number>;

  constructor(options: Partial<ShellOptions> & { colours?: boolean } = {}) {
    this.output = new Screen({ isTTY: options.terminal ?? false });
    this.errors = new Screen({ isTTY: options.colours !== undefined, colours: options.colours ?? false });
    this.shell = new Shell({
      input: this.input,
      output: this.output,
      errorOutput: this.errors,
      env: {},
      open: (warehouse) => Ossduck.open({ warehouse, env: {} }),
      terminal: false,
      ...options,
    });
    this.exited = this.shell.run();
  }

  type(text: string): void {
    this.input.write(text);
  }

  /** Ends the input (Ctrl-D on a terminal) and waits for the exit code. */
  async end(): Promise<number> {
    this.input.end();
    return this.exited;
  }
}
