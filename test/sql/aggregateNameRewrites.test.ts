import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session } from '../../src/session/Session.js';
import { splitStatements } from '../../src/sql/splitStatements.js';
import { toDuckSql } from '../../src/sql/toDuckSql.js';
import { textRows } from '../support/sessionProbe.js';
import vectorFile from '../fixtures/maxcompute/aggregate-vectors.json' with { type: 'json' };

/** A documented aggregate as a query and its rows, with the page it is from. */
interface DocumentedAggregate {
  readonly sql: string;
  readonly result: readonly (readonly string[])[];
  readonly url: string;
  readonly doc: string;
}
const AGGREGATES: readonly DocumentedAggregate[] = vectorFile.vectors;

const duck = (sql: string): string => toDuckSql(splitStatements(sql)[0]!);

describe("STDDEV and VARIANCE, MaxCompute's population statistics", () => {
  let session: Session;
  beforeAll(async () => {
    session = await Session.open();
  });
  afterAll(async () => {
    await session.close();
  });

  it.each(AGGREGATES)('$sql ($url)', async ({ sql, result }) => {
    expect(await textRows(session, sql)).toEqual(result);
  });

  it('renames only calls of the two functions', () => {
    expect(duck('SELECT Stddev (x), VARIANCE(y) OVER () FROM t')).toBe('SELECT stddev_pop (x), var_pop(y) OVER () FROM t');
    for (const sql of ['SELECT stddev FROM t', 'SELECT t.stddev(x) FROM t', 'CREATE MACRO variance(x) AS x', 'SELECT "stddev"(x) FROM t', "SELECT 'stddev(x)'"]) {
      expect(duck(sql)).toBe(sql);
    }
  });

  it('computes per group over a table, as MaxCompute would', async () => {
    const rows = await textRows(
      session,
      `CREATE TABLE sal(dept BIGINT, sal BIGINT); INSERT INTO sal VALUES (10, 100), (10, 300), (20, 50), (20, NULL);
       SELECT dept, stddev(sal), variance(sal) FROM sal GROUP BY dept ORDER BY dept`,
    );
    expect(rows).toEqual([
      ['10', '100', '10000'],
      ['20', '0', '0'],
    ]);
  });
});
