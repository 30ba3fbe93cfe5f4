import { join, resolve } from 'node:path';
import { DirectoryProblem, makeDirectories } from '../makeDirectories.js';
import type { Credentials } from '../oss/Credentials.js';
import { credentialsFromOssVariables, environmentHasCredentials } from '../oss/CredentialSource.js';
import { LOCAL_ACCOUNT_FILE, loadLocalAccount } from '../oss/local/LocalOssAccount.js';
import { findLocalOssServer } from '../oss/local/LocalOssServer.js';
import { AccessLog } from '../emulator/AccessLog.js';
import { MAX_HISTORY } from '../emulator/console/RequestHistory.js';
import { OssEmulator } from '../emulator/OssEmulator.js';
import { VERSION } from '../version.js';
import type { CliIo } from './CliIo.js';
import { formatError } from './formatError.js';
import { listenForStop } from './listenForStop.js';
import type { OptionSpec } from './parseOptions.js';
import { optionHelp, parseOptions } from './parseOptions.js';
import { writeOut } from './StatementOutput.js';
import { ServeRecord } from './ServeRecord.js';
import { UsageError } from './UsageError.js';

export const SERVE_OPTIONS: readonly OptionSpec[] = [
  { name: 'port', value: 'PORT', description: 'port on 127.0.0.1 (default 0: a free port, printed)' },
  { name: 'root', value: 'DIR', description: 'folder of buckets: each top-level folder is a bucket, its files are objects (default ./ossduck-oss)' },
  { name: 'db', value: 'PATH', description: "serve this warehouse's local OSS (its oss/ folder, its own account) where `ossduck --db PATH` finds it, so the URLs it signs keep working" },
  { name: 'latency', value: 'MS', description: 'wait MS milliseconds before answering each request, as a network round trip would (default 0; at most 60000)' },
  { name: 'console-port', value: 'PORT', description: 'serve the web console on this port of its own (0: a free one) instead of /-/console/ on --port' },
  { name: 'no-console', description: 'no web console' },
  { name: 'console-history', value: 'N', description: `requests the console keeps in memory (default 1000, at most ${MAX_HISTORY})` },
  { name: 'access-log', value: 'PATH', description: 'append every request served to this file, one JSON line each (no signatures, tokens or secrets)' },
  { name: 'verbose', short: 'v', description: 'log each request (method, path, status) on stderr' },
  { name: 'help', short: 'h', description: 'show this help' },
];

/** The longest --latency taken: a minute. */
const MAX_LATENCY_MS = 60_000;

export function serveHelp(): string {
  return [
    'ossduck serve: a local OSS and STS on 127.0.0.1 that checks every signature',
    '',
    'Usage: OSS_ACCESS_KEY_ID=... OSS_ACCESS_KEY_SECRET=... ossduck serve [--port PORT] [--root DIR] [--latency MS] [-v]',
    '       ossduck serve --db PATH [--port PORT] [--latency MS] [-v]',
    '',
    'Options:',
    ...optionHelp(SERVE_OPTIONS),
    '',
    'The account it accepts is OSS_ACCESS_KEY_ID / OSS_ACCESS_KEY_SECRET; with --db, the',
    "warehouse's own (PATH/local-oss-account.json, mode 0600, made on first use), and",
    '`ossduck --db PATH` (with no OSS endpoint or credentials set) sends its requests and URLs here.',
    'It prints "oss: <url>", "sts: <url>" and "console: <url>" on stdout, and stops on SIGTERM,',
    'SIGINT (Ctrl-C) or SIGHUP, or when the process that started it ends.',
    '',
  ].join('\n');
}

/** What an `ossduck serve` command line asks for. */
export interface ServeConfig {
  readonly port: number;
  readonly root: string;
  readonly rootText: string;
  readonly latencyMs: number;
  /** The warehouse served (`--db`): its `oss/` folder is `root`. */
  readonly warehouse?: { readonly path: string; readonly text: string } | undefined;
  readonly verbose: boolean;
  /** undefined: no console; else its own port, or undefined port for /-/console/ on --port. */
  readonly console: { readonly port: number | undefined; readonly history: number } | undefined;
  readonly accessLog: string | undefined;
}

/** A whole number from 0 to `max` given to `--option`, or a usage error naming it. */
function wholeNumber(text: string, option: string, max: number, what: string): number {
  if (!/^\d+$/.test(text) || Number(text) > max) throw new UsageError(`ossduck serve: --${option} '${text}' is not ${what} 0 to ${max}`);
  return Number(text);
}

function portOption(name: string, text: string | undefined): number | undefined {
  return text === undefined ? undefined : wholeNumber(text, name, 65535, 'a port: use');
}

