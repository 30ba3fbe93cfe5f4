import { CALENDAR_MACROS } from './calendarMacros.js';
import { createDateFormatHelper } from './dateFormatHelper.js';
import { createDatepartHelper } from './datepartHelper.js';
import { DATE_MACROS } from './dateMacros.js';
import type { FunctionContext } from './FunctionContext.js';
import type { FunctionFamily } from './FunctionFamily.js';
import { createGetdate } from './getdate.js';
import { createIsdateHelper } from './isdateHelper.js';
import { createStatementInstant } from './statementInstant.js';
import { createToCharHelper } from './toCharHelper.js';
import { createToDateHelper } from './toDateHelper.js';

/*
 * MaxCompute's date functions (2.0 type system) on DuckDB.
 *
 * The model: a MaxCompute DATETIME is a DuckDB TIMESTAMP holding the wall
 * time in the session zone `odps.sql.timezone`; DATE is DATE; a TIMESTAMP
 * WITH TIME ZONE is an absolute instant, read as the wall time it has in the
 * session zone. The runtime keeps DuckDB's `TimeZone` equal to the session
 * zone, so DuckDB's ICU casts between TIMESTAMP and TIMESTAMPTZ are exactly
 * "wall time in the session zone" <-> instant. (Where the clocks go back, the
 * repeated wall hour is read as its later, standard-time instant; a wall time
 * the clocks skip is moved forward by the gap: ICU's rules.)
 *
 * DATEADD, DATEDIFF, FROM_UNIXTIME, UNIX_TIMESTAMP(date) and the type
 * checks of TO_DATE and TO_CHAR are SQL macros: vectorised, no JavaScript
 * per row. Their argument checks call `__ossduck_raise`, so a bad argument
 * fails the statement with an ossduck FunctionError at the call. A datepart
 * goes through a small JavaScript helper that DuckDB folds to a constant
 * once per statement when the datepart is a constant, as MaxCompute
 * requires. JavaScript runs per row only where a format must be read:
 * TO_CHAR(date, format) and TO_DATE(string, format) (DuckDB's strftime and
 * strptime want a constant format when a macro is created, which a
 * translated MaxCompute format never is); and per chunk where the statement
 * instant is needed: GETDATE() and UNIX_TIMESTAMP().
 */

/**
 * GETDATE, DATEADD, DATEDIFF, TO_DATE, TO_CHAR, FROM_UNIXTIME and
 * UNIX_TIMESTAMP as MaxCompute (2.0 type system) defines them, in the
 * session time zone: GETDATE(), the statement instant behind
 * UNIX_TIMESTAMP(), the datepart helper and the format readers of TO_CHAR
 * and TO_DATE in JavaScript, the rest as the macros of DATE_MACROS.
 */
export function dateFunctions(context: Pick<FunctionContext, 'statement' | 'errors'>): FunctionFamily {
  return {
    functions: [
      createGetdate(context),
      createStatementInstant(context),
      createDatepartHelper(context),
      createToCharHelper(context),
      createDateFormatHelper(context),
      createToDateHelper(context),
      createIsdateHelper(context),
    ],
    macros: [...Object.values(DATE_MACROS), ...Object.values(CALENDAR_MACROS)],
  };
}
