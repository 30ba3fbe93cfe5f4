import { describe, expect, it } from 'vitest';
import { Session } from '../../src/session/Session.js';
import { suiteSession } from '../support/suiteSession.js';
import { textRows } from '../support/sessionProbe.js';
import vectorFile from '../fixtures/maxcompute/logarithm-vectors.json' with { type: 'json' };

/** A documented call, its value as text and its DuckDB type, with the page it is from. */
interface DocumentedCall {
  readonly sql: string;
  readonly result: string;
  readonly type: string;
  readonly url: string;
  readonly doc: string;
}
const CALLS: readonly DocumentedCall[] = vectorFile.vectors;

describe("LN, LOG and SQRT, MaxCompute's NULL outside their domain", () => {
  const session = suiteSession();

  it.each(CALLS)('$sql gives $result ($url)', async ({ sql, result, type }) => {
    expect(await textRows(session(), `SELECT ${sql}, typeof(${sql})`)).toEqual([[result, type]]);
  });

  it('answers a column holding zeros and negatives row by row, rather than failing the statement', async () => {
    const rows = await textRows(
      session(),
      'SELECT x, ln(x), log(10, x), sqrt(x) FROM (VALUES (100.0), (0.0), (-4.0), (NULL)) t(x) ORDER BY x NULLS LAST',
    );
    expect(rows).toEqual([
      ['-4.0', 'NULL', 'NULL', 'NULL'],
      ['0.0', 'NULL', 'NULL', '0'],
      ['100.0', '4.605170185988092', '2', '10'],
      ['NULL', 'NULL', 'NULL', 'NULL'],
    ]);
  });

  it("keeps DuckDB's one-argument log, the base-10 logarithm", async () => {
    expect(await textRows(session(), 'SELECT log(1000)')).toEqual([['3']]);
  });
});
