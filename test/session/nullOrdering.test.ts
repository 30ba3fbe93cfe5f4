import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session } from '../../src/session/Session.js';

// MaxCompute's SELECT syntax: in ORDER BY, NULL is taken as smaller than any value (as MySQL does):
// first in ascending order, last in descending order. DuckDB's own default puts NULLs last both ways.
describe('NULL in ORDER BY, as MaxCompute sorts it', () => {
  let session: Session;
  beforeAll(async () => {
    session = await Session.open({});
    await session.run("CREATE TABLE n (k STRING, v BIGINT); INSERT INTO n VALUES ('a', 2), ('b', NULL), ('c', 1)");
  });
  afterAll(async () => {
    await session.close();
  });

  const keys = async (sql: string): Promise<unknown[]> => {
    const [result] = await session.run(sql);
    return result!.rows.map((row) => row[0]);
  };

  it('comes first in ascending order, given or not', async () => {
    expect(await keys('SELECT k FROM n ORDER BY v')).toEqual(['b', 'c', 'a']);
    expect(await keys('SELECT k FROM n ORDER BY v ASC')).toEqual(['b', 'c', 'a']);
  });

  it('comes last in descending order', async () => {
    expect(await keys('SELECT k FROM n ORDER BY v DESC')).toEqual(['a', 'c', 'b']);
  });

  it('is ordered the same way in a window, so ROW_NUMBER picks the rows MaxCompute picks', async () => {
    expect(await keys('SELECT k FROM (SELECT k, ROW_NUMBER() OVER (ORDER BY v) AS r FROM n) WHERE r = 1')).toEqual(['b']);
    expect(await keys('SELECT k FROM (SELECT k, ROW_NUMBER() OVER (ORDER BY v DESC) AS r FROM n) WHERE r = 3')).toEqual(['b']);
  });

  it('goes where NULLS FIRST or NULLS LAST says, when the query says', async () => {
    expect(await keys('SELECT k FROM n ORDER BY v ASC NULLS LAST')).toEqual(['c', 'a', 'b']);
    expect(await keys('SELECT k FROM n ORDER BY v DESC NULLS FIRST')).toEqual(['b', 'a', 'c']);
  });
});
