import type { Writable } from 'node:stream';
import type { StatementResult } from '../sql/Runtime.js';
import type { OutputFormat } from './parseArgs.js';
import { createResultWriter } from './ResultWriter.js';
import { StatementOutput } from './StatementOutput.js';

/**
 * Reads one statement's rows and writes them to `stream` in `format`, only
 * once the statement has succeeded; a statement without rows prints nothing.
 */
export async function printResult(
  result: StatementResult,
  format: OutputFormat,
  options: { readonly timezone: string; readonly maxWidth: number; readonly maxRows?: number | undefined },
  stream: Writable,
): Promise<void> {
  if (!result.returnsRows) {
    for await (const _ of result.chunks()) void _;
    return;
  }
  const writer = createResultWriter(format, options);
  const output = new StatementOutput();
  try {
    output.write(writer.begin(result.columnNames, result.columnTypes));
    for await (const rows of result.chunks()) output.write(writer.rows(rows));
    output.write(writer.end());
  } catch (error) {
    output.discard();
    throw error;
  }
  await output.commit(stream);
}
