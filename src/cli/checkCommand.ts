import { readFileSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { checkScript } from '../sql/portability/checkPortability.js';
import type { StatementFindings } from '../sql/portability/checkPortability.js';
import type { PortabilityFinding } from '../sql/portability/PortabilityFinding.js';
import { formatError } from './formatError.js';
import type { CliIo } from './CliIo.js';
import { optionHelp, parseOptions } from './parseOptions.js';
import type { OptionSpec } from './parseOptions.js';
import { writeOut } from './StatementOutput.js';
import { UsageError } from './UsageError.js';

const COMMAND = 'ossduck check';

export const CHECK_OPTIONS: readonly OptionSpec[] = [
  { name: 'target', value: 'ENGINE', choices: ['maxcompute'], description: 'the engine the script must run on: maxcompute (the default and only one)' },
  { name: 'format', value: 'FORMAT', choices: ['text', 'jsonl'], description: 'text (default) or jsonl (one JSON object per finding)' },
  { name: 'help', short: 'h', description: 'show this help' },
];

export function checkHelp(): string {
  return [
    `${COMMAND}: find what MaxCompute would not accept in a script that runs on ossduck`,
    '',
    `Usage: ${COMMAND} [--target maxcompute] [--format text|jsonl] script.sql ...   (- reads standard input)`,
    '',
    'Options:',
    ...optionHelp(CHECK_OPTIONS),
    '',
    "Reports each statement, function, setting, type and piece of syntax that is DuckDB's or",
    "ossduck's own, with its line and column and what MaxCompute uses instead.",
    '',
    'Exit codes: 0 MaxCompute would take every statement; 1 something was found; 2 the command',
    'line or a script file cannot be read.',
    '',
  ].join('\n');
}

async function readAll(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8').replace(/^\ufeff/, '');
}

/** A script file's text; a leading byte-order mark (editors on Windows write one) is not SQL. */
function readScript(path: string): string {
  try {
    return readFileSync(path, 'utf8').replace(/^\ufeff/, '');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
    throw new UsageError(`${COMMAND}: cannot read '${path}': ${why}`);
  }
}

function line(file: string, f: PortabilityFinding, format: string): string {
  if (format === 'jsonl') {
    return JSON.stringify({ file, line: f.line, column: f.column, kind: f.kind, code: f.code, construct: f.construct, message: f.message, instead: f.instead });
  }
  return `${file}:${f.line}:${f.column}: ${f.kind} ${f.code}: ${f.message}; instead: ${f.instead}`;
}

function summary(file: string, results: readonly StatementFindings[]): string {
  const found = results.reduce((n, r) => n + r.findings.length, 0);
  const statements = results.filter((r) => r.findings.length > 0).length;
  const total = `${results.length} statement${results.length === 1 ? '' : 's'}`;
  return found === 0
    ? `${file}: ${total}, nothing MaxCompute would refuse\n`
    : `${file}: ${found} finding${found === 1 ? '' : 's'} in ${statements} of ${total}\n`;
}

/**
 * `ossduck check [--target maxcompute] script.sql ...`: the portability check
 * of each script. Exit 0 when MaxCompute would accept every statement, 1
 * when something was found, 2 for a command line or file that cannot be read.
 */
export async function checkCommand(argv: readonly string[], io: CliIo): Promise<number> {
  let scripts: { file: string; text: string }[];
  let format: string;
  try {
    const parsed = parseOptions(CHECK_OPTIONS, argv, COMMAND, Number.POSITIVE_INFINITY);
    if (parsed.flags.has('help')) {
      await writeOut(io.stdout, checkHelp());
      return 0;
    }
    format = parsed.values.get('format')?.[0] ?? 'text';
    if (parsed.positionals.length === 0) throw new UsageError(`${COMMAND}: give the script to check: ${COMMAND} script.sql (- for standard input)`);
    scripts = [];
    for (const path of parsed.positionals) scripts.push({ file: path === '-' ? '<stdin>' : path, text: path === '-' ? await readAll(io.stdin) : readScript(path) });
  } catch (error) {
    await writeOut(io.stderr, `${formatError(error, io.env)}\n`);
    return 2;
  }
  let found = 0;
  try {
    for (const { file, text } of scripts) {
      const results = checkScript(text);
      const findings = results.flatMap((r) => r.findings);
      found += findings.length;
      await writeOut(io.stdout, findings.map((f) => `${line(file, f, format)}\n`).join(''));
      if (format === 'text') await writeOut(io.stdout, summary(file, results));
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException)?.code === 'EPIPE') return 141;
    throw error;
  }
  return found > 0 ? 1 : 0;
}
