import { ANY, VARCHAR } from '@duckdb/node-api';
import type { DuckDBScalarFunction } from '@duckdb/node-api';
import { constantString } from './constantString.js';
import { datePart } from './datePart.js';
import type { DatePartFunction } from './datePart.js';
import type { FunctionContext } from './FunctionContext.js';
import { argumentColumns, stringReader } from './readArguments.js';
import { scalarFunction } from './scalarFunction.js';

export const DATEPART_HELPER = '__ossduck_datepart';

/**
 * `__ossduck_datepart(fn, datepart)`: the unit a MaxCompute datepart names
 * (`'dd'` is `day`), for the macros of DATEADD and DATEDIFF. DuckDB folds it
 * to a constant once per statement when the datepart is a constant.
 */
export function createDatepartHelper({ errors }: Pick<FunctionContext, 'errors'>): DuckDBScalarFunction {
  const units = new Map<string, string>();
  return scalarFunction(errors, {
    name: DATEPART_HELPER,
    returnType: VARCHAR,
    parameterTypes: [VARCHAR, ANY],
    main: (chunk, output) => {
      const [fnColumn, partColumn] = argumentColumns(chunk);
      const fn = stringReader(DATEPART_HELPER, fnColumn!, 'fn');
      const part = constantString(String(fn(0)), partColumn!, 'datepart (argument 3)');
      for (let row = 0; row < chunk.rowCount; row++) {
        const name = fn(row) as DatePartFunction;
        const text = part(row);
        if (text === null) {
          output.setItem(row, null);
          continue;
        }
        const key = `${name}\u0000${text}`;
        let unit = units.get(key);
        if (unit === undefined) {
          unit = datePart(name, text);
          if (units.size > 1000) units.clear();
          units.set(key, unit);
        }
        output.setItem(row, unit);
      }
      output.flush();
    },
  });
}
