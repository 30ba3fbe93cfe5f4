import type { DuckDBScalarFunction } from '@duckdb/node-api';
import { compileFormatter } from './dateFormat.js';
import { FunctionError } from './FunctionError.js';
import type { FunctionContext } from './FunctionContext.js';
import { formatHelper } from './toCharHelper.js';

export const DATE_FORMAT_HELPER = '__ossduck_date_format';

const LETTERS = 'yyyy MM dd HH (or hh) mi ss SSS';

/**
 * The formatter of DATE_FORMAT(date, format) outside MaxCompute's
 * Hive-compatible edition: its letters as TO_CHAR reads them ("在非Hive兼容
 * 模式下,HH和hh都代表24小时制时 ... 如果使用yyyy-MM-dd hh:mm:ss,mm部分会取
 * 月份值"), and SSS for milliseconds; other characters are copied. YYYY (the
 * week-based year) and %-style formats are refused rather than guessed.
 */
export function compileDateFormat(fn: string, format: string): (micros: bigint) => string {
  const shown = format.length > 60 ? `${format.slice(0, 57)}...` : format;
  if (format.includes('YYYY')) {
    throw FunctionError.invalid(fn, `format '${shown}' has YYYY, the week-based year, which ossduck does not provide; write yyyy for the calendar year (letters: ${LETTERS})`);
  }
  if (/%[A-Za-z%]/.test(format)) {
    throw FunctionError.invalid(fn, `format '${shown}' is %-style; DATE_FORMAT takes the letters ${LETTERS}, e.g. 'yyyy-MM-dd HH:mi:ss'`);
  }
  return compileFormatter(fn, format.replaceAll('SSS', 'ff3'));
}

/** `__ossduck_date_format(datetime, format)`: DATE_FORMAT's formatting of a wall time. */
export function createDateFormatHelper(context: Pick<FunctionContext, 'errors'>): DuckDBScalarFunction {
  return formatHelper(context, DATE_FORMAT_HELPER, 'DATE_FORMAT', compileDateFormat);
}
