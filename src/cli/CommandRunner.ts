import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import type { Ossduck } from '../Ossduck.js';
import { OssduckError } from '../OssduckError.js';
import { splitStatements } from '../sql/splitStatements.js';
import { formatError } from './formatError.js';
import type { OutputFormat } from './OutputFormat.js';
import { dotHelpText, parseDotCommand } from './parseDotCommand.js';
import type { DotCommand } from './parseDotCommand.js';
import { printResult } from './printResult.js';
import { rowsOf } from './rowsOf.js';
import { ShellError } from './ShellError.js';
import { splitInput } from './splitInput.js';
import { writeOut } from './StatementOutput.js';

export type OutputStream = Writable & { isTTY?: boolean; columns?: number; hasColors?: (env?: object) => boolean };

export interface CommandRunnerOptions {
  /** Results, and what dot commands print. */
  readonly output: OutputStream;
  /** Errors, one line each (red when `colour`). */
  readonly errorOutput: OutputStream;
  readonly env: NodeJS.ProcessEnv;
  readonly colour: boolean;
  /** Opens a session on a warehouse (undefined: in memory); `.open` reopens through it. */
  readonly open: (warehouse: string | undefined) => Promise<Ossduck>;
  /** The warehouse at start (`--db`), if any. */
  readonly warehouse: string | undefined;
  /** The output mode at start (`box`). */
  readonly format: OutputFormat;
  /** Rows a box shows (`.maxrows`; 0 shows all). */
  readonly maxRows: number;
  /** `~` of `~/` paths. */
  readonly home: string;
  /** Relative `.read` and `.open` paths are read from here (the process's working directory). */
  readonly cwd?: string | undefined;
  /** Called after a statement ran (names it made or dropped change what completes). */
  readonly onStatementsRun?: (() => void) | undefined;
  /** Called when `.open` replaced the session. */
  readonly onOpen?: (() => void) | undefined;
}

const CANCELLED = (): OssduckError => OssduckError.cancelled('Interrupted! The remaining statements did not run');
/** How deep `.read` files may read other files. */
const MAX_READ_DEPTH = 16;

/**
 * Runs what a user enters, typed or read from a file: statements (printing
 * their rows in the output mode) and the shell's dot commands, on one
 * session that `.open` can replace. An error is printed as one line and
 * stops what was entered with it. The interactive shell reads lines into it.
 */
export class CommandRunner {
  readonly #options: CommandRunnerOptions;
  #session: Ossduck | undefined;
  #warehouse: string | undefined;
  #format: OutputFormat;
  #timer = false;
  #maxRows: number;
  /** Ctrl-C arrived while this input ran: the rest of it does not. */
  cancelled = false;
  /** Errors printed so far: a dot command inside `.read` failed when this moved. */
  #errorCount = 0;
  /** The `.read` files being read, outermost first. */
  readonly #reading: string[] = [];

  constructor(options: CommandRunnerOptions) {
    this.#options = options;
    this.#warehouse = options.warehouse;
    this.#format = options.format;
    this.#maxRows = options.maxRows;
  }

  /** The session statements run on; undefined before `start` and between `.open`'s close and open. */
  get session(): Ossduck | undefined {
    return this.#session;
  }

  get warehouse(): string | undefined {
    return this.#warehouse;
  }

  /** Errors printed so far. */
  get errorCount(): number {
    return this.#errorCount;
  }

  /** Opens the session on the warehouse at start. */
  async start(): Promise<void> {
    this.#session = await this.#options.open(this.#warehouse);
  }

  async close(): Promise<void> {
    await this.#session?.close();
  }

