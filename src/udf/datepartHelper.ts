import { ANY, DuckDBTypeId, VARCHAR } from '@duckdb/node-api';
import type { DuckDBScalarFunction } from '@duckdb/node-api';
import { constantString } from './constantString.js';
import { DATEPART_ARGUMENT, datePart, PART_FIRST_HINT } from './datePart.js';
import type { DatePartFunction } from './datePart.js';
import { FunctionError } from './FunctionError.js';
import type { FunctionContext } from './FunctionContext.js';
import { argumentColumns, stringReader } from './readArguments.js';
import { scalarFunction } from './scalarFunction.js';

export const DATEPART_HELPER = '__ossduck_datepart';

/** A datepart argument of these types is a date written where DuckDB's part-first functions take it. */
const DATE_TYPES: ReadonlySet<DuckDBTypeId> = new Set([
  DuckDBTypeId.DATE,
  DuckDBTypeId.TIMESTAMP,
  DuckDBTypeId.TIMESTAMP_TZ,
  DuckDBTypeId.TIMESTAMP_S,
  DuckDBTypeId.TIMESTAMP_MS,
  DuckDBTypeId.TIMESTAMP_NS,
]);

/**
 * `__ossduck_datepart(fn, datepart)`: the unit a MaxCompute datepart names
 * (`'dd'` is `day`), for the macros of DATEADD, DATEDIFF, DATEPART and
 * DATETRUNC. A date where the datepart goes (DuckDB's part-first order) is
 * an error that shows both orders. DuckDB folds it to a constant once per
 * statement when the datepart is a constant.
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
      const called = String(fn(0)) as DatePartFunction;
      const argument = `datepart (argument ${DATEPART_ARGUMENT[called]})`;
      const hint = PART_FIRST_HINT[called];
      if (hint !== undefined && partColumn!.vector && DATE_TYPES.has(partColumn!.typeId)) {
        throw FunctionError.badType(called, `${argument} must be a STRING constant, got ${partColumn!.typeName}; ${hint}`);
      }
      const part = constantString(called, partColumn!, argument);
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
