import { TIMESTAMP, timestampValue } from '@duckdb/node-api';
import type { DuckDBScalarFunction } from '@duckdb/node-api';
import { DateTime } from 'luxon';
import type { FunctionContext } from './FunctionContext.js';
import { scalarFunction } from './scalarFunction.js';

export const GETDATE = 'GETDATE';

/** The wall time of `instant` in `timezone`, as DuckDB TIMESTAMP microseconds. */
export function wallMicros(instant: number, timezone: string): bigint {
  const offsetMinutes = DateTime.fromMillis(instant, { zone: timezone }).offset;
  return BigInt(instant + offsetMinutes * 60_000) * 1000n;
}

/** GETDATE(): the statement instant as a DATETIME, the wall time in the session zone; one value for every row of a statement. */
export function createGetdate({ statement, errors }: Pick<FunctionContext, 'statement' | 'errors'>): DuckDBScalarFunction {
  let cachedFor = '';
  let cachedMicros = 0n;
  return scalarFunction(errors, {
    name: GETDATE,
    returnType: TIMESTAMP,
    volatile: true,
    main: (chunk, output) => {
      const key = `${statement.id}\u0000${statement.timezone}\u0000${statement.instant}`;
      if (key !== cachedFor) {
        cachedMicros = wallMicros(statement.instant, statement.timezone);
        cachedFor = key;
      }
      const value = timestampValue(cachedMicros);
      for (let row = 0; row < chunk.rowCount; row++) output.setItem(row, value);
      output.flush();
    },
  });
}
