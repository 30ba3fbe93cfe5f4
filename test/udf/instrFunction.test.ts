import { describe, expect, it } from 'vitest';
import { suiteSession } from '../support/suiteSession.js';
import { failureOf, textRows } from '../support/sessionProbe.js';
import { itFollowsDocumentedRules } from '../support/documentedCalls.js';
import vectorFile from '../fixtures/maxcompute/instr-vectors.json' with { type: 'json' };

describe("INSTR, MaxCompute's start position and nth appearance", () => {
  const session = suiteSession();

  itFollowsDocumentedRules(session, vectorFile.vectors, 'BIGINT');

  it('searches the values of a table column, refusing a bad nth_appearance only on the rows that reach it', async () => {
    const rows = await textRows(session(), "SELECT instr(s, 'a', 2, n) FROM (VALUES (1, 'banana', 1), (2, 'banana', 2), (3, NULL, 1), (4, 'xyz', 1)) t(i, s, n) ORDER BY i");
    expect(rows).toEqual([['2'], ['4'], ['NULL'], ['0']]);
    const failure = await failureOf(session(), "SELECT instr('banana', 'a', 1, n) FROM (VALUES (1), (-1)) t(n)");
    expect(failure.message).toMatch(/INSTR: nth_appearance \(argument 4\) must be 1 or more, got -1/);
  });
});
