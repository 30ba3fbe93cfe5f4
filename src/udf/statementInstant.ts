import { TIMESTAMPTZ, timestampTZValue } from '@duckdb/node-api';
import type { DuckDBScalarFunction } from '@duckdb/node-api';
import type { FunctionContext } from './FunctionContext.js';
import { scalarFunction } from './scalarFunction.js';

export const STATEMENT_INSTANT = '__ossduck_statement_instant';

/** `__ossduck_statement_instant()`: the statement instant as a TIMESTAMP WITH TIME ZONE, behind UNIX_TIMESTAMP(). */
export function createStatementInstant({ statement, errors }: Pick<FunctionContext, 'statement' | 'errors'>): DuckDBScalarFunction {
  return scalarFunction(errors, {
    name: STATEMENT_INSTANT,
    returnType: TIMESTAMPTZ,
    volatile: true,
    main: (chunk, output) => {
      const value = timestampTZValue(BigInt(statement.instant) * 1000n);
      for (let row = 0; row < chunk.rowCount; row++) output.setItem(row, value);
      output.flush();
    },
  });
}