  /**
   * Runs a script's statements in order, printing each one's rows (and run
   * time with `.timer on`). Stops at the first error or at Ctrl-C, printing
   * the error as one line. Returns whether every statement ran.
   */
  async runStatements(script: string, options: { timer?: boolean } = {}): Promise<boolean> {
    const session = this.#session!;
    const timer = options.timer ?? this.#timer;
    let count = Infinity;
    try {
      count = splitStatements(script).length;
    } catch {
      // the session reports the same error when it reaches it
    }
    const iterator = session.execute(script);
    let after = false;
    try {
      for (let index = 0; index < count; index++) {
        if (this.cancelled) {
          await this.printError(CANCELLED());
          return false;
        }
        const started = performance.now();
        try {
          const step = await iterator.next();
          if (step.done) return true;
          const options = { timezone: session.setting('odps.sql.timezone')!, maxWidth: this.#width(), maxRows: this.#maxRows, after };
          if (await printResult(step.value, this.#format, options, this.#options.output)) after = true;
        } catch (error) {
          await this.printError(error);
          if (timer) await this.#printTime(started);
          return false;
        }
        if (timer) await this.#printTime(started);
      }
      return true;
    } finally {
      await iterator.return(undefined);
      this.#options.onStatementsRun?.();
    }
  }

  /** Runs one dot command line; true when it is `.quit`/`.exit` (or a `.read` file ended in one). */
  async dotCommand(line: string): Promise<boolean> {
    let command: DotCommand;
    try {
      command = parseDotCommand(line);
    } catch (error) {
      await this.printError(error);
      return false;
    }
    switch (command.kind) {
      case 'help':
        await this.#write(dotHelpText());
        return false;
      case 'tables':
        await this.runStatements('SHOW TABLES;', { timer: false });
        return false;
      case 'schema':
        await this.#schema(command.table);
        return false;
      case 'mode':
        if (command.format === undefined) await this.#write(`current output mode: ${this.#format}\n`);
        else this.#format = command.format;
        return false;
      case 'maxrows':
        this.#maxRows = command.count;
        return false;
      case 'timer':
        this.#timer = command.on;
        return false;
      case 'read': {
        const path = this.path(command.path);
        let script: string;
        try {
          script = readFileSync(path, 'utf8');
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
          await this.printError(new ShellError(`cannot read '${command.path}': ${why}`));
          return false;
        }
        return this.readScript(script, path);
      }
      case 'open':
        await this.#open(command.path === undefined ? undefined : this.path(command.path));
        return false;
      case 'quit':
        return true;
    }
  }

  /**
   * A file's statements and dot commands in order, as if typed (a line
   * starting with `.` between statements is a dot command). Stops at the
   * first error or at Ctrl-C. Statements are run with the file's own line
   * numbers, so an error names the line in the file. True when the file ends
   * in `.quit`, which ends the shell.
   */
  async readScript(script: string, path: string): Promise<boolean> {
    if (this.#reading.includes(path) || this.#reading.length >= MAX_READ_DEPTH) {
      await this.printError(new ShellError(`.read ${path}: files reading each other (${[...this.#reading, path].join(' -> ')}); not read again`));
      return false;
    }
    this.#reading.push(path);
    try {
      const lines = script.split('\n');
      let start = 0;
      for (let i = 0; i < lines.length; i++) {
        if (!/^\s*\./.test(lines[i]!) || splitInput(lines.slice(start, i).join('\n')).pending !== '') continue;
        const first = start;
        const text = lines.slice(first, i).join('\n');
        start = i + 1;
        if (text.trim() !== '' && !(await this.runStatements('\n'.repeat(first) + text))) return false;
        if (this.cancelled) {
          await this.printError(CANCELLED());
          return false;
        }
        const errors = this.#errorCount;
        if (await this.dotCommand(lines[i]!)) return true;
        if (this.#errorCount !== errors) return false;
      }
      const rest = lines.slice(start).join('\n');
      if (rest.trim() !== '') await this.runStatements('\n'.repeat(start) + rest);
      return false;
    } finally {
      this.#reading.pop();
    }
  }

  /** `~/x` from the home directory, relative paths from the working directory. */
  path(path: string): string {
    const home = this.#options.home;
    const expanded = path === '~' ? home : path.startsWith('~/') ? join(home, path.slice(2)) : path;
    return resolve(this.#options.cwd ?? process.cwd(), expanded);
  }

  async printError(error: unknown): Promise<void> {
    this.#errorCount++;
    const text = formatError(error, this.#options.env);
    await writeOut(this.#options.errorOutput, this.#options.colour ? `\x1b[31m${text}\x1b[0m\n` : `${text}\n`);
  }

  /** `.schema [table]`: the CREATE statements, as SQL text. */
  async #schema(table: string | undefined): Promise<void> {
    const session = this.#session!;
    try {
      let names: string[];
      if (table !== undefined) names = [table];
      else names = (await rowsOf(session, 'SHOW TABLES')).map((row) => `\`${String(row[0]).replaceAll('`', '``')}\``);
      let text = '';
      for (const name of names) {
        if (this.cancelled) throw CANCELLED();
        for (const row of await rowsOf(session, `SHOW CREATE TABLE ${name}`)) text += `${String(row[0])}\n`;
      }
      await this.#write(text);
    } catch (error) {
      // The statement was ossduck's, not the user's: a position in it would point at nothing typed.
      if (error instanceof OssduckError) error.position = undefined;
      await this.printError(error);
    }
  }

  /** `.open [path]`: a new session on another warehouse; on failure, back to the one before. */
  async #open(path: string | undefined): Promise<void> {
    const previous = this.#warehouse;
    await this.#session?.close();
    this.#options.onOpen?.();
    try {
      this.#session = await this.#options.open(path);
      this.#warehouse = path;
      return;
    } catch (error) {
      await this.printError(error);
    }
    try {
      this.#session = await this.#options.open(previous);
      await this.#write(previous === undefined ? 'Still in a transient in-memory warehouse.\n' : `Still on warehouse ${previous}.\n`);
    } catch (error) {
      await this.printError(error);
      this.#session = await this.#options.open(undefined);
      this.#warehouse = undefined;
      await this.#write('Now in a transient in-memory warehouse.\n');
    }
  }

  #width(): number {
    const output = this.#options.output;
    return output.isTTY && output.columns ? output.columns : 200;
  }

  async #write(text: string): Promise<void> {
    await writeOut(this.#options.output, text);
  }

  async #printTime(started: number): Promise<void> {
    await this.#write(`Run Time: real ${((performance.now() - started) / 1000).toFixed(3)} s\n`);
  }
}
