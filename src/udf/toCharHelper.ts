import { ANY, TIMESTAMP, VARCHAR } from '@duckdb/node-api';
import type { DuckDBScalarFunction, DuckDBTimestampValue } from '@duckdb/node-api';
import { constantString } from './constantString.js';
import { compileFormatter } from './dateFormat.js';
import type { FunctionContext } from './FunctionContext.js';
import { argumentColumns } from './readArguments.js';
import { scalarFunction } from './scalarFunction.js';

export const TO_CHAR_HELPER = '__ossduck_to_char';

/**
 * `name(datetime, format)`, the helper of `fn`: reads a constant format in
 * JavaScript, since DuckDB's strftime needs a constant format while a macro
 * is created, which a translated format never is. Each format is compiled
 * once by `compile` (cached across chunks). NULL for a NULL date or format.
 */
export function formatHelper(
  { errors }: Pick<FunctionContext, 'errors'>,
  name: string,
  fn: string,
  compile: (fn: string, format: string) => (micros: bigint) => string,
): DuckDBScalarFunction {
  const formatters = new Map<string, (micros: bigint) => string>();
  return scalarFunction(errors, {
    name,
    returnType: VARCHAR,
    parameterTypes: [TIMESTAMP, ANY],
    main: (chunk, output) => {
      const [timeColumn, formatColumn] = argumentColumns(chunk);
      const format = constantString(fn, formatColumn!, 'format (argument 2)');
      const time = timeColumn!.vector!;
      for (let row = 0; row < chunk.rowCount; row++) {
        const text = format(row);
        const value = time.getItem(row) as DuckDBTimestampValue | null;
        if (text === null || value === null) {
          output.setItem(row, null);
          continue;
        }
        let formatter = formatters.get(text);
        if (!formatter) {
          formatter = compile(fn, text);
          if (formatters.size > 1000) formatters.clear();
          formatters.set(text, formatter);
        }
        output.setItem(row, formatter(value.micros));
      }
      output.flush();
    },
  });
}

/** `__ossduck_to_char(datetime, format)`: TO_CHAR(date, format)'s formatting, MaxCompute's letters or a %-style format. */
export function createToCharHelper(context: Pick<FunctionContext, 'errors'>): DuckDBScalarFunction {
  return formatHelper(context, TO_CHAR_HELPER, 'TO_CHAR', compileFormatter);
}
