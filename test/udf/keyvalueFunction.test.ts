import { describe, expect, it } from 'vitest';
import { suiteSession } from '../support/suiteSession.js';
import { itAnswersAsDocumented } from '../support/documentedCalls.js';
import { textRows } from '../support/sessionProbe.js';
import vectorFile from '../fixtures/maxcompute/keyvalue-vectors.json' with { type: 'json' };

describe("KEYVALUE, MaxCompute's value of a key in a key-value string", () => {
  const session = suiteSession();

  itAnswersAsDocumented(session, vectorFile.vectors);

  it('reads every row of a column, each with its own key', async () => {
    const rows = await textRows(
      session(),
      "SELECT i, KEYVALUE(s, k), KEYVALUE(s, '&', '=', k) FROM (VALUES (1, 'a:1;b:2', 'b'), (2, 'a=1&b=2', 'a'), (3, NULL, 'a'), (4, 'x:9', NULL)) t(i, s, k) ORDER BY i",
    );
    expect(rows).toEqual([
      ['1', '2', 'NULL'],
      ['2', 'NULL', '1'],
      ['3', 'NULL', 'NULL'],
      ['4', 'NULL', 'NULL'],
    ]);
  });
});
