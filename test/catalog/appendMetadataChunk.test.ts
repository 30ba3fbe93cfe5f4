import { DuckDBInstance } from '@duckdb/node-api';
import type { DuckDBConnection } from '@duckdb/node-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendMetadataChunk, appendMetadataRows } from '../../src/catalog/appendMetadataChunk.js';
import { DuckCatalogDatabase } from '../../src/catalog/DuckCatalogDatabase.js';
import { metadataColumnsSql } from '../../src/catalog/ObjectTable.js';
import type { MetadataRow } from '../../src/catalog/ObjectTable.js';

/**
 * appendMetadataChunk against DuckDB's row appender (a value at a time, as
 * appendTimestampTZ and appendVarchar store them): the same rows, compared
 * as DuckDB reads them back, in a session whose time zone is not UTC.
 */

/** Keys a bucket may hold once URL-decoded: control characters (NUL too), CJK, emoji, quotes, a lone surrogate's replacement. */
const ODD_KEYS = ['a&b', '<tag>', '中文/文件.txt', '😀 emoji', '\u0001\n\t\u007f', "'q' \"d\"", 'nul\u0000inside', ' lead and trail ', '\uFFFD', 'x'.repeat(1023)];

function rowsOf(count: number, vary: (i: number) => Partial<MetadataRow>): MetadataRow[] {
  return Array.from({ length: count }, (_, i) => ({
    key: `k${String(i).padStart(6, '0')}`,
    size: i,
    type: 'Normal',
    lastModified: '2026-11-23T12:00:00.000Z',
    storageClass: 'Standard',
    etag: `E${i}`,
    restoreInfo: 'NONE',
    ownerId: '1234567890',
    ownerDisplayName: '1234567890',
    ...vary(i),
  }));
}

const CASES: [string, MetadataRow[]][] = [
  ['every text column the same value in every row', rowsOf(1000, () => ({}))],
  ['odd keys and values, nulls here and there', rowsOf(ODD_KEYS.length * 7, (i) => ({
    key: `${i}:${ODD_KEYS[i % ODD_KEYS.length]}`,
    type: i % 3 === 0 ? null : ['Normal', 'Multipart', 'Appendable'][i % 3]!,
    storageClass: i % 5 === 0 ? null : 'IA',
    etag: ODD_KEYS[(i + 3) % ODD_KEYS.length]!,
    ownerId: null,
    ownerDisplayName: i === 0 ? '名字' : null,
  }))],
  ['sizes and instants across their range: 0, 2^32 and 2^53-1 bytes, before 1970, sub-millisecond-free instants, years 1800 and 2200', rowsOf(8, (i) => ({
    size: [0, 1, 4294967295, 4294967296, 4294967297, Number.MAX_SAFE_INTEGER, 123456789012, 2 ** 40][i]!,
    lastModified: ['1969-12-31T23:59:59.999Z', '1970-01-01T00:00:00.000Z', '1900-01-01T00:00:00Z', '2026-12-05T14:32:26.123Z', '2200-06-30T23:59:59.999Z', '2026-12-05T14:32:26+08:00', '2001-02-03T04:05:06.007Z', '1800-01-01T00:00:00.000Z'][i]!,
  }))],
  ['a full chunk of 2,048 rows', rowsOf(2048, (i) => ({ type: i === 2047 ? 'Symlink' : 'Normal' }))],
  ['one row', rowsOf(1, () => ({ restoreInfo: 'ongoing-request="true"' }))],
];

describe('appendMetadataChunk', () => {
  let instance: DuckDBInstance;
  let connection: DuckDBConnection;

  beforeEach(async () => {
    instance = await DuckDBInstance.create(':memory:');
    connection = await instance.connect();
    await connection.run(`SET TimeZone = 'Asia/Shanghai'`);
    await connection.run(`CREATE TEMP TABLE chunked (${metadataColumnsSql()}); CREATE TEMP TABLE reference (${metadataColumnsSql()})`);
  });

  afterEach(() => {
    connection.closeSync();
    instance.closeSync();
  });

  const read = async (table: string): Promise<unknown[][]> =>
    (await connection.runAndReadAll(`SELECT key, size, type, epoch_us(last_modified), last_modified::VARCHAR, storage_class, etag, restore_info, owner_id, owner_display_name FROM temp.main.${table} ORDER BY key`)).getRows();

  async function appendBoth(rows: readonly MetadataRow[]): Promise<boolean> {
    const chunked = await connection.createAppender('chunked', 'main', 'temp');
    const types = Array.from({ length: chunked.columnCount }, (_, i) => chunked.columnType(i).toLogicalType().logical_type);
    const appended = appendMetadataChunk(chunked, types, rows);
    chunked.flushSync();
    chunked.closeSync();
    const reference = await connection.createAppender('reference', 'main', 'temp');
    appendMetadataRows(reference, rows);
    reference.flushSync();
    reference.closeSync();
    return appended;
  }

  it.each(CASES)('stores %s as the row appender does', async (_why, rows) => {
    expect(await appendBoth(rows)).toBe(true);
    const stored = await read('chunked');
    expect(stored).toHaveLength(rows.length);
    expect(stored).toEqual(await read('reference'));
  });

  it('keeps NUL and every other character of a key (read back as bytes)', async () => {
    await appendBoth(rowsOf(ODD_KEYS.length, (i) => ({ key: ODD_KEYS[i]! })));
    const keys = (await connection.runAndReadAll('SELECT key FROM temp.main.chunked ORDER BY key')).getRows().map(([k]) => k);
    expect(keys).toEqual([...ODD_KEYS].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))));
  });

  it('refuses, appending nothing, a page with a size or instant it cannot write exactly, which the row appender then reports as before', async () => {
    for (const odd of [{ size: 2 ** 53 + 2 }, { size: Number.NaN }, { size: 1.5 }, { lastModified: 'yesterday' }, { lastModified: '1600-01-01T00:00:00.000Z' }, { lastModified: '+275760-09-13T00:00:00.000Z' }]) {
      const rows = rowsOf(3, (i) => (i === 1 ? odd : {}));
      const chunked = await connection.createAppender('chunked', 'main', 'temp');
      const types = Array.from({ length: chunked.columnCount }, (_, i) => chunked.columnType(i).toLogicalType().logical_type);
      expect(appendMetadataChunk(chunked, types, rows)).toBe(false);
      chunked.flushSync();
      chunked.closeSync();
      expect(await read('chunked')).toEqual([]);
    }
  });

  it('is how DuckCatalogDatabase appends pages: pages over a chunk split, a page it refuses appended row by row, the count and rows exact', async () => {
    const pages = [rowsOf(1000, () => ({})), rowsOf(3, (i) => ({ key: `big${i}`, size: i === 1 ? 2 ** 53 + 2 : i })), [], rowsOf(5000, (i) => ({ key: `z${i}`, etag: null }))];
    async function* each(): AsyncGenerator<MetadataRow[]> {
      yield* pages;
    }
    const seen: number[] = [];
    const count = await new DuckCatalogDatabase(connection).appendMetadata('temp', 'main', 'chunked', each(), (rows) => seen.push(rows));
    const reference = await connection.createAppender('reference', 'main', 'temp');
    for (const page of pages) appendMetadataRows(reference, page);
    reference.flushSync();
    reference.closeSync();
    expect(count).toBe(6003);
    expect(seen).toEqual([1000, 1003, 6003]);
    expect(await read('chunked')).toEqual(await read('reference'));
    expect((await connection.runAndReadAll(`SELECT size FROM temp.main.chunked WHERE key = 'big1'`)).getRows()).toEqual([[2n ** 53n + 2n]]);
  });
});
