import { describe, expect, it } from 'vitest';
import { suiteSession } from '../support/suiteSession.js';
import { itCastsAsDocumented } from '../support/documentedCalls.js';
import { failureOf, textRows } from '../support/sessionProbe.js';
import vectorFile from '../fixtures/maxcompute/integer-cast-vectors.json' with { type: 'json' };

describe('CAST to BIGINT, INT, SMALLINT and TINYINT', () => {
  const session = suiteSession();

  itCastsAsDocumented(session, vectorFile.vectors);

  it('keeps the type asked for', async () => {
    expect(await textRows(session(), "SELECT typeof(CAST(1.5 AS BIGINT)), typeof(CAST('1' AS INT)), typeof(CAST(1.5 AS SMALLINT)), typeof(CAST(1.5 AS TINYINT))")).toEqual([
      ['BIGINT', 'INTEGER', 'SMALLINT', 'TINYINT'],
    ]);
  });

  it('cuts every row of a column, and nests', async () => {
    const rows = await textRows(session(), 'SELECT CAST(CAST(x / 100 AS BIGINT) AS STRING) FROM (VALUES (350), (-350), (99)) v(x) ORDER BY x');
    expect(rows).toEqual([['-3'], ['0'], ['3']]);
  });

  it('refuses what is no number, and a value out of range, in one line naming the value', async () => {
    for (const [sql, value] of [
      ["SELECT CAST('abc' AS BIGINT)", 'abc'],
      ['SELECT CAST(CAST(1e30 AS DOUBLE) AS BIGINT)', '1e+30'],
      ["SELECT CAST('300.5' AS TINYINT)", '300'],
    ] as const) {
      const message = (await failureOf(session(), sql)).format();
      expect(message.split('\n')).toHaveLength(1);
      expect(message).toContain(value);
      expect(message).not.toContain('__ossduck');
    }
  });
});
