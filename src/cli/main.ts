import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import type { Readable, Writable } from 'node:stream';
import { join, resolve } from 'node:path';
import { EnvironmentCredentialSource, environmentHasCredentials } from '../oss/CredentialSource.js';
import { EmbeddedOss } from '../session/EmbeddedOss.js';
import { parseOrigin, routingFromEnvironment } from '../oss/OssRouting.js';
import type { OssRouting } from '../oss/OssRouting.js';
import { Runtime } from '../sql/Runtime.js';
import type { RuntimeOptions } from '../sql/Runtime.js';
import { helpText, parseArgs } from './parseArgs.js';
import type { CliArguments, OutputFormat, ScriptSource } from './parseArgs.js';
import { formatError } from './formatError.js';
import { printResult } from './printResult.js';
import { writeOut } from './StatementOutput.js';
import { UsageError } from './UsageError.js';
import { VERSION } from '../version.js';

export { formatError };

/** What the CLI reads and writes; the real process by default, something else in tests. */
export interface CliIo {
  readonly stdin: Readable & { isTTY?: boolean };
  readonly stdout: Writable & { isTTY?: boolean; columns?: number };
  readonly stderr: Writable & { isTTY?: boolean };
  readonly env: NodeJS.ProcessEnv;
}

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

async function runScripts(runtime: Runtime, scripts: readonly string[], format: OutputFormat, io: CliIo, progress: ProgressLine): Promise<void> {
  const maxWidth = io.stdout.isTTY && io.stdout.columns ? io.stdout.columns : 200;
  let after = false;
  for (const script of scripts) {
    for await (const result of runtime.execute(script)) {
      progress.clear();
      if (await printResult(result, format, { timezone: runtime.settings.timezone, maxWidth, after }, io.stdout)) after = true;
    }
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
    runtimeOptions: (warehouse) => runtimeOptions({ ...args, db: warehouse }, io),
    format: args.format,
    historyFile: historyPath(io.env, homedir()),
  });
  // Ctrl-C reaches the shell as a key while it reads the terminal; a SIGINT from elsewhere does the same.
  const onSigint = (): void => shell.interrupt();
  process.on('SIGINT', onSigint);
  try {
    return await shell.run();
  } finally {
    process.off('SIGINT', onSigint);
  }
}

/**
 * The `ossduck` command. Returns the exit code: 0 on success, 1 when a
 * statement fails, 2 for a command line it cannot read.
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  // Subcommands load on demand: a plain SQL run never pays for the emulator's modules.
  if (argv[0] === 'serve') return (await import('./serveCommand.js')).serveCommand(argv.slice(1), io);
  if (argv[0] === 'quickstart') return (await import('./quickstartCommand.js')).quickstartCommand(argv.slice(1), io);
  if (argv[0] === 'explain-url') return (await import('./explainUrlCommand.js')).explainUrlCommand(argv.slice(1), io);
  if (argv[0] === 'lint-keys') return (await import('./lintKeysCommand.js')).lintKeysCommand(argv.slice(1), io);
  if (argv[0] === 'check') return (await import('./checkCommand.js')).checkCommand(argv.slice(1), io);
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
  if (args.sources.length === 0 && io.stdin.isTTY) return runShell(args, io);
  let scripts: string[];
  try {
    scripts = args.sources.length > 0 ? args.sources.map(readScript) : [await readAll(io.stdin)];
  } catch (error) {
    await writeOut(io.stderr, `${formatError(error, io.env)}\n`);
    return 2;
  }
  const progress = new ProgressLine(io.stderr);
  let options: RuntimeOptions;
  try {
    options = runtimeOptions(args, io, progress);
  } catch (error) {
    await writeOut(io.stderr, `${formatError(error, io.env)}\n`);
    return 2;
  }
  let runtime: Runtime | undefined;
  const onSigint = (): void => {
    if (runtime) runtime.interrupt();
  };
  process.on('SIGINT', onSigint);
  try {
    runtime = await Runtime.open(options);
    await runScripts(runtime, scripts, args.format ?? 'box', io, progress);
    return 0;
  } catch (error) {
    progress.clear();
    // The reader of standard output went away (`ossduck ... | head`): stop quietly, as a process
    // that SIGPIPE ends would, with the shell's code for it (128 + 13).
    if ((error as NodeJS.ErrnoException)?.code === 'EPIPE') return 141;
    await writeOut(io.stderr, `${formatError(error, io.env)}\n`);
    return 1;
  } finally {
    process.off('SIGINT', onSigint);
    await runtime?.close();
  }
}

/**
 * A one-line progress display on a terminal's stderr (rewritten in place),
 * silent when stderr is not a terminal.
 */
export class ProgressLine {
  readonly #stream: CliIo['stderr'];
  #shown = false;

  constructor(stream: CliIo['stderr']) {
    this.#stream = stream;
  }

  show(message: string): void {
    if (!this.#stream.isTTY) return;
    this.#stream.write(`\r\x1b[K${message}`);
    this.#shown = true;
  }

  clear(): void {
    if (!this.#shown) return;
    this.#stream.write('\r\x1b[K');
    this.#shown = false;
  }
}

/**
 * The runtime options a command line asks for: warehouse, project, settings,
 * routing, and where messages go. With no OSS endpoint and no OSS credentials
 * in the environment, OSS is the embedded local emulator (in the warehouse's
 * `oss/` folder with `--db`), started when first needed and announced in one
 * line on stderr.
 */
export function runtimeOptions(args: CliArguments, io: CliIo, progress = new ProgressLine(io.stderr)): RuntimeOptions {
  const fromEnv = routingFromEnvironment(io.env);
  const routing: OssRouting = {
    oss: args.ossEndpoint ? parseOrigin(args.ossEndpoint, '--oss-endpoint') : fromEnv.oss,
    sts: args.stsEndpoint ? parseOrigin(args.stsEndpoint, '--sts-endpoint') : fromEnv.sts,
  };
  let oss: Pick<RuntimeOptions, 'routing' | 'credentials' | 'closeWith'>;
  if (routing.oss === undefined && !environmentHasCredentials(io.env)) {
    const embedded = new EmbeddedOss({
      root: args.db === undefined ? undefined : join(resolve(args.db), 'oss'),
      onStart: (info) => {
        progress.clear();
        io.stderr.write(
          `ossduck: no OSS endpoint or credentials set; using the embedded local OSS at ${info.ossUrl} (buckets in ${info.root})\n`,
        );
      },
    });
    oss = { routing: () => ({ oss: embedded.routing.oss, sts: routing.sts ?? embedded.routing.sts }), credentials: embedded, closeWith: embedded };
  } else {
    oss = { routing, credentials: new EnvironmentCredentialSource(io.env === process.env ? process.env : io.env) };
  }
  return {
    settings: Object.fromEntries(args.settings),
    project: args.project,
    warehouse: args.db,
    ...oss,
    onProgress: (message) => progress.show(message),
    onWarning: (message) => {
      progress.clear();
      io.stderr.write(`WARNING: ${message}\n`);
    },
  };
}
