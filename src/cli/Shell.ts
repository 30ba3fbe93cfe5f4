import { homedir } from 'node:os';
import { createInterface } from 'node:readline';
import type { Interface } from 'node:readline';
import type { Readable } from 'node:stream';
import { version as duckdbVersion } from '@duckdb/node-api';
import type { Ossduck } from '../Ossduck.js';
import { VERSION } from '../version.js';
import { CommandRunner } from './CommandRunner.js';
import type { OutputStream } from './CommandRunner.js';
import { HistoryFile } from './HistoryFile.js';
import type { OutputFormat } from './OutputFormat.js';
import { ShellCompleter } from './ShellCompleter.js';
import { ShellError } from './ShellError.js';
import { splitInput } from './splitInput.js';
import { writeOut } from './StatementOutput.js';
import { RepeatingInterrupt } from './RepeatingInterrupt.js';

export interface ShellOptions {
  readonly input: Readable & { isTTY?: boolean };
  /** Prompts, echo and results. */
  readonly output: OutputStream;
  /** Errors (one line each, red on a colour terminal unless NO_COLOR is set). */
  readonly errorOutput: OutputStream;
  readonly env: NodeJS.ProcessEnv;
  /** The warehouse at start (`--db`), if any. */
  readonly warehouse?: string | undefined;
  /** Opens a session on a warehouse (undefined: in memory); `.open` reopens through it. */
  readonly open: (warehouse: string | undefined) => Promise<Ossduck>;
  /** The output mode at start (`box`). */
  readonly format?: OutputFormat | undefined;
  /** The history file; none is read or written when undefined. */
  readonly historyFile?: string | undefined;
  /** Line editing, Tab completion and Ctrl-C as keys; by default when input and output are terminals. */
  readonly terminal?: boolean | undefined;
  /** Relative `.read` and `.open` paths are read from here (the process's working directory). */
  readonly cwd?: string | undefined;
}

/** readline's own line clearing (Node 20: moves to the line's end, starts a new line, empties the buffer). */
interface ClearableInterface {
  clearLine?: () => void;
}

function useColour(stream: OutputStream, env: NodeJS.ProcessEnv): boolean {
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  if (stream.isTTY !== true) return false;
  return typeof stream.hasColors === 'function' ? stream.hasColors(env) : true;
}

/**
 * The interactive `ossduck` shell: reads statements (ending in `;`, across
 * lines) and dot commands, and hands them to a CommandRunner; persistent
 * history, Tab completion, Ctrl-C to cancel a statement or clear the input,
 * Ctrl-D to leave. It reads and writes only the streams it is given.
 */
export class Shell {
  readonly #options: ShellOptions;
  readonly #output: OutputStream;
  readonly #terminal: boolean;
  readonly #runner: CommandRunner;
  readonly #completer: ShellCompleter;
  #rl: Interface | undefined;
  #history: HistoryFile | undefined;
  /** The statement being typed, lines joined. */
  #buffer = '';
  /** Lines entered and not yet handled (typed ahead or pasted). */
  #queue: string[] = [];
  #waiting: ((line: string | undefined) => void) | undefined;
  #closed = false;
  /** A line is being handled (a statement runs, a dot command works). */
  #busy = false;
  readonly #interrupts: RepeatingInterrupt;

