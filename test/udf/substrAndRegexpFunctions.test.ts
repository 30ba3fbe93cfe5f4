import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session } from '../../src/session/Session.js';
import { failureOf, textRows } from '../support/sessionProbe.js';
import type { DocumentedRule } from '../support/documentedCalls.js';
import vectorFile from '../fixtures/maxcompute/string-function-vectors.json' with { type: 'json' };

const RULES: readonly DocumentedRule[] = vectorFile.vectors;

let session: Session;
const one = async (sql: string): Promise<string> => (await textRows(session, `SELECT ${sql}`))[0]![0]!;

/**
 * MaxCompute's documented examples (SUBSTR, SUBSTRING, REGEXP_EXTRACT,
 * REGEXP_REPLACE, FLOOR and SPLIT pages, MaxCompute 2.0 data types), with the results they
 * show; the last column is what DuckDB's function of the same name gives,
 * where it differs.
 */
const DOCUMENTED: readonly [sql: string, result: string, duckdb?: string][] = [
  ["substr('abc', 2)", 'bc'],
  ["substr('abc', 2, 1)", 'b'],
  ["substr('abc', -2, 2)", 'bc'],
  ["substring('abc', -3, 2)", 'ab'],
  ["substring('abc', 0)", '', 'abc'],
  ["substr('abcde', 0, 2)", '', 'a'],
  ["substr('abcde', 2, -1)", '', 'a'],
  ["substr('abc', -5, 2)", ''],
  ["substr('abc', NULL)", 'NULL'],
  ["substr('abc', 1, NULL)", 'NULL'],
  ["regexp_extract('basketball', 'bas(.*?)(ball)')", 'ket', 'basketball'],
  ["regexp_extract('basketball', 'bas(.*?)(ball)', 0)", 'basketball'],
  ["regexp_extract('basketball', 'bas(.*?)(ball)', 2)", 'ball'],
  ["regexp_extract('8d99d8', '8d(\\\\d+)d8')", '99', '8d99d8'],
  ["regexp_extract(NULL, 'a(b)')", 'NULL'],
  ["regexp_replace('a b c', ' ', '_')", 'a_b_c', 'a_b c'],
  ["regexp_replace('a b c', ' ', '_', 0)", 'a_b_c'],
  ["regexp_replace('a b c', ' ', '_', 1)", 'a_b c'],
  ["regexp_replace('abcd', '(b)(c)', '\\\\2\\\\1')", 'acbd'],
  ["regexp_replace('2020-01-02', '-', '')", '20200102', '202001-02'],
  ["regexp_replace(NULL, 'a', 'b')", 'NULL'],
  ["regexp_replace('a', 'a', 'b', NULL)", 'NULL'],
  ['floor(1.2)', '1'],
  ['floor(-1.2)', '-2'],
  ['floor(-0.1)', '-1'],
  ['floor(null)', 'NULL'],
  ['floor(CAST(2.5 AS DOUBLE))', '2'],
  ['ceil(CAST(2.1 AS DOUBLE))', '3'],
  ['ceiling(-1.5)', '-1'],
  ["concat('bucket_', floor(350 / 100))", 'bucket_3'],
  ["split('a,b,c', ',')", "['a', 'b', 'c']"],
  ["split('a,b,c', ':')", "['a,b,c']"],
  ["split('a,,b', ',')", "['a', '', 'b']"],
  ["split('a::b::c', '::')", "['a', 'b', 'c']"],
  ["split('a,b,c,,', ',')", "['a', 'b', 'c']", "['a', 'b', 'c', '', '']"],
  ["split('a,b,c,,', ',', false)", "['a', 'b', 'c', '', '']"],
  ["split('1a2b3c', '[abc]')", "['1', '2', '3']", "['1a2b3c']"],
  ["split('a,b', NULL)", 'NULL'],
];

describe('SUBSTR, SUBSTRING, REGEXP_EXTRACT, REGEXP_REPLACE, FLOOR, CEIL and SPLIT, as MaxCompute documents them', () => {
  beforeAll(async () => {
    session = await Session.open();
  });
  afterAll(async () => {
    await session.close();
  });

  it.each(DOCUMENTED)('%s gives %j', async (sql, result, duckdb) => {
    if (duckdb !== undefined) expect(await one(sql.replace(/^(\w+)\(/, 'system.main.$1('))).toBe(duckdb);
    expect(await one(sql)).toBe(result);
  });

  it.each(RULES)('$sql follows $url', async ({ sql, result, error }) => {
    if (error === undefined) {
      expect(await one(sql)).toBe(result);
    } else {
      const failure = await failureOf(session, `SELECT ${sql}`);
      expect(failure.format().split('\n')).toHaveLength(1);
      expect(failure.format()).toContain(error);
    }
  });

  it('gives FLOOR and CEIL as BIGINT, so a key built from one has no fraction', async () => {
    expect(await textRows(session, 'SELECT typeof(floor(CAST(7 AS DOUBLE) / 2)), typeof(ceil(2.5)), typeof(ceiling(CAST(1 AS FLOAT)))')).toEqual([['BIGINT', 'BIGINT', 'BIGINT']]);
    expect(await one("system.main.concat('bucket_', system.main.floor(350 / 100))")).toBe('bucket_3.0');
  });

  it("refuses REGEXP_REPLACE's n-th occurrence past the first, naming what is allowed", async () => {
    const error = await failureOf(session, "SELECT regexp_replace('a b c', ' ', '_', 2)");
    expect(error.format()).toBe(
      'FAILED: ODPS-0121065:[1,8] Argument value out of range - REGEXP_REPLACE: occurrence (argument 4) 2 is not supported; allowed 0 (every match) or 1 (the first match)',
    );
  });

  it('builds object keys as MaxCompute would: every separator replaced, the first group taken', async () => {
    const rows = await textRows(
      session,
      `SELECT regexp_replace(name, '[ /]', '_') || '/' || regexp_extract(name, '(\\\\d+)') || '/' || substr(name, 0, 3) AS key
        FROM (VALUES ('my photo 2024 a/b')) v(name)`,
    );
    expect(rows).toEqual([['my_photo_2024_a_b/2024/']]);
  });
});
