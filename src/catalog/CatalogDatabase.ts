import type { DuckDBValue } from '@duckdb/node-api';
import type { MetadataRow } from './ObjectTable.js';

/** The catalog's way to DuckDB: the session's connection. */
export interface CatalogDatabase {
  /** Runs a statement of ossduck's own. */
  run(sql: string): Promise<void>;
  /** The rows of a query of ossduck's own. */
  query(sql: string): Promise<DuckDBValue[][]>;
  /** Appends metadata rows to `catalog.schema.table` (DuckDB's appender). */
  appendMetadata(catalog: string, schema: string, table: string, rows: readonly MetadataRow[]): Promise<void>;
}
