import { FORMATS } from './OutputFormat.js';
import type { OutputFormat } from './OutputFormat.js';
import { ShellError } from './ShellError.js';

/** One dot command, declared once: the parser, `.help` and completion read this table. */
export interface DotCommandSpec {
  readonly name: string;
  readonly usage: string;
  readonly description: string;
}

export const DOT_COMMANDS: readonly DotCommandSpec[] = [
  { name: 'help', usage: '.help', description: 'show this help' },
  { name: 'tables', usage: '.tables', description: 'list the tables of the current schema (SHOW TABLES)' },
  { name: 'schema', usage: '.schema [TABLE]', description: 'show the CREATE statement of TABLE, or of every table of the current schema' },
  { name: 'mode', usage: `.mode ${FORMATS.join('|')}`, description: 'set the output format (.mode alone shows it)' },
  { name: 'maxrows', usage: '.maxrows COUNT', description: 'rows a box shows, first and last halves (40 at start; 0 shows all)' },
  { name: 'timer', usage: '.timer on|off', description: 'print the run time of each statement' },
  { name: 'read', usage: '.read FILE', description: 'run the statements in FILE' },
  { name: 'open', usage: '.open [PATH]', description: 'close the session and open warehouse directory PATH (in memory without PATH)' },
  { name: 'quit', usage: '.quit', description: 'exit (also .exit, or Ctrl-D on an empty line)' },
  { name: 'exit', usage: '.exit', description: 'exit' },
];

export type DotCommand =
  | { readonly kind: 'help' }
  | { readonly kind: 'tables' }
  | { readonly kind: 'schema'; readonly table: string | undefined }
  | { readonly kind: 'mode'; readonly format: OutputFormat | undefined }
  | { readonly kind: 'maxrows'; readonly count: number }
  | { readonly kind: 'timer'; readonly on: boolean }
  | { readonly kind: 'read'; readonly path: string }
  | { readonly kind: 'open'; readonly path: string | undefined }
  | { readonly kind: 'quit' };

/** Splits a dot command's arguments at blanks; '...', "..." and `...` keep blanks in one argument. */
export function dotCommandArguments(text: string): string[] {
  const args: string[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i]!)) i++;
    if (i >= text.length) break;
    let arg = '';
    while (i < text.length && !/\s/.test(text[i]!)) {
      const c = text[i]!;
      if (c === "'" || c === '"' || c === '`') {
        const close = text.indexOf(c, i + 1);
        if (close < 0) throw new ShellError(`unterminated ${c} in arguments: add the closing ${c}`);
        // a `quoted` identifier keeps its backticks: .schema hands it to SQL
        arg += c === '`' ? text.slice(i, close + 1) : text.slice(i + 1, close);
        i = close + 1;
      } else {
        arg += c;
        i++;
      }
    }
    args.push(arg);
  }
  return args;
}

function allNames(): string {
  return DOT_COMMANDS.map((c) => `.${c.name}`).join(', ');
}

function usage(name: string): string {
  return DOT_COMMANDS.find((c) => c.name === name)!.usage;
}

function argumentCount(name: string, args: readonly string[], min: number, max: number): void {
  if (args.length < min || args.length > max) {
    const got = args.length === 0 ? 'no arguments' : `${args.length} argument${args.length === 1 ? '' : 's'} (${args.join(' ')})`;
    throw new ShellError(`.${name} takes ${min === max ? min : `${min} to ${max}`} argument${max === 1 ? '' : 's'}, got ${got}; usage: ${usage(name)}`);
  }
}

/** A table name for `.schema`: `t`, `s.t` or `p.s.t`, parts plain words or `quoted`. */
const TABLE_NAME = /^(?:[A-Za-z_\u0080-\uffff][\w$\u0080-\uffff]*|`(?:[^`]|``)+`)(?:\.(?:[A-Za-z_\u0080-\uffff][\w$\u0080-\uffff]*|`(?:[^`]|``)+`)){0,2}$/;

/**
 * Reads a line that starts with `.` (leading blanks allowed) as a dot
 * command. Throws a ShellError naming the problem and the usage. Pure.
 */
export function parseDotCommand(line: string): DotCommand {
  const text = line.trim();
  const match = /^\.(\S*)(.*)$/s.exec(text);
  if (!match) throw new ShellError(`'${text}' is not a dot command; dot commands are ${allNames()}`);
  const name = match[1]!.toLowerCase();
  const rest = match[2]!;
  const spec = DOT_COMMANDS.find((c) => c.name === name);
  if (!spec) throw new ShellError(`unknown command '.${match[1]}'; dot commands are ${allNames()} (.help explains them)`);
  const args = dotCommandArguments(rest);
  switch (spec.name) {
    case 'help':
      argumentCount(name, args, 0, 0);
      return { kind: 'help' };
    case 'tables':
      argumentCount(name, args, 0, 0);
      return { kind: 'tables' };
    case 'schema': {
      argumentCount(name, args, 0, 1);
      const table = args[0];
      if (table !== undefined && !TABLE_NAME.test(table)) {
        throw new ShellError(`.schema '${table}' is not a table name; give TABLE, SCHEMA.TABLE or PROJECT.SCHEMA.TABLE`);
      }
      return { kind: 'schema', table };
    }
    case 'mode': {
      argumentCount(name, args, 0, 1);
      const format = args[0]?.toLowerCase();
      if (format !== undefined && !(FORMATS as readonly string[]).includes(format)) {
        throw new ShellError(`.mode '${args[0]}' is not an output format; choose one of ${FORMATS.join(', ')}`);
      }
      return { kind: 'mode', format: format as OutputFormat | undefined };
    }
    case 'maxrows': {
      argumentCount(name, args, 1, 1);
      if (!/^\d{1,9}$/.test(args[0]!)) throw new ShellError(`.maxrows '${args[0]}' must be a whole number of rows, 0 for all; usage: ${usage(name)}`);
      return { kind: 'maxrows', count: Number(args[0]) };
    }
    case 'timer': {
      argumentCount(name, args, 1, 1);
      const value = args[0]!.toLowerCase();
      if (value !== 'on' && value !== 'off') throw new ShellError(`.timer '${args[0]}' must be on or off; usage: ${usage(name)}`);
      return { kind: 'timer', on: value === 'on' };
    }
    case 'read':
      argumentCount(name, args, 1, 1);
      return { kind: 'read', path: args[0]! };
    case 'open':
      argumentCount(name, args, 0, 1);
      return { kind: 'open', path: args[0] };
    case 'quit':
    case 'exit':
      argumentCount(name, args, 0, 0);
      return { kind: 'quit' };
    default:
      throw new ShellError(`unknown command '.${name}'; dot commands are ${allNames()}`);
  }
}

/** The `.help` text, from the table. */
export function dotHelpText(): string {
  const width = Math.max(...DOT_COMMANDS.map((c) => c.usage.length));
  const lines = DOT_COMMANDS.map((c) => `${c.usage.padEnd(width)}  ${c.description}`);
  lines.push(
    '',
    'Statements end with ; and may span lines. Ctrl-C cancels a running statement or clears the input;',
    'Ctrl-D on an empty line exits. Tab completes keywords, functions, tables, schemas and dot commands.',
  );
  return `${lines.join('\n')}\n`;
}