/** Reads the command line (pure but for resolving --root against the working directory). */
export function readServeOptions(argv: readonly string[]): ServeConfig | 'help' {
  const parsed = parseOptions(SERVE_OPTIONS, argv, 'ossduck serve');
  if (parsed.flags.has('help')) return 'help';
  const port = portOption('port', parsed.values.get('port')?.[0]) ?? 0;
  const latencyText = parsed.values.get('latency')?.[0];
  const latencyMs = latencyText === undefined ? 0 : wholeNumber(latencyText, 'latency', MAX_LATENCY_MS, 'a delay: use a whole number of milliseconds from');
  const consolePort = portOption('console-port', parsed.values.get('console-port')?.[0]);
  const historyText = parsed.values.get('console-history')?.[0];
  const noConsole = parsed.flags.has('no-console');
  if (noConsole && (consolePort !== undefined || historyText !== undefined)) {
    throw new UsageError(`ossduck serve: --no-console cannot go with --${consolePort !== undefined ? 'console-port' : 'console-history'}`);
  }
  if (consolePort !== undefined && consolePort !== 0 && consolePort === port) {
    throw new UsageError(`ossduck serve: --console-port ${consolePort} is --port too: give the console another port, or leave --console-port out to serve it at /-/console/ on --port`);
  }
  const history = historyText === undefined ? 1000 : Number(historyText);
  if (historyText !== undefined && (!/^\d+$/.test(historyText) || history < 1 || history > MAX_HISTORY)) {
    throw new UsageError(`ossduck serve: --console-history '${historyText}' is not a number of requests: use 1 to ${MAX_HISTORY}`);
  }
  const accessLog = parsed.values.get('access-log')?.[0];
  if (accessLog === '') throw new UsageError('ossduck serve: --access-log needs a file path');
  const db = parsed.values.get('db')?.[0];
  if (db === '') throw new UsageError('ossduck serve: --db needs a warehouse directory');
  if (db !== undefined && parsed.values.has('root')) throw new UsageError("ossduck serve: --db serves the warehouse's own oss/ folder: leave out --root");
  const rootText = db === undefined ? (parsed.values.get('root')?.[0] ?? 'ossduck-oss') : join(db, 'oss');
  return {
    port,
    root: resolve(rootText),
    rootText,
    latencyMs,
    warehouse: db === undefined ? undefined : { path: resolve(db), text: db },
    verbose: parsed.flags.has('verbose'),
    console: noConsole ? undefined : { port: consolePort, history },
    accessLog: accessLog === undefined ? undefined : resolve(accessLog),
  };
}

function listenProblem(error: unknown, config: ServeConfig): unknown {
  const code = (error as NodeJS.ErrnoException)?.code;
  const failed = (error as { port?: number })?.port;
  const which = config.console?.port !== undefined && failed === config.console.port && failed !== config.port ? 'console-port' : 'port';
  const port = which === 'port' ? config.port : config.console?.port;
  if (code === 'EADDRINUSE') return new UsageError(`ossduck serve: port ${port} on 127.0.0.1 is in use by another process; choose another --${which}, or 0 for a free one`);
  if (code === 'EACCES' || code === 'EPERM') {
    return new UsageError(`ossduck serve: port ${port} on 127.0.0.1 may not be used by this user (ports under 1024 need privileges); choose another --${which}, or 0 for a free one`);
  }
  return error;
}

/** What serving needs besides the command line: the account, the access log. */
interface Prepared {
  readonly account: Credentials;
  readonly accessLog: AccessLog | undefined;
}

/** Makes the folders, finds the account and opens the access log; a problem is a UsageError (or an OssError). */
function prepare(config: ServeConfig, io: CliIo): Prepared {
  const warehouse = config.warehouse;
  let account: Credentials | undefined;
  if (warehouse === undefined) {
    account = credentialsFromOssVariables(io.env);
    if (!account) throw new UsageError('ossduck serve: set OSS_ACCESS_KEY_ID and OSS_ACCESS_KEY_SECRET, the account the local OSS accepts (or serve a warehouse: --db PATH)');
  }
  try {
    if (warehouse !== undefined) makeDirectories(warehouse.path);
    makeDirectories(config.root);
  } catch (error) {
    if (!(error instanceof DirectoryProblem)) throw error;
    if (warehouse !== undefined && error.isFile && error.path === warehouse.path) {
      throw new UsageError(`ossduck serve: --db ${warehouse.text} is a file; a warehouse is a directory (it is created if missing)`);
    }
    if (warehouse !== undefined) throw new UsageError(`ossduck serve: --db ${warehouse.text} cannot be used as a warehouse: ${error.why}`);
    throw new UsageError(`ossduck serve: --root ${config.rootText} cannot be used as the folder of buckets: ${error.why}`);
  }
  if (warehouse !== undefined) {
    const kept = loadLocalAccount(warehouse.path);
    if ('unavailable' in kept) throw new UsageError(`ossduck serve: --db ${warehouse.text}: ${kept.unavailable}`);
    account = kept.account;
  }
  let accessLog: AccessLog | undefined;
  if (config.accessLog !== undefined) {
    try {
      accessLog = new AccessLog(config.accessLog, (message) => io.stderr.write(`ossduck serve: ${message}\n`));
    } catch (error) {
      throw new UsageError(`ossduck serve: --access-log ${config.accessLog} cannot be opened for appending: ${(error as Error).message}`);
    }
  }
  return { account: account!, accessLog };
}

