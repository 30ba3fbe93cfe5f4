import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Credentials } from '../../src/oss/Credentials.js';
import { StaticCredentialSource } from '../../src/oss/CredentialSource.js';
import type { OssduckError } from '../../src/OssduckError.js';
import { Session } from '../../src/session/Session.js';

const credentials = new StaticCredentialSource(new Credentials({ accessKeyId: 'LTAI5tStreamFail', accessKeySecret: 'stream-fail-secret' }));
const TABLE = 'default_project.default.t';
/** A URL for each row; the last thousand keys are longer than OSS allows. */
const signing = (rows: number): string =>
  `SELECT GET_SIGNED_URL_FROM_OSS('${TABLE}', CASE WHEN i < ${rows - 1000} THEN 'ok-' || i::VARCHAR ELSE repeat('x', 2000) END) AS url FROM range(${rows}) t(i)`;
/** DuckDB's own failure on row 999,000 of 1,000,000. */
const CASTING = `SELECT CAST(CASE WHEN i < 999000 THEN '1' ELSE 'x' END AS INTEGER) AS v FROM range(1000000) t(i)`;

/** Rows read through the session's streaming interface, chunk by chunk, as the CLI reads them. */
async function streamedRows(session: Session, sql: string): Promise<number> {
  let rows = 0;
  for await (const result of session.execute(sql)) for await (const chunk of result.chunks()) rows += chunk.length;
  return rows;
}

describe('a query that fails after DuckDB began returning its rows', () => {
  let session: Session;
  beforeAll(async () => {
    session = await Session.open({ credentials });
    await session.run(`CREATE OBJECT TABLE t LOCATION 'oss://oss-cn-hangzhou.aliyuncs.com/examplebucket/exports/'`);
  });
  afterAll(async () => {
    await session.close();
  });

  it('fails with the error of the ossduck function that refused a late row, at its call', async () => {
    // DuckDB ends such a result with an empty chunk, as if it had succeeded: 34,816 of 100,000 rows came back, silently.
    const error = await streamedRows(session, signing(100_000)).then(
      () => undefined,
      (e: unknown) => e as OssduckError,
    );
    expect(error?.code).toBe('ODPS-0121095');
    expect(error?.message).toMatch(/^Invalid arguments - GET_SIGNED_URL_FROM_OSS: key 'x+\.\.\.' gives object name .*which OSS refuses: it is 2008 bytes long/);
    expect(error?.position).toEqual({ line: 1, column: 8 });
    await expect(session.run(signing(300_000))).rejects.toThrow(/which OSS refuses/);
  });

  it("fails with DuckDB's own error for a late row (found by running the query again, its rows going nowhere)", async () => {
    await expect(streamedRows(session, CASTING)).rejects.toThrow(/Illegal type cast - Could not convert string 'x' to INT32/);
  });

  it('says it failed, and how to see why, inside the user\'s transaction, which stays aborted until ROLLBACK', async () => {
    await session.run('BEGIN TRANSACTION');
    await expect(streamedRows(session, CASTING)).rejects.toThrow(
      /the query failed while its rows were read: DuckDB ended them early without saying why, and inside a transaction it cannot be run again to find out: ROLLBACK, then run it alone to see why; none of its rows count/,
    );
    await expect(session.run('SELECT 1')).rejects.toThrow(/ROLLBACK before going on/);
    await session.run('ROLLBACK');
    expect((await session.run('SELECT 42 AS v'))[0]!.rows).toEqual([[42]]);
  });

  it('is cancelled, not cut short, when interrupted while its rows stream', async () => {
    const running = streamedRows(session, `SELECT md5(i::VARCHAR) FROM range(100000000) t(i)`);
    setTimeout(() => session.interrupt(), 300);
    await expect(running).rejects.toThrow(/Instance has been cancelled/);
    expect((await session.run('SELECT 7 AS v'))[0]!.rows).toEqual([[7]]);
  });

  it('returns every row of one that succeeds, alone or inside the user\'s transaction, which it leaves open', async () => {
    expect(await streamedRows(session, signing(1000).replace(/repeat\('x', 2000\)/, "'fine'").replace(/< 0/, '< 1'))).toBe(1000);
    expect(await streamedRows(session, `SELECT i FROM range(1000000) t(i)`)).toBe(1_000_000);
    await session.run('BEGIN TRANSACTION; CREATE TABLE kept AS SELECT 1 AS v');
    expect(await streamedRows(session, `SELECT i FROM range(500000) t(i)`)).toBe(500_000);
    await session.run('COMMIT');
    expect((await session.run('SELECT v FROM kept'))[0]!.rows).toEqual([[1]]);
  });

  it('ends the transaction of a query whose caller stopped reading its rows, so the next statements run', async () => {
    for await (const result of session.execute('SELECT i FROM range(1000000) t(i)')) {
      for await (const chunk of result.chunks()) {
        expect(chunk.length).toBe(2048);
        break;
      }
      break;
    }
    expect((await session.run('SELECT 42 AS v'))[0]!.rows).toEqual([[42]]);
    await session.run('BEGIN TRANSACTION; CREATE TABLE after_abandoned AS SELECT 1 AS v; COMMIT');
    expect((await session.run('SELECT v FROM after_abandoned'))[0]!.rows).toEqual([[1]]);
  });

  it('keeps following the user\'s transaction when a COMMIT or ROLLBACK it cannot read fails (the transaction is still open)', async () => {
    await session.run('CREATE TABLE kept_rows (v INTEGER); BEGIN TRANSACTION; INSERT INTO kept_rows VALUES (1)');
    await expect(session.run('ROLLBACK TO SAVEPOINT a')).rejects.toThrow(/Parse exception/);
    expect(await streamedRows(session, 'SELECT i FROM range(100000) t(i)')).toBe(100_000);
    await session.run('COMMIT');
    expect((await session.run('SELECT count(*) AS n FROM kept_rows'))[0]!.rows).toEqual([[1n]]);
  });

  it('checks a prepared query run by EXECUTE too', async () => {
    await session.run(`PREPARE late AS ${CASTING}`);
    await expect(streamedRows(session, 'EXECUTE late')).rejects.toThrow(/the query failed while its rows were read: DuckDB ended them early without saying why/);
  });

  it('does not run again a query whose work a second run would repeat (a sequence), and says so', async () => {
    await session.run('CREATE SEQUENCE counter');
    await expect(streamedRows(session, CASTING.replace('SELECT ', 'SELECT nextval(\'counter\') AS n, '))).rejects.toThrow(
      /it was not run again to find out, since it calls nextval, whose work would be repeated; run it without that to see why/,
    );
  });

  it('does not take the sandbox refusing /dev/null for the reason', async () => {
    const sandboxed = await Session.open({ credentials, settings: { 'ossduck.sandbox': 'true' } });
    try {
      await expect(streamedRows(sandboxed, CASTING)).rejects.toThrow(/the query failed while its rows were read: DuckDB ended them early without saying why, and running it again did not bring its reason out/);
    } finally {
      await sandboxed.close();
    }
  });
});
