import { OssduckError } from '../OssduckError.js';
import type { ErrorKind } from '../OssduckError.js';
import type { SourcePosition } from '../OssduckError.js';
import { FunctionError } from '../udf/FunctionError.js';
import type { TableFunctionUsage } from '../udf/tableFunction.js';
import { MAXCOMPUTE_USAGE } from '../udf/registerMaxComputeFunctions.js';

/** DuckDB's error classes, by the prefix of their message, as the MaxCompute error each stands for. */
const KINDS: readonly { prefix: RegExp; kind: ErrorKind }[] = [
  { prefix: /^Parser Error: /, kind: 'parse' },
  { prefix: /^Conversion Error: /, kind: 'illegalCast' },
  { prefix: /^Out of Range Error: /, kind: 'overflow' },
  { prefix: /^Interrupt Error: /i, kind: 'cancelled' },
  { prefix: /^Invalid Input Error: /, kind: 'invalidArgument' },
  { prefix: /^(Binder|Catalog|Dependency|Constraint|Not implemented|Permission) Error: /, kind: 'semantic' },
  { prefix: /^IO Error: /, kind: 'io' },
  { prefix: /^[A-Za-z ]+ Error: /, kind: 'semantic' },
];

/** Whether `error` is one DuckDB raised (`<Class> Error: ...`). */
export function isDuckError(error: unknown): boolean {
  return error instanceof Error && /^[A-Za-z ]+ Error: /.test(error.message);
}

/** DuckDB's binder could match no form of a function: its name and the argument types it was given. */
const NO_FUNCTION_MATCH = /^Binder Error: No function matches the given name and argument types '(\w+)\((.*)\)'/;

/** DuckDB's own catalog entries: a "did you mean" pointing there only misleads. */
const SYSTEM_NAMES = /^(pg_|duckdb_|sqlite_|information_schema|system\.|temp\.|main\.pg_)/i;

/**
 * Turns a DuckDB error message into an ossduck error in MaxCompute's shape:
 * the first line becomes the detail, DuckDB's `LINE n:` caret becomes a
 * position in the script (`statementStart` is where the statement's text
 * begins there; `endOfStatement`, just past its last token, is where an
 * unexpected end is reported). A call of one of `tableFunctions` that DuckDB
 * could not match is reported as that function's error, naming what is allowed.
 */
export function mapDuckError(
  error: unknown,
  statementStart: SourcePosition,
  locate?: (tokenText: string) => SourcePosition | undefined,
  endOfStatement?: SourcePosition,
  tableFunctions: readonly TableFunctionUsage[] = [],
): OssduckError {
  const message = error instanceof Error ? error.message : String(error);
  const firstLine = (message.split('\n')[0] ?? message).replace(/^Failed to extract statements: /, '');
  const misuse = tableFunctionMisuse(firstLine, tableFunctions);
  if (misuse) {
    misuse.position = caretPosition(message, statementStart) ?? statementStart;
    return misuse;
  }
  const unmatched = maxComputeMisuse(firstLine);
  if (unmatched) return new OssduckError('semantic', unmatched, { cause: error, position: caretPosition(message, statementStart) ?? statementStart });
  if (/Current transaction is aborted/.test(firstLine)) {
    return new OssduckError('semantic', 'an earlier statement of this transaction failed; ROLLBACK before going on', { cause: error, position: statementStart });
  }
  const tableMissing = /^Catalog Error: Table with name (.+?) does not exist!?/.exec(firstLine);
  let kind: ErrorKind = 'semantic';
  let detail = firstLine;
  if (tableMissing) {
    kind = 'tableNotFound';
    detail = `table ${tableMissing[1]} cannot be resolved`;
  } else {
    for (const k of KINDS) {
      if (k.prefix.test(firstLine)) {
        kind = k.kind;
        detail = firstLine.replace(k.prefix, '');
        break;
      }
    }
  }
  let position = caretPosition(message, statementStart);
  const nearToken = /^syntax error at or near "(.*)"$/.exec(detail);
  if (kind === 'parse' && nearToken) {
    detail = `invalid token '${nearToken[1]}'`;
    position ??= locate?.(nearToken[1]!);
  } else if (kind === 'parse' && detail === 'syntax error at end of input') {
    detail = 'unexpected end of statement';
    position ??= endOfStatement;
  }
  // The lambda parameter a MaxCompute macro binds its argument to names nothing the user wrote.
  detail = detail.replace(/ when casting from source column __ossduck_\w+/, '');
  const hint = /\nDid you mean "([^"]+)"\?/.exec(message);
  if (hint && !SYSTEM_NAMES.test(hint[1]!)) detail += ` (did you mean ${hint[1]}?)`;
  return new OssduckError(kind, detail, { cause: error, position: position ?? statementStart });
}

