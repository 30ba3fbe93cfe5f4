import { readdirSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { Interface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { version as duckdbVersion } from '@duckdb/node-api';
import { OssduckError } from '../OssduckError.js';
import { Runtime } from '../sql/Runtime.js';
import type { RuntimeOptions } from '../sql/Runtime.js';
import { splitStatements } from '../sql/splitStatements.js';
import { GET_DATA_FROM_OSS } from '../udf/getDataFromOss.js';
import { GET_SIGNED_URL_FROM_OSS } from '../udf/getSignedUrlFromOss.js';
import { MAXCOMPUTE_FUNCTIONS } from '../udf/registerMaxComputeFunctions.js';
import { VERSION } from '../version.js';
import { completionCandidates, dotCommandCandidates, SQL_KEYWORDS, wordAtEnd } from './completionCandidates.js';
import type { CompletionNames } from './completionCandidates.js';
import { formatError } from './formatError.js';
import { HistoryFile } from './HistoryFile.js';
import type { OutputFormat } from './parseArgs.js';
import { DOT_COMMANDS, dotHelpText, parseDotCommand } from './parseDotCommand.js';
import type { DotCommand } from './parseDotCommand.js';
import { printResult } from './printResult.js';
import { ShellError } from './ShellError.js';
import { splitInput } from './splitInput.js';
import { writeOut } from './StatementOutput.js';

type OutputStream = Writable & { isTTY?: boolean; columns?: number; hasColors?: (env?: object) => boolean };

export interface ShellOptions {
  readonly input: Readable & { isTTY?: boolean };
  /** Prompts, echo and results. */
  readonly output: OutputStream;
  /** Errors (one line each, red on a colour terminal unless NO_COLOR is set). */
  readonly errorOutput: OutputStream;
  readonly env: NodeJS.ProcessEnv;
  /** The warehouse at start (`--db`), if any. */
  readonly warehouse?: string | undefined;
  /** How to open the runtime for a warehouse (undefined: in memory); `.open` reopens through it. */
  readonly runtimeOptions: (warehouse: string | undefined) => RuntimeOptions;
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

const CANCELLED = (): OssduckError => new OssduckError('ODPS-0120031', 'Instance has been cancelled', 'Interrupted! The remaining statements did not run');
/** How deep `.read` files may read other files. */
const MAX_READ_DEPTH = 16;

function useColour(stream: OutputStream, env: NodeJS.ProcessEnv): boolean {
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  if (stream.isTTY !== true) return false;
  return typeof stream.hasColors === 'function' ? stream.hasColors(env) : true;
}

/**
 * The interactive `ossduck` shell: reads statements (ending in `;`, across
 * lines), runs them on a Runtime and prints their rows; dot commands,
 * persistent history, Tab completion, Ctrl-C to cancel a statement or clear
 * the input, Ctrl-D to leave. It reads and writes only the streams it is
 * given.
 */
export class Shell {
  readonly #options: ShellOptions;
  readonly #input: ShellOptions['input'];
  readonly #output: OutputStream;
  readonly #errorOutput: OutputStream;
  readonly #env: NodeJS.ProcessEnv;
  readonly #terminal: boolean;
  readonly #colour: boolean;
  readonly #home: string;
  #runtime: Runtime | undefined;
  #warehouse: string | undefined;
  #rl: Interface | undefined;
  #history: HistoryFile | undefined;
  #format: OutputFormat;
  #timer = false;
  #maxRows = 40;
  /** The statement being typed, lines joined. */
  #buffer = '';
  /** Lines entered and not yet handled (typed ahead or pasted). */
  #queue: string[] = [];
  #waiting: ((line: string | undefined) => void) | undefined;
  #closed = false;
  /** A line is being handled (a statement runs, a dot command works). */
  #busy = false;
  #cancelled = false;
  /** Errors printed so far: a dot command inside `.read` failed when this moved. */
  #errorCount = 0;
  /** The `.read` files being read, outermost first. */
  readonly #reading: string[] = [];
  #repeat: ReturnType<typeof setInterval> | undefined;
  #lookup: Promise<unknown> = Promise.resolve();
  #functions: string[] | undefined;
  #names: CompletionNames | undefined;

  constructor(options: ShellOptions) {
    this.#options = options;
    this.#input = options.input;
    this.#output = options.output;
    this.#errorOutput = options.errorOutput;
    this.#env = options.env;
    this.#terminal = options.terminal ?? (options.input.isTTY === true && options.output.isTTY === true);
    this.#colour = useColour(options.errorOutput, options.env);
    this.#home = options.env['HOME'] || homedir();
    this.#format = options.format ?? 'box';
    this.#warehouse = options.warehouse;
  }

  /** Runs the shell until `.quit` or end of input (Ctrl-D). Returns the exit code. */
  async run(): Promise<number> {
    try {
      this.#runtime = await Runtime.open(this.#options.runtimeOptions(this.#warehouse));
    } catch (error) {
      await this.#printError(error);
      return 1;
    }
    try {
      await this.#write(this.#banner());
      const history = await this.#loadHistory();
      const rl = createInterface({
        input: this.#input,
        output: this.#output,
        terminal: this.#terminal,
        history,
        historySize: 1000,
        tabSize: 4,
        completer: (line: string, callback: (error: Error | null, result: [string[], string]) => void) => {
          this.#complete(line).then(
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
      await this.#runtime?.close();
    }
  }

  /**
   * Ctrl-C: cancels the running statement (and the rest of its input) while
   * one runs; otherwise drops what is being typed and prompts afresh.
   */
  interrupt(): void {
    if (this.#busy) {
      this.#cancelled = true;
      this.#queue = [];
      this.#interruptRuntime();
      // A Ctrl-C that lands just before DuckDB starts the statement would be lost: repeat it until the line is done.
      this.#repeat ??= setInterval(() => this.#interruptRuntime(), 20);
      this.#repeat.unref?.();
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

  #interruptRuntime(): void {
    try {
      this.#runtime?.interrupt();
    } catch {
      // the runtime is between close and open (.open): nothing runs to interrupt
    }
  }

  // ---- reading lines ----

  async #loop(): Promise<void> {
    for (;;) {
      const line = await this.#nextLine();
      if (line === undefined) {
        if (this.#terminal) await this.#write('\n');
        return;
      }
      await this.#lookup;
      this.#busy = true;
      this.#cancelled = false;
      let quit = false;
      try {
        quit = await this.#handleLine(line);
      } catch (error) {
        await this.#printError(error);
      } finally {
        this.#busy = false;
        if (this.#repeat) clearInterval(this.#repeat);
        this.#repeat = undefined;
      }
      if (quit) return;
    }
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
    const main = `${this.#runtime?.currentProject ?? ''}.${this.#runtime?.currentSchema ?? ''}> `;
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
      await this.#printError(new ShellError(`cannot read the history file ${path} (${(error as Error).message}); history is not saved in this session`));
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
      void this.#printError(new ShellError(`cannot write the history file ${history.path} (${(error as Error).message}); history is not saved in this session`));
    }
  }

  // ---- running ----

  /** Handles one entered line; true when the shell is to exit. */
  async #handleLine(line: string): Promise<boolean> {
    if (this.#buffer === '' && /^\s*\./.test(line)) return this.#dotCommand(line);
    this.#buffer = this.#buffer === '' ? line : `${this.#buffer}\n${line}`;
    const { complete, pending } = splitInput(this.#buffer);
    this.#buffer = pending;
    if (complete !== '' && !(await this.#runScript(complete))) this.#buffer = '';
    return false;
  }

  /**
   * Runs a script's statements in order, printing each one's rows (and run
   * time with `.timer on`). Stops at the first error or at Ctrl-C, printing
   * the error as one line. Returns whether every statement ran.
   */
  async #runScript(script: string, options: { timer?: boolean } = {}): Promise<boolean> {
    const runtime = this.#runtime!;
    const timer = options.timer ?? this.#timer;
    let count = Infinity;
    try {
      count = splitStatements(script).length;
    } catch {
      // the runtime reports the same error when it reaches it
    }
    const iterator = runtime.execute(script);
    let after = false;
    try {
      for (let index = 0; index < count; index++) {
        if (this.#cancelled) {
          await this.#printError(CANCELLED());
          return false;
        }
        const started = performance.now();
        try {
          const step = await iterator.next();
          if (step.done) return true;
          const options = { timezone: runtime.settings.timezone, maxWidth: this.#width(), maxRows: this.#maxRows, after };
          if (await printResult(step.value, this.#format, options, this.#output)) after = true;
        } catch (error) {
          await this.#printError(error);
          if (timer) await this.#printTime(started);
          return false;
        }
        if (timer) await this.#printTime(started);
      }
      return true;
    } finally {
      await iterator.return(undefined);
      this.#names = undefined;
    }
  }

  async #dotCommand(line: string): Promise<boolean> {
    let command: DotCommand;
    try {
      command = parseDotCommand(line);
    } catch (error) {
      await this.#printError(error);
      return false;
    }
    switch (command.kind) {
      case 'help':
        await this.#write(dotHelpText());
        return false;
      case 'tables':
        await this.#runScript('SHOW TABLES;', { timer: false });
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
        const path = this.#path(command.path);
        let script: string;
        try {
          script = readFileSync(path, 'utf8');
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
          await this.#printError(new ShellError(`cannot read '${command.path}': ${why}`));
          return false;
        }
        return this.#readScript(script, path);
      }
      case 'open':
        await this.#open(command.path === undefined ? undefined : this.#path(command.path));
        return false;
      case 'quit':
        return true;
    }
  }

  /**
   * `.read`: the file's statements and dot commands in order, as if typed (a
   * line starting with `.` between statements is a dot command). Stops at the
   * first error or at Ctrl-C. Statements are run with the file's own line
   * numbers, so an error names the line in the file. True when the file ends
   * in `.quit`, which ends the shell.
   */
  async #readScript(script: string, path: string): Promise<boolean> {
    if (this.#reading.includes(path) || this.#reading.length >= MAX_READ_DEPTH) {
      await this.#printError(new ShellError(`.read ${path}: files reading each other (${[...this.#reading, path].join(' -> ')}); not read again`));
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
        if (text.trim() !== '' && !(await this.#runScript('\n'.repeat(first) + text))) return false;
        if (this.#cancelled) {
          await this.#printError(CANCELLED());
          return false;
        }
        const errors = this.#errorCount;
        if (await this.#dotCommand(lines[i]!)) return true;
        if (this.#errorCount !== errors) return false;
      }
      const rest = lines.slice(start).join('\n');
      if (rest.trim() !== '') await this.#runScript('\n'.repeat(start) + rest);
      return false;
    } finally {
      this.#reading.pop();
    }
  }

  /** `.schema [table]`: the CREATE statements, as SQL text. */
  async #schema(table: string | undefined): Promise<void> {
    const runtime = this.#runtime!;
    try {
      let names: string[];
      if (table !== undefined) names = [table];
      else {
        const [tables] = await runtime.run('SHOW TABLES');
        names = (tables?.rows ?? []).map((row) => `\`${String(row[0]).replaceAll('`', '``')}\``);
      }
      let text = '';
      for (const name of names) {
        if (this.#cancelled) throw CANCELLED();
        const [result] = await runtime.run(`SHOW CREATE TABLE ${name}`);
        for (const row of result?.rows ?? []) text += `${String(row[0])}\n`;
      }
      await this.#write(text);
    } catch (error) {
      // The statement was ossduck's, not the user's: a position in it would point at nothing typed.
      if (error instanceof OssduckError) error.position = undefined;
      await this.#printError(error);
    }
  }

  /** `.open [path]`: a new session on another warehouse; on failure, back to the one before. */
  async #open(path: string | undefined): Promise<void> {
    const previous = this.#warehouse;
    await this.#runtime?.close();
    this.#functions = undefined;
    this.#names = undefined;
    try {
      this.#runtime = await Runtime.open(this.#options.runtimeOptions(path));
      this.#warehouse = path;
      return;
    } catch (error) {
      await this.#printError(error);
    }
    try {
      this.#runtime = await Runtime.open(this.#options.runtimeOptions(previous));
      await this.#write(previous === undefined ? 'Still in a transient in-memory warehouse.\n' : `Still on warehouse ${previous}.\n`);
    } catch (error) {
      await this.#printError(error);
      this.#runtime = await Runtime.open(this.#options.runtimeOptions(undefined));
      this.#warehouse = undefined;
      await this.#write('Now in a transient in-memory warehouse.\n');
    }
  }

  // ---- completion ----

  async #complete(line: string): Promise<[string[], string]> {
    if (this.#buffer === '' && /^\s*\.[A-Za-z]*$/.test(line)) {
      const typed = line.trimStart();
      return [dotCommandCandidates(line, DOT_COMMANDS.map((c) => c.name)), typed];
    }
    const pathArgument = this.#buffer === '' ? /^\s*\.(?:read|open)\s+(\S*)$/i.exec(line) : null;
    if (pathArgument) return [this.#pathCandidates(pathArgument[1]!), pathArgument[1]!];
    const word = wordAtEnd(line);
    return [completionCandidates(word, await this.#completionNames(), line.slice(0, line.length - word.length)), word];
  }

  /** The names Tab completes, read from the runtime (unless a statement runs: then the last ones). */
  async #completionNames(): Promise<CompletionNames> {
    const runtime = this.#runtime;
    const fallback: CompletionNames = this.#names ?? {
      keywords: SQL_KEYWORDS,
      functions: this.#functions ?? [GET_SIGNED_URL_FROM_OSS],
      projects: [],
      schemas: [],
      tables: [],
      currentProject: runtime?.currentProject ?? '',
      currentSchema: runtime?.currentSchema ?? '',
      namespaceSchema: true,
    };
    if (!runtime || this.#busy) return fallback;
    const lookup = (async (): Promise<CompletionNames> => {
      if (!this.#functions) {
        const [result] = await runtime.run('SELECT DISTINCT function_name FROM duckdb_functions()');
        const names = (result?.rows ?? []).map((r) => String(r[0])).filter((n) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(n) && !n.startsWith('__'));
        // MaxCompute's date and string functions are made on first use: name them anyway.
        const ours = [GET_SIGNED_URL_FROM_OSS, GET_DATA_FROM_OSS, ...MAXCOMPUTE_FUNCTIONS];
        this.#functions = [...ours, ...names.filter((n) => !ours.includes(n.toUpperCase() as (typeof ours)[number]))];
      }
      const projects = runtime.catalog.projectNames();
      const [tables] = await runtime.run('SELECT table_catalog, table_schema, table_name FROM information_schema.tables');
      return {
        keywords: SQL_KEYWORDS,
        functions: this.#functions,
        projects,
        schemas: projects.flatMap((project) => runtime.catalog.schemas(project).map((s) => ({ project, schema: s.name }))),
        tables: (tables?.rows ?? [])
          .map(([project, schema, name]) => ({ project: String(project), schema: String(schema), name: String(name) }))
          .filter((t) => projects.includes(t.project)),
        currentProject: runtime.currentProject,
        currentSchema: runtime.currentSchema,
        namespaceSchema: runtime.settings.namespaceSchema,
      };
    })();
    this.#lookup = lookup.catch(() => undefined);
    try {
      this.#names = await lookup;
      return this.#names;
    } catch {
      return fallback;
    }
  }

  #pathCandidates(typed: string): string[] {
    const expanded = this.#path(typed === '' ? '.' : typed);
    const dir = typed === '' || typed.endsWith('/') ? expanded : dirname(expanded);
    const base = typed === '' || typed.endsWith('/') ? '' : basename(expanded);
    const shownDir = typed.endsWith('/') || !typed.includes('/') ? (typed.endsWith('/') ? typed : '') : typed.slice(0, typed.lastIndexOf('/') + 1);
    let entries: string[];
    try {
      entries = readdirSync(dir);
    } catch {
      return [];
    }
    return entries
      .filter((e) => e.startsWith(base) && (base.startsWith('.') || !e.startsWith('.')))
      .sort()
      .map((e) => {
        let directory = false;
        try {
          directory = statSync(join(dir, e)).isDirectory();
        } catch {
          // a dangling link completes as a file
        }
        return `${shownDir}${e}${directory ? '/' : ''}`;
      });
  }

  // ---- writing ----

  #banner(): string {
    const lines = [`ossduck ${VERSION} on DuckDB ${duckdbVersion()}`, 'Enter ".help" for usage hints.'];
    if (this.#warehouse === undefined) {
      lines.push('Connected to a transient in-memory warehouse.', 'Use ".open PATH" to reopen on a warehouse directory that keeps projects and tables.');
    } else {
      lines.push(`Connected to warehouse ${this.#warehouse}.`);
    }
    return `${lines.join('\n')}\n`;
  }

  /** `~/x` from the home directory, relative paths from the working directory. */
  #path(path: string): string {
    const expanded = path === '~' ? this.#home : path.startsWith('~/') ? join(this.#home, path.slice(2)) : path;
    return resolve(this.#options.cwd ?? process.cwd(), expanded);
  }

  #width(): number {
    return this.#output.isTTY && this.#output.columns ? this.#output.columns : 200;
  }

  async #write(text: string): Promise<void> {
    await writeOut(this.#output, text);
  }

  async #printTime(started: number): Promise<void> {
    await this.#write(`Run Time: real ${((performance.now() - started) / 1000).toFixed(3)} s\n`);
  }

  async #printError(error: unknown): Promise<void> {
    this.#errorCount++;
    const text = formatError(error, this.#env);
    await writeOut(this.#errorOutput, this.#colour ? `\x1b[31m${text}\x1b[0m\n` : `${text}\n`);
  }
}
