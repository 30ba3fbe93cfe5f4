import { DuckDBTimestampTZValue } from '@duckdb/node-api';
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import type { CatalogDatabase } from './CatalogDatabase.js';
import type { MetadataRow } from './ObjectTable.js';

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

  /** Appends metadata rows to `catalog.schema.table` through DuckDB's appender. */
  async appendMetadata(catalog: string, schema: string, table: string, rows: readonly MetadataRow[]): Promise<void> {
    const appender = await this.#connection.createAppender(table, schema, catalog);
    try {
      const text = (value: string | null): void => (value === null ? appender.appendNull() : appender.appendVarchar(value));
      for (const row of rows) {
        appender.appendVarchar(row.key);
        appender.appendBigInt(BigInt(row.size));
        text(row.type);
        appender.appendTimestampTZ(new DuckDBTimestampTZValue(BigInt(Date.parse(row.lastModified)) * 1000n));
        text(row.storageClass);
        text(row.etag);
        text(row.restoreInfo);
        text(row.ownerId);
        text(row.ownerDisplayName);
        appender.endRow();
      }
      appender.flushSync();
    } finally {
      appender.closeSync();
    }
  }
}
