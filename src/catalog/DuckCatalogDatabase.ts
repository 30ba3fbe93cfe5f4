import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { appendMetadataChunk, appendMetadataRows } from './appendMetadataChunk.js';
import type { CatalogDatabase } from './CatalogDatabase.js';
import type { MetadataRow } from './ObjectTable.js';
import { VECTOR_SIZE } from '../vectorSize.js';

/** The catalog's DuckDB side, on the session's connection. */
export class DuckCatalogDatabase implements CatalogDatabase {
  readonly #connection: DuckDBConnection;

  constructor(connection: DuckDBConnection) {
    this.#connection = connection;
  }

  async run(sql: string): Promise<void> {
    await this.#connection.run(sql);
  }

  async query(sql: string): Promise<DuckDBValue[][]> {
    return (await this.#connection.runAndReadAll(sql)).getRows();
  }

  /**
   * Appends metadata rows to `catalog.schema.table` through DuckDB's
   * appender: one for all the pages, which DuckDB flushes as its buffer
   * fills and this flushes at the end (a flush per page costs more than the
   * page's rows). Each page goes in as data chunks (appendMetadataChunk),
   * a page with a value those cannot hold row by row.
   */
  async appendMetadata(
    catalog: string,
    schema: string,
    table: string,
    pages: AsyncIterable<readonly MetadataRow[]>,
    onPage?: (rows: number) => void,
  ): Promise<number> {
    const appender = await this.#connection.createAppender(table, schema, catalog);
    const types = Array.from({ length: appender.columnCount }, (_, i) => appender.columnType(i).toLogicalType().logical_type);
    let count = 0;
    let done = false;
    try {
      for await (const page of pages) {
        for (let from = 0; from < page.length; from += VECTOR_SIZE) {
          const rows = page.length <= VECTOR_SIZE ? page : page.slice(from, from + VECTOR_SIZE);
          if (!appendMetadataChunk(appender, types, rows)) appendMetadataRows(appender, rows);
        }
        if (page.length === 0) continue;
        count += page.length;
        onPage?.(count);
      }
      appender.flushSync();
      done = true;
    } finally {
      try {
        appender.closeSync();
      } catch (error) {
        // After a failure, the rows left in the appender do not matter: the caller drops the table.
        if (done) throw error;
      }
    }
    return count;
  }
}
