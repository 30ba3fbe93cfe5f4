import { UsageError } from './UsageError.js';

export const FORMATS = ['box', 'jsonl', 'json', 'csv', 'markdown', 'line'] as const;
export type OutputFormat = (typeof FORMATS)[number];

/** One command-line option, declared once: the parser, help and README read this table. */
export interface OptionSpec {
  readonly name: string;
  readonly short?: string;
  readonly value?: string;
  readonly choices?: readonly string[];
  readonly repeatable?: boolean;
  readonly description: string;
}

export const OPTIONS: readonly OptionSpec[] = [
  { name: 'command', short: 'c', value: 'SQL', repeatable: true, description: 'run these statements, then exit' },
  { name: 'file', short: 'f', value: 'PATH', repeatable: true, description: 'run the script in this file, then exit' },
  { name: 'format', value: 'FORMAT', choices: FORMATS, description: 'output format: box (default), jsonl, json, csv, markdown or line' },
  { name: 'db', value: 'PATH', description: 'keep projects, schemas and object tables in this warehouse directory (created if missing)' },
  { name: 'oss-endpoint', value: 'URL', description: 'send every OSS request and URL to this origin, e.g. http://127.0.0.1:9000 (OSSDUCK_OSS_ENDPOINT)' },
  { name: 'sts-endpoint', value: 'URL', description: 'send STS AssumeRole requests to this origin (OSSDUCK_STS_ENDPOINT)' },
  { name: 'set', value: 'KEY=VALUE', repeatable: true, description: 'a session setting before the script, like SET KEY=VALUE' },
  { name: 'project', value: 'NAME', description: 'the project in use at start (default: default_project)' },
  { name: 'help', short: 'h', description: 'show this help' },
  { name: 'version', short: 'V', description: 'show the version' },
];

/** One script source, in the order given: `-c` text or `-f` file. */
export type ScriptSource = { readonly kind: 'command'; readonly sql: string } | { readonly kind: 'file'; readonly path: string };

export interface CliArguments {
  readonly help: boolean;
  readonly version: boolean;
  readonly sources: readonly ScriptSource[];
  readonly format: OutputFormat | undefined;
  readonly settings: readonly (readonly [string, string])[];
  readonly project: string | undefined;
  readonly db: string | undefined;
  readonly ossEndpoint: string | undefined;
  readonly stsEndpoint: string | undefined;
}

function specFor(arg: string): { spec: OptionSpec; inline: string | undefined } | undefined {
  if (arg.startsWith('--')) {
    const eq = arg.indexOf('=');
    const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
    const spec = OPTIONS.find((o) => o.name === name);
    return spec ? { spec, inline: eq < 0 ? undefined : arg.slice(eq + 1) } : undefined;
  }
  if (/^-[A-Za-z]/.test(arg)) {
    const spec = OPTIONS.find((o) => o.short === arg[1]);
    return spec ? { spec, inline: arg.length > 2 ? arg.slice(2) : undefined } : undefined;
  }
  return undefined;
}

/** Reads ossduck's arguments (without `node` and the script path). Pure: no I/O. */
export function parseArgs(argv: readonly string[]): CliArguments {
  const sources: ScriptSource[] = [];
  const settings: [string, string][] = [];
  const seen = new Set<string>();
  let format: OutputFormat | undefined;
  let project: string | undefined;
  let db: string | undefined;
  let ossEndpoint: string | undefined;
  let stsEndpoint: string | undefined;
  let help = false;
  let version = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const found = specFor(arg);
    if (!found) {
      if (arg.startsWith('-')) throw new UsageError(`unknown option '${arg}'; options are ${OPTIONS.map((o) => `--${o.name}`).join(', ')}`);
      throw new UsageError(`unexpected argument '${arg}': give SQL with -c "<statements>" or a script with -f <file>`);
    }
    const { spec, inline } = found;
    if (!spec.repeatable && seen.has(spec.name)) throw new UsageError(`--${spec.name} is given more than once`);
    seen.add(spec.name);
    let value: string | undefined;
    if (spec.value) {
      value = inline ?? argv[++i];
      if (value === undefined) throw new UsageError(`--${spec.name} needs a value (${spec.value})`);
      if (spec.choices && !spec.choices.includes(value)) {
        throw new UsageError(`--${spec.name} '${value}' is not allowed; choose one of ${spec.choices.join(', ')}`);
      }
    } else if (inline !== undefined) {
      throw new UsageError(`--${spec.name} takes no value`);
    }
    switch (spec.name) {
      case 'command':
        sources.push({ kind: 'command', sql: value! });
        break;
      case 'file':
        sources.push({ kind: 'file', path: value! });
        break;
      case 'format':
        format = value as OutputFormat;
        break;
      case 'set': {
        const eq = value!.indexOf('=');
        if (eq <= 0) throw new UsageError(`--set '${value}' must be KEY=VALUE, e.g. --set odps.sql.timezone=UTC`);
        settings.push([value!.slice(0, eq).trim(), value!.slice(eq + 1).trim()]);
        break;
      }
      case 'project':
        project = value;
        break;
      case 'db':
        db = value;
        break;
      case 'oss-endpoint':
        ossEndpoint = value;
        break;
      case 'sts-endpoint':
        stsEndpoint = value;
        break;
      case 'help':
        help = true;
        break;
      case 'version':
        version = true;
        break;
    }
  }
  return { help, version, sources, format, settings, project, db, ossEndpoint, stsEndpoint };
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
    '  ossduck quickstart              MaxCompute\'s example end to end on the embedded local OSS',
    "  ossduck explain-url '<url>'     decode a presigned URL and say why OSS would refuse it (explain-url --help)",
    '',
    'Options:',
  ];
  for (const o of OPTIONS) {
    const flag = `${o.short ? `-${o.short}, ` : '    '}--${o.name}${o.value ? ` ${o.value}` : ''}`;
    lines.push(`  ${flag.padEnd(28)} ${o.description}`);
  }
  lines.push('', 'Credentials: OSS_ACCESS_KEY_ID, OSS_ACCESS_KEY_SECRET, OSS_SESSION_TOKEN, or the ALIBABA_CLOUD_* chain.');
  return `${lines.join('\n')}\n`;
}
