import { ANY, DuckDBTypeId, LIST, STRUCT, VARCHAR, listValue, structValue } from '@duckdb/node-api';
import type { DuckDBScalarFunction } from '@duckdb/node-api';
import { lintKey } from '../oss/lint/lintKey.js';
import { FunctionError } from './FunctionError.js';
import { argumentColumns, stringReader } from './readArguments.js';
import { scalarFunction } from './scalarFunction.js';
import type { FunctionErrors } from './FunctionContext.js';

export const OSSDUCK_LINT_KEY = 'OSSDUCK_LINT_KEY';
const FN = OSSDUCK_LINT_KEY;
const USAGE = 'call it as OSSDUCK_LINT_KEY(key STRING)';

/** What OSSDUCK_LINT_KEY returns: one STRUCT per finding, errors first. */
export const LINT_KEY_TYPE = LIST(STRUCT({ code: VARCHAR, severity: VARCHAR, message: VARCHAR }));

/**
 * `OSSDUCK_LINT_KEY(key)`: the key linter's findings for an object key, as
 * `LIST<STRUCT(code, severity, message)>`; an empty list for a clean key,
 * NULL for a NULL key. The findings depend on the key alone: nothing is read
 * from the session, which only hears of a call made with the wrong arguments.
 */
export function createOssduckLintKey(errors: FunctionErrors): DuckDBScalarFunction {
  return scalarFunction(errors, {
    name: FN,
    returnType: LINT_KEY_TYPE,
    // Every call shape reaches `main`, so a wrong one gets a message naming the function's form.
    varArgsType: ANY,
    specialHandling: true,
    main: (chunk, output) => {
      if (chunk.columnCount !== 1) throw FunctionError.badType(FN, `takes 1 argument, got ${chunk.columnCount}: ${USAGE}`);
      const column = argumentColumns(chunk)[0]!;
      if (column.typeId !== DuckDBTypeId.VARCHAR && column.typeId !== DuckDBTypeId.SQLNULL) {
        throw FunctionError.badType(FN, `key (argument 1) must be STRING (VARCHAR), got ${column.typeName}: ${USAGE}`);
      }
      const key = stringReader(FN, column, 'key (argument 1)');
      for (let row = 0; row < chunk.rowCount; row++) {
        const value = key(row);
        output.setItem(row, value === null ? null : listValue(lintKey(value).map((f) => structValue({ code: f.code, severity: f.severity, message: f.message }))));
      }
      output.flush();
    },
  });
}
