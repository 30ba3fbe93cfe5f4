import { describe, expect, it } from 'vitest';
import { suiteSession } from '../support/suiteSession.js';
import { itCastsAsDocumented } from '../support/documentedCalls.js';
import { textRows } from '../support/sessionProbe.js';
import vectorFile from '../fixtures/maxcompute/boolean-cast-vectors.json' with { type: 'json' };

describe('CAST to BOOLEAN', () => {
  const session = suiteSession();

  itCastsAsDocumented(session, vectorFile.vectors);

  it('casts every row of a STRING column, the empty one to false', async () => {
    const rows = await textRows(session(), "SELECT typeof(CAST(s AS BOOLEAN)), CAST(s AS BOOLEAN) FROM (VALUES (1, 'N'), (2, ''), (3, 'false'), (4, NULL)) v(i, s) ORDER BY i");
    expect(rows).toEqual([
      ['BOOLEAN', 'true'],
      ['BOOLEAN', 'false'],
      ['BOOLEAN', 'true'],
      ['BOOLEAN', 'NULL'],
    ]);
  });
});
