import { FORMATS } from './OutputFormat.js';
import type { OutputFormat } from './OutputFormat.js';
import { optionHelp, parseOptions } from './parseOptions.js';
import type { OptionSpec } from './parseOptions.js';
import { UsageError } from './UsageError.js';

/** The options of `ossduck` itself; `--help` and docs/cli.md are made from this table. */
export const OPTIONS = [
  { name: 'command', short: 'c', value: 'SQL', repeatable: true, description: 'run these statements, then exit' },
  { name: 'file', short: 'f', value: 'PATH', repeatable: true, description: 'run the script in this file, then exit' },
  { name: 'format', value: 'FORMAT', choices: FORMATS, description: 'output format: box (default), jsonl, json, csv, markdown or line' },
  { name: 'db', value: 'PATH', description: 'keep projects, schemas and object tables in this warehouse directory (created if missing)' },
  { name: 'oss-endpoint', value: 'URL', description: 'send every OSS request and URL to this origin, e.g. http://127.0.0.1:9000 (OSSDUCK_OSS_ENDPOINT)' },
  { name: 'sts-endpoint', value: 'URL', description: 'send STS AssumeRole requests to this origin (OSSDUCK_STS_ENDPOINT)' },
  { name: 'set', value: 'KEY=VALUE', repeatable: true, description: 'a session setting before the script, like SET KEY=VALUE' },
  { name: 'audit-log', value: 'PATH', description: 'append every URL the script signs to this file, one JSON line each, without signature or token (ossduck audit reads it)' },
  { name: 'project', value: 'NAME', description: 'the project in use at start (default: default_project)' },
  { name: 'sandbox', description: 'run SQL you did not write: no files but the warehouse and --allow-dir, no network but Alibaba Cloud endpoints, the routes and --allow-endpoint, configuration locked' },
  { name: 'allow-dir', value: 'DIR', repeatable: true, description: 'with --sandbox: a folder DuckDB may read and write' },
  { name: 'allow-endpoint', value: 'HOST[:PORT]', repeatable: true, description: "an endpoint ossduck's own OSS and STS requests may reach (also *.DOMAIN); with --sandbox, besides *.aliyuncs.com" },
  { name: 'help', short: 'h', description: 'show this help' },
  { name: 'version', short: 'V', description: 'show the version' },
] as const satisfies readonly OptionSpec[];

/** One script source, in the order given: `-c` text or `-f` file. */
export type ScriptSource = { readonly kind: 'command'; readonly sql: string } | { readonly kind: 'file'; readonly path: string };

export interface CliArguments {
  readonly help: boolean;
  readonly version: boolean;
  readonly sources: readonly ScriptSource[];
  readonly format: OutputFormat | undefined;
  readonly settings: readonly (readonly [string, string])[];
  readonly project: string | undefined;
  readonly auditLog: string | undefined;
  readonly db: string | undefined;
  readonly ossEndpoint: string | undefined;
  readonly stsEndpoint: string | undefined;
  readonly sandbox: boolean;
  readonly allowDirectories: readonly string[];
  readonly allowEndpoints: readonly string[];
}

/** `KEY=VALUE` of `--set`. */
function setting(value: string): [string, string] {
  const eq = value.indexOf('=');
  if (eq <= 0) throw new UsageError(`--set '${value}' must be KEY=VALUE, e.g. --set odps.sql.timezone=UTC`);
  return [value.slice(0, eq).trim(), value.slice(eq + 1).trim()];
}

/** Reads ossduck's arguments (without `node` and the script path). Pure: no I/O. */
export function parseArgs(argv: readonly string[]): CliArguments {
  const parsed = parseOptions(OPTIONS, argv, 'ossduck', {
    unexpected: (arg) => `unexpected argument '${arg}': give SQL with -c "<statements>" or a script with -f <file>`,
  });
  const sources = parsed.ordered.flatMap(({ name, value }): ScriptSource[] => {
    if (name === 'command') return [{ kind: 'command', sql: value }];
    if (name === 'file') return [{ kind: 'file', path: value }];
    return [];
  });
  if (parsed.has('allow-dir') && !parsed.has('sandbox')) {
    throw new UsageError('--allow-dir opens folders to SQL in sandbox mode; give it with --sandbox (outside it, DuckDB reads any file)');
  }
  return {
    help: parsed.has('help'),
    version: parsed.has('version'),
    sources,
    format: parsed.last('format') as OutputFormat | undefined,
    settings: parsed.all('set').map(setting),
    project: parsed.last('project'),
    auditLog: parsed.last('audit-log'),
    db: parsed.last('db'),
    ossEndpoint: parsed.last('oss-endpoint'),
    stsEndpoint: parsed.last('sts-endpoint'),
    sandbox: parsed.has('sandbox'),
    allowDirectories: parsed.all('allow-dir'),
    allowEndpoints: parsed.all('allow-endpoint'),
  };
}

/** The `--help` text, from the option table. */
export function helpText(): string {
  const lines = [
    'ossduck: MaxCompute object tables and GET_SIGNED_URL_FROM_OSS on an embedded DuckDB',
    '',
    'Usage:',
    '  ossduck -c "<statements>"       run statements',
    '  ossduck -f script.sql           run a script file',
    '  ossduck < script.sql            run statements read from standard input',
    '  ossduck                         an interactive shell (when standard input is a terminal; .help there)',
    '  ossduck serve                   a local OSS and STS that checks signatures (serve --help)',
    "  ossduck quickstart              MaxCompute's example end to end on the embedded local OSS",
    "  ossduck explain-url '<url>'     decode a presigned URL and say why OSS would refuse it (explain-url --help)",
    '  ossduck audit <audit.log>       which signed URLs are still live, from an --audit-log (audit --help)',
    '',
    'Options:',
    ...optionHelp(OPTIONS),
    '',
    'Credentials: OSS_ACCESS_KEY_ID, OSS_ACCESS_KEY_SECRET, OSS_SESSION_TOKEN, or the ALIBABA_CLOUD_* chain.',
  ];
  return `${lines.join('\n')}\n`;
}