  constructor(options: ShellOptions) {
    this.#options = options;
    this.#output = options.output;
    this.#terminal = options.terminal ?? (options.input.isTTY === true && options.output.isTTY === true);
    this.#runner = new CommandRunner({
      output: options.output,
      errorOutput: options.errorOutput,
      env: options.env,
      colour: useColour(options.errorOutput, options.env),
      open: options.open,
      warehouse: options.warehouse,
      format: options.format ?? 'box',
      maxRows: 40,
      home: options.env['HOME'] || homedir(),
      cwd: options.cwd,
      onStatementsRun: () => this.#completer.forget(),
      onOpen: () => this.#completer.forget(true),
    });
    this.#interrupts = new RepeatingInterrupt(this.#runner);
    const shell = this;
    this.#completer = new ShellCompleter({
      get session() {
        return shell.#runner.session;
      },
      get busy() {
        return shell.#busy;
      },
      get buffer() {
        return shell.#buffer;
      },
      path: (path) => this.#runner.path(path),
    });
  }

  /** Runs the shell until `.quit` or end of input (Ctrl-D). Returns the exit code. */
  async run(): Promise<number> {
    try {
      await this.#runner.start();
    } catch (error) {
      await this.#runner.printError(error);
      return 1;
    }
    try {
      await writeOut(this.#output, this.#banner());
      const history = await this.#loadHistory();
      const rl = createInterface({
        input: this.#options.input,
        output: this.#output,
        terminal: this.#terminal,
        history,
        historySize: 1000,
        tabSize: 4,
        completer: (line: string, callback: (error: Error | null, result: [string[], string]) => void) => {
          this.#completer.complete(line).then(
            (result) => callback(null, result),
            () => callback(null, [[], line]),
          );
        },
      });
      this.#rl = rl;
      rl.on('line', (line) => this.#onLine(line));
      rl.on('close', () => this.#onClose());
      rl.on('SIGINT', () => this.interrupt());
      await this.#loop();
      return 0;
    } finally {
      this.#rl?.close();
      await this.#runner.close();
    }
  }

  /**
   * Ctrl-C: cancels the running statement (and the rest of its input) while
   * one runs; otherwise drops what is being typed and prompts afresh.
   */
  interrupt(): void {
    if (this.#busy) {
      this.#runner.cancelled = true;
      this.#queue = [];
      // Repeated until the line is done: one that lands just before DuckDB starts the statement would be lost.
      this.#interrupts.start();
      return;
    }
    this.#buffer = '';
    const rl = this.#rl as (Interface & ClearableInterface) | undefined;
    if (!rl || this.#closed) return;
    if (this.#terminal && typeof rl.clearLine === 'function') rl.clearLine();
    else if (this.#terminal) {
      rl.write(null, { ctrl: true, name: 'e' });
      rl.write(null, { ctrl: true, name: 'u' });
      this.#output.write('\n');
    } else this.#output.write('\n');
    this.#prompt();
  }

  /** Whether a line is being handled: a statement runs, or a dot command works. */
  get busy(): boolean {
    return this.#busy;
  }

  // ---- reading lines ----

  async #loop(): Promise<void> {
    for (;;) {
      const line = await this.#nextLine();
      if (line === undefined) {
        if (this.#terminal) await writeOut(this.#output, '\n');
        return;
      }
      await this.#completer.settled;
      this.#busy = true;
      this.#runner.cancelled = false;
      let quit = false;
      this.#ctrlCSignals(true);
      try {
        quit = await this.#handleLine(line);
      } catch (error) {
        await this.#runner.printError(error);
      } finally {
        this.#ctrlCSignals(false);
        this.#busy = false;
        this.#interrupts.stop();
      }
      if (quit) return;
    }
  }

  /**
   * While a line is handled the terminal leaves raw mode, so Ctrl-C is a
   * SIGINT (as in DuckDB's and sqlite's shells) rather than a key readline
   * reads: a signal reaches even a statement whose thread is blocked waiting
   * on OSS (the OSS worker watches for it), a key would wait in the input.
   */
  #ctrlCSignals(on: boolean): void {
    const input = this.#options.input as Readable & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };
    if (this.#terminal && input.isTTY === true && typeof input.setRawMode === 'function' && !this.#closed) input.setRawMode(!on);
  }

  /** Handles one entered line; true when the shell is to exit. */
  async #handleLine(line: string): Promise<boolean> {
    if (this.#buffer === '' && /^\s*\./.test(line)) return this.#runner.dotCommand(line);
    this.#buffer = this.#buffer === '' ? line : `${this.#buffer}\n${line}`;
    const { complete, pending } = splitInput(this.#buffer);
    this.#buffer = pending;
    if (complete !== '' && !(await this.#runner.runStatements(complete))) this.#buffer = '';
    return false;
  }

  #nextLine(): Promise<string | undefined> {
    if (this.#queue.length > 0) return Promise.resolve(this.#queue.shift());
    if (this.#closed) return Promise.resolve(undefined);
    this.#prompt();
    return new Promise((resolve) => {
      this.#waiting = resolve;
    });
  }

  #onLine(line: string): void {
    this.#remember(line);
    const waiting = this.#waiting;
    if (waiting) {
      this.#waiting = undefined;
      waiting(line);
    } else {
      this.#queue.push(line);
    }
  }

  #onClose(): void {
    this.#closed = true;
    const waiting = this.#waiting;
    this.#waiting = undefined;
    waiting?.(undefined);
  }

  #promptText(): string {
    const session = this.#runner.session;
    const main = `${session?.currentProject ?? ''}.${session?.currentSchema ?? ''}> `;
    return this.#buffer === '' ? main : `${' '.repeat(Math.max(0, main.length - 5))}...> `;
  }

  #prompt(): void {
    const rl = this.#rl;
    if (!rl || this.#closed) return;
    rl.setPrompt(this.#promptText());
    rl.prompt(true);
  }

  // ---- history ----

  async #loadHistory(): Promise<string[]> {
    const path = this.#options.historyFile;
    if (path === undefined) return [];
    const history = new HistoryFile(path);
    try {
      const entries = history.load();
      this.#history = history;
      return entries;
    } catch (error) {
      await this.#runner.printError(new ShellError(`cannot read the history file ${path} (${(error as Error).message}); history is not saved in this session`));
      return [];
    }
  }

  #remember(line: string): void {
    const history = this.#history;
    if (!history) return;
    try {
      history.append(line);
    } catch (error) {
      this.#history = undefined;
      void this.#runner.printError(new ShellError(`cannot write the history file ${history.path} (${(error as Error).message}); history is not saved in this session`));
    }
  }

  #banner(): string {
    const warehouse = this.#runner.warehouse;
    const lines = [`ossduck ${VERSION} on DuckDB ${duckdbVersion()}`, 'Enter ".help" for usage hints.'];
    if (warehouse === undefined) {
      lines.push('Connected to a transient in-memory warehouse.', 'Use ".open PATH" to reopen on a warehouse directory that keeps projects and tables.');
    } else {
      lines.push(`Connected to warehouse ${warehouse}.`);
    }
    return `${lines.join('\n')}\n`;
  }
}