/** Waits for a request to stop: SIGTERM, SIGINT, SIGHUP, the parent process going away, or `stop` (tests). */
function stopRequested(stop: Promise<void> | undefined): Promise<void> {
  return new Promise<void>((done) => {
    const unlisten = listenForStop(['SIGINT', 'SIGTERM', 'SIGHUP'], () => finish());
    function finish(): void {
      unlisten();
      done();
    }
    void stop?.then(finish);
  });
}

/**
 * `ossduck serve`: runs the emulator until it is asked to stop (see
 * {@link stopRequested}). With `--db`, it serves the warehouse's `oss/`
 * folder with the warehouse's account and records where it listens in the
 * warehouse while it runs (see ServeRecord).
 */
export async function serveCommand(argv: readonly string[], io: CliIo, stop?: Promise<void>): Promise<number> {
  let config: ServeConfig;
  let prepared: Prepared;
  try {
    const read = readServeOptions(argv);
    if (read === 'help') {
      await writeOut(io.stdout, serveHelp());
      return 0;
    }
    config = read;
    prepared = prepare(config, io);
  } catch (error) {
    await writeOut(io.stderr, `${formatError(error, io.env)}\n`);
    return 2;
  }
  const { account, accessLog } = prepared;
  const running = config.warehouse ? await findLocalOssServer(config.warehouse.path, account) : undefined;
  if (running) {
    accessLog?.close();
    await writeOut(io.stderr, `ossduck serve: warehouse ${config.warehouse!.text} is served already, at ${running.ossUrl} (pid ${running.pid}); stop that one first\n`);
    return 1;
  }
  let emulator: OssEmulator;
  try {
    emulator = await OssEmulator.start({
      root: config.root,
      port: config.port,
      accessKeyId: account.accessKeyId,
      accessKeySecret: account.revealSecret(),
      latencyMs: config.latencyMs,
      ...(config.verbose ? { log: (line: string) => io.stderr.write(`${line}\n`) } : {}),
      observers: accessLog ? [accessLog] : [],
      ...(config.console ? { console: { ...config.console, version: VERSION } } : {}),
    });
  } catch (error) {
    accessLog?.close();
    await writeOut(io.stderr, `${formatError(listenProblem(error, config), io.env)}\n`);
    return 1;
  }
  const stopped = stopRequested(stop);
  let record: ServeRecord | undefined;
  try {
    record = config.warehouse ? new ServeRecord(config.warehouse.path, emulator, account) : undefined;
  } catch (error) {
    await emulator.close();
    accessLog?.close();
    await writeOut(io.stderr, `ossduck serve: cannot record where it listens in warehouse ${config.warehouse!.text}: ${(error as Error).message}\n`);
    return 1;
  }
  await writeOut(io.stdout, `oss: ${emulator.ossUrl}\nsts: ${emulator.stsUrl}\n${emulator.consoleUrl ? `console: ${emulator.consoleUrl}\n` : ''}`);
  await writeOut(io.stderr, `${startedLine(config, account, accessLog, io.env)}\n`);
  await stopped;
  record?.remove();
  await emulator.close();
  accessLog?.close();
  return 0;
}

/** What the server says on stderr once it listens. */
function startedLine(config: ServeConfig, account: Credentials, accessLog: AccessLog | undefined, env: NodeJS.ProcessEnv): string {
  const where = config.warehouse
    ? `warehouse ${config.warehouse.text}: buckets in ${config.root}, account ${account.accessKeyId} (secret in ${join(config.warehouse.text, LOCAL_ACCOUNT_FILE)}); ossduck --db ${config.warehouse.text} uses this server`
    : `buckets in ${config.root}`;
  const note =
    config.warehouse && environmentHasCredentials(env)
      ? '; note: OSS credentials are set in this environment, and a run with them uses real OSS, not this server'
      : '';
  const lag = config.latencyMs > 0 ? `; every answer delayed ${config.latencyMs} ms` : '';
  return `ossduck serve: ${where}${lag}${accessLog ? `; access log ${accessLog.path}` : ''}${note}; stop with Ctrl-C or SIGTERM`;
}
