import { describe, expect, it } from 'vitest';
import { suiteSession } from '../support/suiteSession.js';
import { textRows } from '../support/sessionProbe.js';
import { itFollowsDocumentedRules } from '../support/documentedCalls.js';
import vectorFile from '../fixtures/maxcompute/case-conversion-vectors.json' with { type: 'json' };

describe("TOLOWER and TOUPPER, MaxCompute's case conversion", () => {
  const session = suiteSession();

  itFollowsDocumentedRules(session, vectorFile.vectors, 'VARCHAR');

  it('converts the values of a table column, each row on its own', async () => {
    const rows = await textRows(session(), "SELECT tolower(v), toupper(v) FROM (VALUES (1, 'Ab'), (2, NULL), (3, '')) t(i, v) ORDER BY i");
    expect(rows).toEqual([
      ['ab', 'AB'],
      ['NULL', 'NULL'],
      ['', ''],
    ]);
  });
});