/** Splits `A, B(C, D), E` at the commas outside parentheses. */
function splitTypes(list: string): string[] {
  const types: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      types.push(list.slice(start, i).trim());
      start = i + 1;
    }
  }
  const last = list.slice(start).trim();
  if (last !== '' || types.length > 0) types.push(last);
  return types;
}

/**
 * DuckDB's binder errors about a call of one of `tableFunctions` (an unknown
 * named parameter; positional arguments it cannot match), as that function's
 * error naming what it takes; undefined for any other message. Pure.
 */
export function tableFunctionMisuse(firstLine: string, tableFunctions: readonly TableFunctionUsage[]): FunctionError | undefined {
  const find = (name: string): TableFunctionUsage | undefined => tableFunctions.find((f) => f.name.toLowerCase() === name.toLowerCase());
  const named = /^Binder Error: Invalid named parameter "(.*)" for function (\w+)/.exec(firstLine);
  const namedFn = named && find(named[2]!);
  if (named && namedFn) {
    const positional = namedFn.positional.map((p) => p.name).join(', ');
    return FunctionError.invalid(
      namedFn.name,
      `there is no parameter ${named[1]}; allowed: ${positional} (by position), then ${namedFn.named.join(', ')} (by name, as name := value): ${namedFn.usage}`,
    );
  }
  const unmatched = NO_FUNCTION_MATCH.exec(firstLine);
  const fn = unmatched && find(unmatched[1]!);
  if (!unmatched || !fn) return undefined;
  const got = splitTypes(unmatched[2]!);
  const wanted = fn.positional;
  const takes = `takes ${wanted.length} positional argument${wanted.length === 1 ? '' : 's'} (${wanted.map((p) => `${p.name} ${p.type}`).join(', ')})`;
  if (got.length === wanted.length && wanted.length === 1) {
    return FunctionError.badType(fn.name, `${wanted[0]!.name} (argument 1) must be ${wanted[0]!.type}, got ${got[0]}: ${fn.usage}`);
  }
  if (got.length !== wanted.length) {
    const positional = wanted.map((p) => `${p.name} ${p.type}`).join(', ');
    return FunctionError.argumentCount(fn.name, [wanted.length], got.length, `${positional} by position, then the named parameters ${fn.named.join(', ')}: ${fn.usage}`);
  }
  return FunctionError.badType(fn.name, `${takes} and the named parameters ${fn.named.join(', ')}; got ${got.join(', ')}: ${fn.usage}`);
}

function caretPosition(message: string, statementStart: SourcePosition): SourcePosition | undefined {
  const m = /\nLINE (\d+): (.*)\n( *)\^/.exec(message);
  if (!m) return undefined;
  if (m[2]!.startsWith('...')) return undefined; // DuckDB shows a window of a long line: columns would not match
  const line = Number(m[1]);
  const column = m[3]!.length - `LINE ${m[1]}: `.length + 1;
  if (column < 1) return undefined;
  return line === 1
    ? { line: statementStart.line, column: statementStart.column + column - 1 }
    : { line: statementStart.line + line - 1, column };
}

/**
 * A call of one of MaxCompute's functions that matches none of its forms
 * (DuckDB: "Macro dateadd() does not support the supplied arguments", or "No
 * function matches ... 'GETDATE(INTEGER_LITERAL)'"): the detail naming how the
 * function is called; undefined for other errors. Pure.
 */
export function maxComputeMisuse(firstLine: string): string | undefined {
  const name =
    /^Binder Error: Macro (\w+)\(\) does not support the supplied arguments/.exec(firstLine)?.[1] ??
    NO_FUNCTION_MATCH.exec(firstLine)?.[1];
  const usage = name === undefined ? undefined : (MAXCOMPUTE_USAGE as Readonly<Record<string, string>>)[name.toUpperCase()];
  return usage === undefined ? undefined : `${name!.toUpperCase()}: the arguments match none of its forms; it takes ${usage}`;
}
