import { ANY, TIMESTAMP, VARCHAR, timestampValue } from '@duckdb/node-api';
import type { DuckDBScalarFunction } from '@duckdb/node-api';
import { constantString } from './constantString.js';
import { compileParser } from './dateFormat.js';
import type { FunctionContext } from './FunctionContext.js';
import { argumentColumns } from './readArguments.js';
import { scalarFunction } from './scalarFunction.js';

export const TO_DATE_HELPER = '__ossduck_to_date';

/**
 * `name(string, format)`, the helper of `fn`: reads a constant format in
 * JavaScript, since DuckDB's strptime needs a constant format while a macro
 * is created. Each format is compiled once by `compile` (cached across
 * chunks); a text the format does not read gives NULL.
 */
export function parseHelper(
  { errors }: Pick<FunctionContext, 'errors'>,
  name: string,
  fn: string,
  compile: (fn: string, format: string) => ((text: string) => bigint | null) | undefined,
): DuckDBScalarFunction {
  const parsers = new Map<string, ((text: string) => bigint | null) | undefined>();
  return scalarFunction(errors, {
    name,
    returnType: TIMESTAMP,
    parameterTypes: [VARCHAR, ANY],
    main: (chunk, output) => {
      const [textColumn, formatColumn] = argumentColumns(chunk);
      const format = constantString(fn, formatColumn!, 'format (argument 2)');
      const texts = textColumn!.vector!;
      for (let row = 0; row < chunk.rowCount; row++) {
        const pattern = format(row);
        const text = texts.getItem(row) as string | null;
        if (pattern === null || text === null) {
          output.setItem(row, null);
          continue;
        }
        let parser = parsers.get(pattern);
        if (!parsers.has(pattern)) {
          parser = compile(fn, pattern);
          if (parsers.size > 1000) parsers.clear();
          parsers.set(pattern, parser);
        }
        const micros = parser === undefined ? null : parser(text);
        output.setItem(row, micros === null ? null : timestampValue(micros));
      }
      output.flush();
    },
  });
}

/** `__ossduck_to_date(string, format)`: TO_DATE(string, format)'s parsing. */
export function createToDateHelper(context: Pick<FunctionContext, 'errors'>): DuckDBScalarFunction {
  return parseHelper(context, TO_DATE_HELPER, 'TO_DATE', (fn, format) => compileParser(fn, format));
}
