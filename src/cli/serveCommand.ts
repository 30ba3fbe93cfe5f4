import { resolve } from 'node:path';
import { DirectoryProblem, makeDirectories } from '../makeDirectories.js';
import { credentialsFromOssVariables } from '../oss/CredentialSource.js';
import { OssEmulator } from '../emulator/OssEmulator.js';
import type { CliIo } from './CliIo.js';
import { formatError } from './formatError.js';
import type { OptionSpec } from './parseOptions.js';
import { optionHelp, parseOptions } from './parseOptions.js';
import { writeOut } from './StatementOutput.js';
import { UsageError } from './UsageError.js';

export const SERVE_OPTIONS: readonly OptionSpec[] = [
  { name: 'port', value: 'PORT', description: 'port on 127.0.0.1 (default 0: a free port, printed)' },
  { name: 'root', value: 'DIR', description: 'folder of buckets: each top-level folder is a bucket, its files are objects (default ./ossduck-oss)' },
  { name: 'latency', value: 'MS', description: 'wait MS milliseconds before answering each request, as a network round trip would (default 0; at most 60000)' },
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
    '',
    'Options:',
    ...optionHelp(SERVE_OPTIONS),
    '',
    'The account it accepts is OSS_ACCESS_KEY_ID / OSS_ACCESS_KEY_SECRET. It prints',
    '"oss: <url>" and "sts: <url>" on stdout and stops on SIGTERM or Ctrl-C.',
    '',
  ].join('\n');
}

/** What `ossduck serve` was asked for. */
interface ServeSettings {
  readonly port: number;
  readonly root: string;
  readonly latencyMs: number;
  readonly verbose: boolean;
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
}

/** A whole number from 0 to `max` given to `--option`, or a usage error naming it. */
function wholeNumber(text: string, option: string, max: number, what: string): number {
  if (!/^\d+$/.test(text) || Number(text) > max) throw new UsageError(`ossduck serve: --${option} '${text}' is not ${what} 0 to ${max}`);
  return Number(text);
}

/** The command line and environment read, or 'help'; a UsageError names what is wrong. */
function readServeSettings(argv: readonly string[], env: NodeJS.ProcessEnv): ServeSettings | 'help' {
  const parsed = parseOptions(SERVE_OPTIONS, argv, 'ossduck serve');
  if (parsed.flags.has('help')) return 'help';
  const portText = parsed.values.get('port')?.[0];
  const latencyText = parsed.values.get('latency')?.[0];
  const port = portText === undefined ? 0 : wholeNumber(portText, 'port', 65535, 'a port: use');
  const latencyMs = latencyText === undefined ? 0 : wholeNumber(latencyText, 'latency', MAX_LATENCY_MS, 'a delay: use a whole number of milliseconds from');
  const rootText = parsed.values.get('root')?.[0] ?? 'ossduck-oss';
  const root = resolve(rootText);
  const account = credentialsFromOssVariables(env);
  if (!account) throw new UsageError('ossduck serve: set OSS_ACCESS_KEY_ID and OSS_ACCESS_KEY_SECRET, the account the local OSS accepts');
  try {
    makeDirectories(root);
  } catch (error) {
    if (!(error instanceof DirectoryProblem)) throw error;
    throw new UsageError(`ossduck serve: --root ${rootText} cannot be used as the folder of buckets: ${error.why}`);
  }
  return { port, root, latencyMs, verbose: parsed.flags.has('verbose'), accessKeyId: account.accessKeyId, accessKeySecret: account.revealSecret() };
}

/**
 * `ossduck serve`: runs the emulator until SIGTERM or SIGINT. `stop` (tests)
 * resolves when it should stop instead of waiting for a signal.
 */
export async function serveCommand(argv: readonly string[], io: CliIo, stop?: Promise<void>): Promise<number> {
  let settings: ServeSettings | 'help';
  try {
    settings = readServeSettings(argv, io.env);
  } catch (error) {
    await writeOut(io.stderr, `${formatError(error, io.env)}\n`);
    return 2;
  }
  if (settings === 'help') {
    await writeOut(io.stdout, serveHelp());
    return 0;
  }
  const { port, root, latencyMs, verbose, accessKeyId, accessKeySecret } = settings;
  let emulator: OssEmulator;
  try {
    emulator = await OssEmulator.start({
      root,
      port,
      accessKeyId,
      accessKeySecret,
      latencyMs,
      ...(verbose ? { log: (line: string) => io.stderr.write(`${line}\n`) } : {}),
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException)?.code;
    const reason =
      code === 'EADDRINUSE'
        ? new UsageError(`ossduck serve: port ${port} on 127.0.0.1 is in use by another process; choose another --port, or 0 for a free one`)
        : code === 'EACCES' || code === 'EPERM'
          ? new UsageError(`ossduck serve: port ${port} on 127.0.0.1 may not be used by this user (ports under 1024 need privileges); choose another --port, or 0 for a free one`)
          : error;
    await writeOut(io.stderr, `${formatError(reason, io.env)}\n`);
    return 1;
  }
  await writeOut(io.stdout, `oss: ${emulator.ossUrl}\nsts: ${emulator.stsUrl}\n`);
  const lag = latencyMs > 0 ? `; every answer delayed ${latencyMs} ms` : '';
  await writeOut(io.stderr, `ossduck serve: buckets in ${root}${lag}; stop with Ctrl-C or SIGTERM\n`);
  await new Promise<void>((done) => {
    const finish = (): void => {
      process.off('SIGINT', finish);
      process.off('SIGTERM', finish);
      done();
    };
    process.on('SIGINT', finish);
    process.on('SIGTERM', finish);
    void stop?.then(finish);
  });
  await emulator.close();
  return 0;
}
