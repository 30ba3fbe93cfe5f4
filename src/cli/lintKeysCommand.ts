import { createReadStream, statSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { once } from 'node:events';
import { openOssduck } from '../Ossduck.js';
import type { Ossduck } from '../Ossduck.js';
import { lintKey, lintKeyBytes, quoteKey } from '../oss/lint/lintKey.js';
import type { KeyFinding } from '../oss/lint/lintKey.js';
import type { Severity } from '../oss/lint/keyFindings.js';
import { OssduckError } from '../OssduckError.js';
import { byteLines } from './byteLines.js';
import { formatError } from './formatError.js';
import type { CliIo } from './CliIo.js';
import { optionHelp, parseOptions } from './parseOptions.js';
import type { OptionSpec } from './parseOptions.js';
import { writeOut } from './StatementOutput.js';
import { UsageError } from './UsageError.js';

const COMMAND = 'ossduck lint-keys';
const SEVERITIES: readonly Severity[] = ['error', 'warn', 'info'];
/** A table name as the command takes it: one to three parts of letters, digits and underscores. */
const TABLE_NAME = /^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+){0,2}$/;

export const LINT_KEYS_OPTIONS: readonly OptionSpec[] = [
  { name: 'db', value: 'PATH', description: 'the warehouse that holds the table (as ossduck --db)' },
  { name: 'file', short: 'f', value: 'PATH', description: "lint the keys in this file instead, one per line ('-': standard input)" },
  { name: 'format', value: 'FORMAT', choices: ['text', 'jsonl'], description: 'text (default) or jsonl (one JSON object per finding)' },
  { name: 'severity', value: 'LEVEL', choices: [...SEVERITIES], description: 'show findings of this severity and worse: error, warn or info (default: all)' },
  { name: 'help', short: 'h', description: 'show this help' },
];

export function lintKeysHelp(): string {
  return [
    `${COMMAND}: find object keys that OSS refuses, or whose URLs break in browsers and common clients`,
    '',
    `Usage: ${COMMAND} --db WAREHOUSE project.schema.table    (the table's keys, after REFRESH METADATA)`,
    `       ${COMMAND} --file PATH                           (a file of keys, one per line; - for stdin)`,
    '',
    'Options:',
    ...optionHelp(LINT_KEYS_OPTIONS),
    '',
    'Findings are error (OSS or the SDKs refuse the key), warn (a URL for it breaks in common',
    'clients, or it is easily mistaken for another key) and info (its URL differs from the key',
    'as typed). A file is read as bytes: a line that is not UTF-8 is reported with its number.',
    '',
    'Exit codes: 0 no error found; 1 an error found; 2 the command line, the file or the table',
    'cannot be read.',
    '',
  ].join('\n');
}

/** What the command line asks for. */
interface Plan {
  readonly help: boolean;
  readonly format: 'text' | 'jsonl';
  readonly shown: ReadonlySet<Severity>;
  readonly source: { kind: 'file'; path: string } | { kind: 'table'; warehouse: string; table: string };
}

/** Reads the command line. Pure: throws UsageError naming what is wrong. */
export function readLintKeysArgs(argv: readonly string[]): Plan {
  const parsed = parseOptions(LINT_KEYS_OPTIONS, argv, COMMAND, 1);
  const format = (parsed.values.get('format')?.[0] ?? 'text') as Plan['format'];
  const level = (parsed.values.get('severity')?.[0] ?? 'info') as Severity;
  const shown = new Set(SEVERITIES.slice(0, SEVERITIES.indexOf(level) + 1));
  const help = parsed.flags.has('help');
  const file = parsed.values.get('file')?.[0];
  const db = parsed.values.get('db')?.[0];
  const table = parsed.positionals[0];
  if (help) return { help, format, shown, source: { kind: 'file', path: '-' } };
  if (file !== undefined) {
    if (table !== undefined) throw new UsageError(`${COMMAND}: give either a table or --file, not both`);
    if (db !== undefined) throw new UsageError(`${COMMAND}: --db goes with a table name; --file reads keys from a file`);
    if (file === '') throw new UsageError(`${COMMAND}: --file needs a path, or - for standard input`);
    return { help, format, shown, source: { kind: 'file', path: file } };
  }
  if (table === undefined) throw new UsageError(`${COMMAND}: give a table (--db WAREHOUSE project.schema.table) or --file PATH`);
  if (!TABLE_NAME.test(table)) throw new UsageError(`${COMMAND}: '${table}' is not a table name: use project.schema.table (letters, digits and underscores)`);
  if (db === undefined) throw new UsageError(`${COMMAND}: give the warehouse that holds ${table} with --db PATH`);
  return { help, format, shown, source: { kind: 'table', warehouse: db, table } };
}

/** One key as read: from a line of a file (with its number and bytes) or a table row. */
interface KeySource {
  readonly source: string;
  readonly line?: number;
  readonly text: string;
  /** A table row's object name (the location's prefix and the key), which is what is linted. */
  readonly object?: string;
  /** The key's bytes in hex, when they are not UTF-8 (`text` then has U+FFFD for each bad sequence). */
  readonly hex?: string;
}

/** Counts and prints the findings of every key, in text or JSON lines. */
class LintReport {
  readonly #plan: Plan;
  readonly #out: CliIo['stdout'];
  readonly counts = { keys: 0, clean: 0, error: 0, warn: 0, info: 0 };

