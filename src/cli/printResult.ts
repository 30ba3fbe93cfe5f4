import type { Writable } from 'node:stream';
import type { StatementResult } from '../Ossduck.js';
import type { OutputFormat } from './OutputFormat.js';
import { createResultWriter } from './ResultWriter.js';
import { StatementOutput } from './StatementOutput.js';

/** Formats whose results run together unless a blank line parts them. */
const PARTED = new Set<OutputFormat>(['markdown', 'line']);

/**
 * Reads one statement's rows and writes them to `stream` in `format`, only
 * once the statement has succeeded; a statement without rows prints nothing.
 * With `after` (an earlier statement of the same run printed rows), markdown
 * tables and line records start with a blank line, so that each statement's
 * rows stand apart. Returns whether anything was printed.
 */
export async function printResult(
  result: StatementResult,
  format: OutputFormat,
  options: { readonly timezone: string; readonly maxWidth: number; readonly maxRows?: number | undefined; readonly after?: boolean },
  stream: Writable,
): Promise<boolean> {
  if (!result.returnsRows) {
    for await (const _ of result.chunks()) void _;
    return false;
  }
  const writer = createResultWriter(format, options);
  const output = new StatementOutput();
  let printed = false;
  const emit = (text: string): void => {
    if (text === '') return;
    if (!printed && options.after && PARTED.has(format)) output.write('\n');
    printed = true;
    output.write(text);
  };
  try {
    emit(writer.begin(result.columnNames, result.columnTypes));
    for await (const rows of result.chunks()) emit(writer.rows(rows));
    emit(writer.end());
  } catch (error) {
    output.discard();
    throw error;
  }
  await output.commit(stream);
  return printed;
}
