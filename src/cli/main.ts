import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import type { Readable } from 'node:stream';
import { Ossduck } from '../Ossduck.js';
import { VERSION } from '../version.js';
import { helpText, parseArgs } from './cliOptions.js';
import type { CliArguments, ScriptSource } from './cliOptions.js';
import type { CliIo } from './CliIo.js';
import { formatError } from './formatError.js';
import { exitCodeOf, listenForStop } from './listenForStop.js';
import { exitInterrupting, interruptOnExit } from './statementInterrupts.js';
import { RepeatingInterrupt } from './RepeatingInterrupt.js';
import { ProgressLine } from './ProgressLine.js';
import { CommandRunner } from './CommandRunner.js';
import { checkArguments } from './checkArguments.js';
import { SettingError } from '../session/SettingError.js';
import { sessionOptions } from './sessionOptions.js';
import { writeOut } from './StatementOutput.js';
import { UsageError } from './UsageError.js';

export { formatError };
export type { CliIo };

async function readAll(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

function readScript(source: ScriptSource): string {
  if (source.kind === 'command') return source.sql;
  try {
    return readFileSync(source.path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
    throw new UsageError(`cannot read script file '${source.path}': ${why}`);
  }
}

/** What errors call a script among several: `-c #2`, `-f job.sql`, `standard input`. */
function sourceLabel(source: ScriptSource | undefined, index: number): string {
  if (source === undefined) return 'standard input';
  return source.kind === 'file' ? `-f ${source.path}` : `-c #${index + 1}`;
}

/**
 * Runs scripts in order, as the shell would run them typed in (statements,
 * and dot commands on lines of their own), stopping at the first error.
 * Returns the exit code.
 */
async function runScripts(args: CliArguments, scripts: readonly string[], io: CliIo, progress: ProgressLine): Promise<number> {
  const runner = new CommandRunner({
    output: io.stdout,
    errorOutput: io.stderr,
    env: io.env,
    colour: false,
    open: (warehouse) => Ossduck.open(sessionOptions({ ...args, db: warehouse }, io, progress)),
    warehouse: args.db,
    format: args.format ?? 'box',
    maxRows: 0,
    home: io.env['HOME'] || homedir(),
    beforeOutput: () => progress.clear(),
  });
  const interrupts = new RepeatingInterrupt(runner);
  const onSigint = (): void => {
    // The statement running stops, and none after it starts (Ctrl-C between two statements too).
    runner.cancelled = true;
    interrupts.start();
  };
  // Ctrl-C interrupts the statement; a second one, or a run still going 2 s later, ends the process.
  const unlistenSigint = listenForStop(['SIGINT'], onSigint, 2000);
  const unregister = interruptOnExit(() => interrupts.once());
  const unlisten = (): void => {
    interrupts.stop();
    unlistenSigint();
    unregister();
  };
  try {
    try {
      await runner.start();
    } catch (error) {
      progress.clear();
      // A setting DuckDB refuses is a mistake on the command line.
      const usage = error instanceof SettingError ? new UsageError(`--set: ${error.detail}`) : error;
      await writeOut(io.stderr, `${formatError(usage, io.env)}\n`);
      return usage instanceof UsageError ? 2 : 1;
    }
    for (const [index, script] of scripts.entries()) {
      const source = args.sources[index];
      runner.source = scripts.length > 1 ? sourceLabel(source, index) : undefined;
      const quit = await runner.readScript(script, sourceLabel(source, index));
      if (runner.errorCount > 0) return 1;
      if (quit) break;
    }
    return 0;
  } catch (error) {
    progress.clear();
    // The reader of standard output went away (`ossduck ... | head`): stop quietly, as a process
    // that SIGPIPE ends would, with the shell's code for it (128 + 13).
    if ((error as NodeJS.ErrnoException)?.code === 'EPIPE') return 141;
    await writeOut(io.stderr, `${formatError(error, io.env)}\n`);
    return 1;
  } finally {
    unlisten();
    await runner.close();
  }
}

/** The interactive shell, when no statements are given and standard input is a terminal. */
async function runShell(args: CliArguments, io: CliIo): Promise<number> {
  // The shell loads on demand: scripts never pay for it.
  const { Shell } = await import('./Shell.js');
  const { historyPath } = await import('./HistoryFile.js');
  const shell = new Shell({
    input: io.stdin,
    output: io.stdout,
    errorOutput: io.stderr,
    env: io.env,
    warehouse: args.db,
    open: (warehouse) => Ossduck.open(sessionOptions({ ...args, db: warehouse }, io)),
    format: args.format,
    historyFile: historyPath(io.env, homedir()),
  });
  // Ctrl-C reaches the shell as a key while it reads the terminal; a SIGINT from elsewhere does the same.
  const onSigint = (): void => shell.interrupt();
  process.on('SIGINT', onSigint);
  const unregister = interruptOnExit(onSigint);
  try {
    return await shell.run();
  } finally {
    process.off('SIGINT', onSigint);
    unregister();
  }
}

/**
 * The `ossduck` command. Returns the exit code: 0 on success, 1 when a
 * statement fails, 2 for a command line it cannot read.
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  // Subcommands load on demand: a plain SQL run never pays for the emulator's modules.
  if (argv[0] === 'serve') return (await import('./serveCommand.js')).serveCommand(argv.slice(1), io);
  // Anything else ends at once on SIGTERM or SIGHUP, or when the process that started it goes away.
  listenForStop(['SIGTERM', 'SIGHUP'], (request) => exitInterrupting(exitCodeOf(request)));
  if (argv[0] === 'quickstart') return (await import('./quickstartCommand.js')).quickstartCommand(argv.slice(1), io);
  if (argv[0] === 'explain-url') return (await import('./explainUrlCommand.js')).explainUrlCommand(argv.slice(1), io);
  if (argv[0] === 'lint-keys') return (await import('./lintKeysCommand.js')).lintKeysCommand(argv.slice(1), io);
  if (argv[0] === 'check') return (await import('./checkCommand.js')).checkCommand(argv.slice(1), io);
  if (argv[0] === 'audit') return (await import('./auditCommand.js')).auditCommand(argv.slice(1), io);
  let args: CliArguments;
  try {
    args = parseArgs(argv);
  } catch (error) {
    await writeOut(io.stderr, `${formatError(error, io.env)}\n`);
    return 2;
  }
  if (args.help) {
    await writeOut(io.stdout, helpText());
    return 0;
  }
  if (args.version) {
    await writeOut(io.stdout, `ossduck ${VERSION}\n`);
    return 0;
  }
  try {
    checkArguments(args);
  } catch (error) {
    await writeOut(io.stderr, `${formatError(error, io.env)}\n`);
    return 2;
  }
  if (args.sources.length === 0 && io.stdin.isTTY) return runShell(args, io);
  let scripts: string[];
  try {
    scripts = args.sources.length > 0 ? args.sources.map(readScript) : [await readAll(io.stdin)];
  } catch (error) {
    await writeOut(io.stderr, `${formatError(error, io.env)}\n`);
    return 2;
  }
  return runScripts(args, scripts, io, new ProgressLine(io.stderr));
}