  constructor(plan: Plan, out: CliIo['stdout']) {
    this.#plan = plan;
    this.#out = out;
  }

  async add(key: KeySource, findings: readonly KeyFinding[]): Promise<void> {
    this.counts.keys++;
    if (findings.length === 0) this.counts.clean++;
    let text = '';
    for (const f of findings) {
      this.counts[f.severity]++;
      if (this.#plan.shown.has(f.severity)) text += `${this.#line(key, f)}\n`;
    }
    await writeOut(this.#out, text);
  }

  #line(key: KeySource, f: KeyFinding): string {
    if (this.#plan.format === 'jsonl') {
      const line = key.line === undefined ? {} : { line: key.line };
      const hex = key.hex === undefined ? {} : { key_hex: key.hex };
      const object = key.object === undefined ? {} : { object: key.object };
      return JSON.stringify({ source: key.source, ...line, key: key.text, ...object, ...hex, severity: f.severity, code: f.code, message: f.message });
    }
    const where = key.line === undefined ? key.source : `${key.source}:${key.line}`;
    return `${where}: ${f.severity} ${f.code} ${quoteKey(key.object ?? key.text)}: ${f.message}`;
  }

  async finish(source: string): Promise<void> {
    if (this.#plan.format !== 'text') return;
    const c = this.counts;
    const n = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;
    await writeOut(this.#out, `${source}: ${n(c.keys, 'key')}, ${n(c.error, 'error')}, ${n(c.warn, 'warning')}, ${n(c.info, 'info')}; ${c.clean} clean\n`);
  }
}

async function lintFile(path: string, stdin: Readable, report: LintReport): Promise<string> {
  const source = path === '-' ? '<stdin>' : path;
  const stream = path === '-' ? stdin : createReadStream(path);
  if (path !== '-') await opened(stream, path);
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  try {
    for await (const line of byteLines(stream)) {
      const findings = lintKeyBytes(line.bytes);
      const hex = findings.some((f) => f.code === 'invalid-utf8') ? Buffer.from(line.bytes).toString('hex') : undefined;
      await report.add({ source, line: line.number, text: decoder.decode(line.bytes), ...(hex === undefined ? {} : { hex }) }, findings);
    }
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    // A read that fails (a directory, a device error); a closed standard output is the caller's.
    if (e?.code !== 'EPIPE' && e?.syscall === 'read') throw new UsageError(`${COMMAND}: cannot read '${path}': ${e.code === 'EISDIR' ? 'it is a directory' : e.message}`);
    throw error;
  }
  return source;
}

/** Waits until a file stream is open, turning a missing or unreadable file into a UsageError. */
async function opened(stream: Readable, path: string): Promise<void> {
  try {
    await once(stream, 'ready');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
    throw new UsageError(`${COMMAND}: cannot read '${path}': ${why}`);
  }
}

async function lintTable(warehouse: string, table: string, report: LintReport): Promise<string> {
  // Opening a warehouse creates it when missing: a mistyped path would lint an empty new one.
  if (!statSync(warehouse, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`${COMMAND}: no warehouse at '${warehouse}': give the --db PATH the table was made in`);
  let ossduck: Ossduck | undefined;
  try {
    ossduck = await openOssduck({ warehouse });
    // A key is relative to the table's location: the object OSS holds, and signs URLs for, is prefix + key.
    const [described] = await ossduck.run(`DESC EXTENDED ${table}`);
    const prefix = described?.rows.find((r) => r['name'] === 'Prefix')?.['value'];
    const objectOf = (key: string): string => (typeof prefix === 'string' ? prefix + key : key);
    for await (const row of ossduck.rows(`SELECT key FROM ${table} ORDER BY key`)) {
      const key = row['key'];
      if (typeof key === 'string') await report.add({ source: table, text: key, object: objectOf(key) }, lintKey(objectOf(key)));
    }
  } catch (error) {
    if (error instanceof OssduckError && !(error instanceof UsageError)) throw new UsageError(`${COMMAND}: ${table}: ${error.detail}`);
    throw error;
  } finally {
    await ossduck?.close();
  }
  return table;
}

/**
 * `ossduck lint-keys`: lints a table's objects (each key with the location's
 * prefix, read through the library as any client would) or a file of keys. Exit 0 when no key has an error, 1 when one
 * has, 2 when the command line, the file or the table cannot be read.
 */
export async function lintKeysCommand(argv: readonly string[], io: CliIo): Promise<number> {
  let plan: Plan;
  try {
    plan = readLintKeysArgs(argv);
  } catch (error) {
    await writeOut(io.stderr, `${formatError(error, io.env)}\n`);
    return 2;
  }
  if (plan.help) {
    await writeOut(io.stdout, lintKeysHelp());
    return 0;
  }
  const report = new LintReport(plan, io.stdout);
  try {
    const { source } = plan;
    const name = source.kind === 'file' ? await lintFile(source.path, io.stdin, report) : await lintTable(source.warehouse, source.table, report);
    await report.finish(name);
  } catch (error) {
    // The reader of standard output went away (`... | head`): stop quietly, as the SQL runner does.
    if ((error as NodeJS.ErrnoException)?.code === 'EPIPE') return 141;
    await writeOut(io.stderr, `${formatError(error, io.env)}\n`);
    return error instanceof UsageError ? 2 : 1;
  }
  return report.counts.error > 0 ? 1 : 0;
}
