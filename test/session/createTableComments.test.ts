import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session } from '../../src/session/Session.js';
import { failureOf, textRows } from '../support/sessionProbe.js';

let session: Session;

describe("CREATE TABLE with MaxCompute's column and table comments", () => {
  beforeAll(async () => {
    session = await Session.open();
  });
  afterAll(async () => {
    await session.close();
  });

  it('makes the table and keeps every comment, as MaxCompute writes them', async () => {
    await session.run(`CREATE TABLE IF NOT EXISTS sale_detail (
        shop_name STRING COMMENT 'shop''s name',
        customer_id STRING,
        total_price DECIMAL(10, 2) COMMENT 'price, tax included'
      ) COMMENT 'sales' LIFECYCLE 7`);
    expect(await textRows(session, "SELECT column_name, comment FROM duckdb_columns() WHERE table_name = 'sale_detail' ORDER BY column_index")).toEqual([
      ['shop_name', "shop's name"],
      ['customer_id', 'NULL'],
      ['total_price', 'price, tax included'],
    ]);
    expect(await textRows(session, "SELECT comment FROM duckdb_tables() WHERE table_name = 'sale_detail'")).toEqual([['sales']]);
    expect(await textRows(session, "SELECT typeof(total_price) FROM sale_detail UNION ALL SELECT 'DECIMAL(10,2)' LIMIT 1")).toEqual([['DECIMAL(10,2)']]);
  });

  it('keeps a quoted column name and a three-part table name', async () => {
    await session.run("CREATE TABLE default_project.default.`odd table` (`my col` BIGINT COMMENT 'spaced')");
    expect(await textRows(session, "SELECT column_name, comment FROM duckdb_columns() WHERE table_name = 'odd table'")).toEqual([['my col', 'spaced']]);
  });

  it('fails as before, with no comment left over, when the CREATE fails', async () => {
    const error = await failureOf(session, "CREATE TABLE sale_detail (a BIGINT COMMENT 'again')");
    expect(error.detail).toMatch(/sale_detail.* already exists/);
    expect(await textRows(session, "SELECT count(*) FROM duckdb_columns() WHERE table_name = 'sale_detail' AND comment = 'again'")).toEqual([['0']]);
  });
});
