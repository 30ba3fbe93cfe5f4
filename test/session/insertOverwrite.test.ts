import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Credentials } from '../../src/oss/Credentials.js';
import { StaticCredentialSource } from '../../src/oss/CredentialSource.js';
import { Session } from '../../src/session/Session.js';
import { failureOf, textRows } from '../support/sessionProbe.js';

let session: Session;
const rows = (sql: string): Promise<string[][]> => textRows(session, sql);

describe('INSERT OVERWRITE TABLE, as MaxCompute runs it', () => {
  beforeEach(async () => {
    session = await Session.open({ credentials: new StaticCredentialSource(new Credentials({ accessKeyId: 'LTAIow', accessKeySecret: 'ow-secret' })) });
    await session.run("CREATE TABLE t (a BIGINT, b STRING) LIFECYCLE 7; INSERT INTO TABLE t VALUES (9, 'old'), (8, 'older');");
  });
  afterEach(async () => {
    await session.close();
  });

  it('replaces every row with the query\'s, however the table is named', async () => {
    expect(await rows("INSERT OVERWRITE TABLE t SELECT 1, 'x' UNION ALL SELECT 2, 'y'; SELECT * FROM t ORDER BY a")).toEqual([['1', 'x'], ['2', 'y']]);
    expect(await rows("INSERT OVERWRITE default_project.default.`t` SELECT 3, 'z'; SELECT * FROM t")).toEqual([['3', 'z']]);
    expect(await rows("INSERT OVERWRITE TABLE t SELECT a, b FROM t WHERE a > 100; SELECT count(*) FROM t")).toEqual([['0']]);
  });

  // https://www.alibabacloud.com/help/doc-detail/73775.htm: "after you use SELECT to extract the data
  // from a partition of a table and then use INSERT OVERWRITE to insert the data into the same
  // partition ... The total data length remains unchanged": the query reads the rows the table had.
  it('lets the query read the rows the table had before, as MaxCompute does when a table is rewritten from itself', async () => {
    expect(await rows("INSERT OVERWRITE TABLE t SELECT a * 10, b FROM t WHERE a > 8; SELECT * FROM t ORDER BY a")).toEqual([['90', 'old']]);
    await session.run("INSERT INTO t VALUES (90, 'old'), (7, 'new')");
    expect(await rows('INSERT OVERWRITE TABLE t SELECT DISTINCT * FROM t; SELECT * FROM t ORDER BY a')).toEqual([['7', 'new'], ['90', 'old']]);
    expect(await rows("WITH s AS (SELECT a + 1 AS a, b FROM t) INSERT OVERWRITE TABLE `T` SELECT * FROM s; SELECT * FROM t ORDER BY a")).toEqual([['8', 'new'], ['91', 'old']]);
    expect(await rows('SELECT count(*) FROM duckdb_tables() WHERE temporary')).toEqual([['0']]);
  });

  it("reads the table's rows of the user's transaction too, and rolls back with it", async () => {
    expect(await rows("BEGIN; INSERT INTO t VALUES (1, 'uncommitted'); INSERT OVERWRITE TABLE t SELECT a + 1, b FROM t; SELECT * FROM t ORDER BY a")).toEqual([
      ['2', 'uncommitted'],
      ['9', 'older'],
      ['10', 'old'],
    ]);
    expect(await rows('ROLLBACK; SELECT * FROM t ORDER BY a')).toEqual([['8', 'older'], ['9', 'old']]);
  });

  it('keeps the old rows when a query reading the table fails', async () => {
    await failureOf(session, "INSERT OVERWRITE TABLE t SELECT CAST(b AS BIGINT), b FROM t");
    expect(await rows('SELECT * FROM t ORDER BY a')).toEqual([['8', 'older'], ['9', 'old']]);
    expect(await rows('SELECT count(*) FROM duckdb_tables() WHERE temporary')).toEqual([['0']]);
  });

  it('takes MaxCompute\'s WITH clause before INSERT OVERWRITE (and before INSERT INTO TABLE)', async () => {
    const withOverwrite = "WITH s AS (SELECT 5 AS a, 'w' AS b), u AS (SELECT a + 1 AS a, b FROM s) INSERT OVERWRITE TABLE t SELECT * FROM s UNION ALL SELECT * FROM u";
    expect(await rows(`${withOverwrite}; SELECT * FROM t ORDER BY a`)).toEqual([['5', 'w'], ['6', 'w']]);
    expect(await rows("WITH s AS (SELECT 7 AS a, 'v' AS b) INSERT INTO TABLE t SELECT * FROM s; SELECT a FROM t ORDER BY a")).toEqual([['5'], ['6'], ['7']]);
  });

  it('keeps the old rows when the query fails, and the session goes on', async () => {
    const error = await failureOf(session, "INSERT OVERWRITE TABLE t SELECT CAST('x' AS BIGINT), 'bad' UNION ALL SELECT 1, 'ok'");
    expect(error.code).toBe('ODPS-0123091');
    expect(await rows('SELECT a FROM t ORDER BY a')).toEqual([['8'], ['9']]);
  });

  it("is part of the user's transaction: ROLLBACK keeps the old rows, COMMIT the new", async () => {
    expect(await rows("BEGIN; INSERT OVERWRITE TABLE t SELECT 5, 'five'; SELECT a FROM t")).toEqual([['5']]);
    expect(await rows('ROLLBACK; SELECT a FROM t ORDER BY a')).toEqual([['8'], ['9']]);
    expect(await rows("BEGIN; INSERT OVERWRITE TABLE t SELECT 6, 'six'; COMMIT; SELECT a FROM t")).toEqual([['6']]);
  });

  it('refuses a PARTITION clause, and an object table, saying why', async () => {
    const partition = await failureOf(session, "INSERT OVERWRITE TABLE t PARTITION (ds='20240101') SELECT 1, 'x'");
    expect(partition.detail).toBe("INSERT OVERWRITE ... PARTITION: ossduck's tables have no partitions; overwrite the whole table, or DELETE the partition's rows and INSERT INTO");
    await session.run("CREATE OBJECT TABLE ot LOCATION 'oss://oss-cn-hangzhou.aliyuncs.com/examplebucket/dir/'");
    const objectTable = await failureOf(session, 'INSERT OVERWRITE TABLE ot SELECT * FROM ot');
    expect(objectTable.detail).toMatch(/^default_project\.default\.ot is an object table: .* only ALTER TABLE default_project\.default\.ot REFRESH METADATA changes them/);
    expect(await rows('SELECT a FROM t ORDER BY a')).toEqual([['8'], ['9']]);
  });
});
