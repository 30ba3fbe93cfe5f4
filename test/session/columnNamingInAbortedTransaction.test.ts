import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session } from '../../src/session/Session.js';

describe("MaxCompute's column names, asked inside a transaction a failed statement aborted", () => {
  let session: Session;
  beforeAll(async () => {
    session = await Session.open({});
    await session.run('CREATE TABLE k (v INTEGER); INSERT INTO k VALUES (1), (2)');
  });
  afterAll(async () => {
    await session.close();
  });

  it('are not remembered from there: once the transaction is rolled back, the query names its column _c0', async () => {
    const query = 'SELECT count(*) + 1 FROM k';
    await session.run('BEGIN TRANSACTION');
    await expect(session.run("SELECT CAST('x' AS INTEGER)")).rejects.toThrow(/Illegal type cast/);
    await expect(session.run(query)).rejects.toThrow(/ROLLBACK before going on/);
    await session.run('ROLLBACK');
    const [result] = await session.run(query);
    expect(result!.columnNames).toEqual(['_c0']);
    expect(result!.rows).toEqual([[3n]]);
  });
});
