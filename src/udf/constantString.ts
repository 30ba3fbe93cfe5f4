import { DuckDBTypeId } from '@duckdb/node-api';
import { FunctionError } from './FunctionError.js';
import { stringReader } from './readArguments.js';
import type { ArgumentColumn, ArgumentReader } from './readArguments.js';

/** Reads a STRING argument that must be a constant (a datepart, a format): another type is an error naming `argument`. */
export function constantString(fn: string, column: ArgumentColumn, argument: string): ArgumentReader<string> {
  if (column.vector && column.typeId !== DuckDBTypeId.VARCHAR) {
    throw FunctionError.badType(fn, `${argument} must be a STRING constant, got ${column.typeName}`);
  }
  return stringReader(fn, column, argument);
}
