import type { DuckDBScalarFunction } from '@duckdb/node-api';
import { compileParser } from './dateFormat.js';
import type { FunctionContext } from './FunctionContext.js';
import { parseHelper } from './toDateHelper.js';

export const ISDATE_HELPER = '__ossduck_isdate';

/** `__ossduck_isdate(string, format)`: TO_DATE's parsing for ISDATE, a repeated letter group read as text; NULL where it reads no date. */
export function createIsdateHelper(context: Pick<FunctionContext, 'errors'>): DuckDBScalarFunction {
  return parseHelper(context, ISDATE_HELPER, 'ISDATE', (fn, format) => compileParser(fn, format, true));
}
