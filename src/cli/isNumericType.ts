import type { DuckDBType } from '@duckdb/node-api';

/** Whether a column's values are numbers, shown right-aligned. */
export function isNumericType(type: DuckDBType): boolean {
  return /INT|DECIMAL|DOUBLE|FLOAT/.test(type.toString());
}
