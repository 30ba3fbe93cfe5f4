import { DuckDBInstance } from '@duckdb/node-api';
import type { DuckDBConnection } from '@duckdb/node-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Catalog } from '../../src/catalog/Catalog.js';
import type { CatalogDatabase } from '../../src/catalog/CatalogDatabase.js';
import { DuckCatalogDatabase } from '../../src/catalog/DuckCatalogDatabase.js';
import type { MetadataRow, ObjectTableDefinition } from '../../src/catalog/ObjectTable.js';
import { MemoryWarehouse } from '../../src/catalog/Warehouse.js';
import { parseOssLocation } from '../../src/oss/OssLocation.js';

/** Catalog.refreshMetadata: stage, then swap in one transaction; a failure anywhere keeps the previous rows. */

function rows(prefix: string, count: number): MetadataRow[] {
  return Array.from({ length: count }, (_, i) => ({
    key: `${prefix}${i}`,
    size: i,
    type: 'Normal',
    lastModified: '2026-11-23T12:00:00.000Z',
    storageClass: 'Standard',
    etag: null,
    restoreInfo: null,
    ownerId: null,
    ownerDisplayName: null,
  }));
}

async function* pages(list: readonly MetadataRow[][], failAfter?: number): AsyncGenerator<MetadataRow[]> {
  for (const [i, page] of list.entries()) {
    if (failAfter !== undefined && i === failAfter) throw new Error('the listing broke off');
    yield page;
  }
}

describe('Catalog.refreshMetadata', () => {
  let instance: DuckDBInstance;
  let connection: DuckDBConnection;
  let failOn: RegExp | undefined;
  let catalog: Catalog;
  let table: ObjectTableDefinition;

  const count = async (): Promise<number> => Number((await connection.runAndReadAll('SELECT count(*) FROM p_one.s.t')).getRows()[0]![0]);
  const tempTables = async (): Promise<number> => Number((await connection.runAndReadAll("SELECT count(*) FROM duckdb_tables() WHERE temporary")).getRows()[0]![0]);

  beforeEach(async () => {
    instance = await DuckDBInstance.create(':memory:');
    connection = await instance.connect();
    failOn = undefined;
    const real = new DuckCatalogDatabase(connection);
    const db: CatalogDatabase = {
      run: async (sql) => {
        if (failOn?.test(sql)) throw new Error(`injected failure in: ${sql.slice(0, 40)}`);
        await real.run(sql);
      },
      query: (sql) => real.query(sql),
      appendMetadata: (c, s, t, p, onPage) => real.appendMetadata(c, s, t, p, onPage),
    };
    catalog = await Catalog.open(db, new MemoryWarehouse());
    await catalog.ensureProject('p_one');
    await catalog.createSchema('p_one', 's', { ifNotExists: false });
    table = {
      project: 'p_one',
      schema: 's',
      name: 't',
      location: parseOssLocation('oss://oss-cn-hangzhou.aliyuncs.com/bkt/dir/'),
      region: 'cn-hangzhou',
      product: 'oss',
      roleArn: undefined,
      serdeProperties: {},
      tblProperties: {},
      comment: undefined,
      createdAt: '2026-11-23T12:00:00.000Z',
      lastRefreshedAt: undefined,
    };
    await catalog.createObjectTable(table, { ifNotExists: false });
    expect(await catalog.refreshMetadata(table, pages([rows('old-', 3)]))).toBe(3);
  });

  afterEach(() => {
    connection.closeSync();
    instance.closeSync();
  });

  it('replaces the rows with the whole new listing, in key order', async () => {
    expect(await catalog.refreshMetadata(table, pages([rows('a-', 1000), rows('b-', 500)]))).toBe(1500);
    expect(await count()).toBe(1500);
    expect(await tempTables()).toBe(0);
  });

  it('keeps the previous rows when the listing fails after some pages were staged', async () => {
    await expect(catalog.refreshMetadata(table, pages([rows('a-', 1000), rows('b-', 1000), rows('c-', 1000)], 2))).rejects.toThrow('the listing broke off');
    expect(await count()).toBe(3);
    expect(await tempTables()).toBe(0);
  });

  it('keeps the previous rows when the swap fails after the old rows were deleted (the transaction rolls back)', async () => {
    failOn = /^INSERT INTO/;
    await expect(catalog.refreshMetadata(table, pages([rows('a-', 10)]))).rejects.toThrow('injected failure');
    expect(await count()).toBe(3);
    failOn = undefined;
    expect(await catalog.refreshMetadata(table, pages([rows('a-', 10)]))).toBe(10);
  });

  it('keeps the previous rows when the commit itself fails', async () => {
    failOn = /^COMMIT/;
    await expect(catalog.refreshMetadata(table, pages([rows('a-', 10)]))).rejects.toThrow('injected failure');
    expect(await count()).toBe(3);
  });
});
