import nodeSqlParser from 'node-sql-parser/build/hive.js';
import { describe, expect, it } from 'vitest';
import { checkPortability } from '../../../src/sql/portability/checkPortability.js';

const { Parser } = nodeSqlParser as unknown as typeof import('node-sql-parser');

/**
 * Why the portability check reads ossduck's own tokens rather than
 * node-sql-parser's hive grammar (README, "Will it run on MaxCompute?"):
 * that grammar refuses MaxCompute SQL that MaxCompute runs, and reads
 * DuckDB's `::` cast as if it were Hive's. Should a later version read
 * these, the check could use it: this test says when.
 */
describe("node-sql-parser's hive dialect as a judge of MaxCompute SQL", () => {
  const parser = new Parser();
  const parses = (sql: string): boolean => {
    try {
      parser.astify(sql, { database: 'hive' });
      return true;
    } catch {
      return false;
    }
  };

  it('refuses MaxCompute statements that MaxCompute runs (and the check passes)', () => {
    const maxCompute = [
      "SELECT key, GET_SIGNED_URL_FROM_OSS('p.s.docs', key) AS url FROM docs",
      'FROM sale_detail WHERE total_price > 100 SELECT region, MAX(total_price) GROUP BY region',
      'SELECT TRANSFORM(ARRAY(1, 2, 3), x -> x + 1)',
      'SELECT t.a, SUM(t.a) OVER (PARTITION BY t.b) AS c FROM VALUES (1, 2), (2, 3) t(a, b) QUALIFY c > 1',
      'SELECT shop_name FROM sale_detail DISTRIBUTE BY shop_name SORT BY total_price',
    ];
    for (const sql of maxCompute) {
      expect(parses(sql), sql).toBe(false);
      expect(checkPortability(sql), sql).toEqual([]);
    }
  });

  it("reads DuckDB's :: cast without complaint (and the check flags it)", () => {
    expect(parses('SELECT x::INT FROM t')).toBe(true);
    expect(checkPortability('SELECT x::INT FROM t').map((f) => f.code)).toEqual(['cast-operator']);
  });
});
