import type { DuckDBValue } from '@duckdb/node-api';
import type { MetadataRow } from './ObjectTable.js';

/** The catalog's way to DuckDB: the session's connection. */
export interface CatalogDatabase {
  /** Runs a statement of ossduck's own. */
  run(sql: string): Promise<void>;
  /** The rows of a query of ossduck's own. */
  query(sql: string): Promise<DuckDBValue[][]>;
  /**
   * Appends every page of metadata rows to `catalog.schema.table` through one
   * DuckDB appender, calling `onPage` with the rows appended so far after each
   * page; returns the row count.
   */
  appendMetadata(catalog: string, schema: string, table: string, pages: AsyncIterable<readonly MetadataRow[]>, onPage?: (rows: number) => void): Promise<number>;
}
