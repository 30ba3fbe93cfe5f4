import type { DuckDBType, DuckDBValue } from '@duckdb/node-api';

/** Turns one statement's columns and rows into output text, piece by piece. */
export interface ResultWriter {
  begin(columnNames: readonly string[], columnTypes: readonly DuckDBType[]): string;
  rows(rows: readonly DuckDBValue[][]): string;
  end(): string;
}
