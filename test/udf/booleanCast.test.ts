import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session } from '../../src/session/Session.js';
import { textRows } from '../support/sessionProbe.js';
import vectorFile from '../fixtures/maxcompute/boolean-cast-vectors.json' with { type: 'json' };

/** A documented cast, its value as text, and DuckDB's own where it differs, with the page it is from. */
interface DocumentedCast {
  readonly sql: string;
  readonly result: string;
  readonly duckdb?: string;
  readonly url: string;
  readonly doc: string;
}
const CASTS: readonly DocumentedCast[] = vectorFile.vectors;

let session: Session;
const one = async (sql: string): Promise<string> => (await textRows(session, `SELECT ${sql}`))[0]![0]!;

describe('CAST to BOOLEAN', () => {
  beforeAll(async () => {
    session = await Session.open();
  });
  afterAll(async () => {
    await session.close();
  });

  it.each(CASTS)('$sql gives $result ($url)', async ({ sql, result, duckdb }) => {
    expect(await one(sql)).toBe(result);
    // DuckDB's own cast, spelled so ossduck leaves it as written, reads the words.
    if (duckdb !== undefined) expect(await one(sql.replace(/CAST\((.*) AS (\w+)\)$/, '($1)::$2'))).toBe(duckdb);
  });

  it('casts every row of a STRING column, the empty one to false', async () => {
    const rows = await textRows(session, "SELECT typeof(CAST(s AS BOOLEAN)), CAST(s AS BOOLEAN) FROM (VALUES (1, 'N'), (2, ''), (3, 'false'), (4, NULL)) v(i, s) ORDER BY i");
    expect(rows).toEqual([
      ['BOOLEAN', 'true'],
      ['BOOLEAN', 'false'],
      ['BOOLEAN', 'true'],
      ['BOOLEAN', 'NULL'],
    ]);
  });
});
