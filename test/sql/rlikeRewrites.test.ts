import { describe, expect, it } from 'vitest';
import { suiteSession } from '../support/suiteSession.js';
import { textRows } from '../support/sessionProbe.js';
import vectorFile from '../fixtures/maxcompute/rlike-vectors.json' with { type: 'json' };

/** A documented rule as an expression and its value, with the page it is from. */
interface DocumentedRule {
  readonly sql: string;
  readonly result: string;
  readonly url: string;
  readonly doc: string;
}
const RULES: readonly DocumentedRule[] = vectorFile.vectors;

describe("RLIKE, MaxCompute's regular expression operator", () => {
  const session = suiteSession();

  it.each(RULES)('$sql ($url)', async ({ sql, result }) => {
    expect(await textRows(session(), `SELECT ${sql}`)).toEqual([[result]]);
  });

  it('matches the rows of a table against a pattern column, in WHERE and in the select list', async () => {
    const rows = await textRows(
      session(),
      "SELECT i, k RLIKE p, k NOT RLIKE t.p FROM (VALUES (1, 'photos/a.jpg', '\\\\.jpg$'), (2, 'photos/a.png', 'jpg'), (3, NULL, 'a')) t(i, k, p) WHERE i < 4 AND (k RLIKE '^photos/' OR k IS NULL) ORDER BY i",
    );
    expect(rows).toEqual([
      ['1', 'true', 'false'],
      ['2', 'false', 'true'],
      ['3', 'NULL', 'NULL'],
    ]);
  });

  it('leaves rlike inside a string and as a column name alone', async () => {
    expect(await textRows(session(), "SELECT 'a RLIKE b' AS rlike")).toEqual([['a RLIKE b']]);
  });
});
