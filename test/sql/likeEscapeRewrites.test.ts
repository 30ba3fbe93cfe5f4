import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session } from '../../src/session/Session.js';
import { textRows } from '../support/sessionProbe.js';
import { splitStatements } from '../../src/sql/splitStatements.js';
import { toDuckSql } from '../../src/sql/toDuckSql.js';
import vectorFile from '../fixtures/maxcompute/like-escape-vectors.json' with { type: 'json' };

/** A documented LIKE as SQL and its value as text, with the page it is from. */
interface DocumentedMatch {
  readonly sql: string;
  readonly result: string;
  readonly url: string;
  readonly doc: string;
}
const MATCHES: readonly DocumentedMatch[] = vectorFile.vectors;

describe("LIKE with MaxCompute's backslash escape", () => {
  let session: Session;
  beforeAll(async () => {
    session = await Session.open();
  });
  afterAll(async () => {
    await session.close();
  });

  it.each(MATCHES)('$sql is $result ($url)', async ({ sql, result }) => {
    expect(await textRows(session, `SELECT ${sql}`)).toEqual([[result]]);
  });

  it('filters a table on an escaped underscore, in WHERE and in CASE', async () => {
    const rows = await textRows(
      session,
      `CREATE TABLE files(k STRING); INSERT INTO files VALUES ('a_1.txt'), ('ab1.txt'), ('a_2.log'), ('100%.csv');
       SELECT k, CASE WHEN k LIKE '%\\\\%%' THEN 'percent' ELSE 'plain' END FROM files WHERE k LIKE 'a\\\\_%' OR k LIKE '100\\\\%%' ORDER BY k`,
    );
    expect(rows).toEqual([
      ['100%.csv', 'percent'],
      ['a_1.txt', 'plain'],
      ['a_2.log', 'plain'],
    ]);
  });

  it('keeps a backslash before any other character an ordinary character, as before', async () => {
    // MaxCompute's pages say nothing of it; Hive's LIKE, which MaxCompute's follows, escapes only % and _.
    expect(await textRows(session, "SELECT 'a\\\\b' LIKE 'a\\\\b%', 'a\\\\_' LIKE '%\\\\\\_', 'a\\\\' LIKE 'a\\\\'")).toEqual([['true', 'true', 'true']]);
  });

  it('gives DuckDB ESCAPE only for a whole pattern literal with an escaped % or _', () => {
    const duck = (sql: string): string => toDuckSql(splitStatements(sql)[0]!);
    expect(duck("SELECT k FROM t WHERE k LIKE 'a\\\\_%' AND j NOT LIKE '100\\\\%'")).toBe(
      "SELECT k FROM t WHERE k LIKE 'a\\_%' ESCAPE '\\' AND j NOT LIKE '100\\%' ESCAPE '\\'",
    );
    for (const sql of ["SELECT k LIKE 'a\\\\_' || x", "SELECT k LIKE 'a\\\\_' ESCAPE '#'", "SELECT 'a\\\\_%' LIKE k", "SELECT k LIKE 'a\\\\b'"]) {
      expect(duck(sql)).not.toContain("ESCAPE '\\'");
    }
  });

  it('leaves a pattern with its own ESCAPE clause as written', async () => {
    expect(await textRows(session, "SELECT 'a_b' LIKE 'a#_b' ESCAPE '#', 'a\\\\b' LIKE 'a\\\\b' ESCAPE '#'")).toEqual([['true', 'true']]);
  });
});
