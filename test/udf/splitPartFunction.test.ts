import { describe, expect, it } from 'vitest';
import { Session } from '../../src/session/Session.js';
import { suiteSession } from '../support/suiteSession.js';
import { failureOf, textRows } from '../support/sessionProbe.js';
import { itFollowsDocumentedRules } from '../support/documentedCalls.js';
import vectorFile from '../fixtures/maxcompute/split-part-vectors.json' with { type: 'json' };

describe("SPLIT_PART, MaxCompute's segments", () => {
  const session = suiteSession();

  itFollowsDocumentedRules(session, vectorFile.vectors, 'VARCHAR');

  it('splits the keys of a table column, one segment and a range of them', async () => {
    const rows = await textRows(
      session(),
      "SELECT split_part(k, '/', 2), split_part(k, '/', 2, 3) FROM (VALUES (1, 'a/b/c/d.jpg'), (2, 'top.txt'), (3, NULL)) t(i, k) ORDER BY i",
    );
    expect(rows).toEqual([
      ['b', 'b/c'],
      ['', ''],
      ['NULL', 'NULL'],
    ]);
  });

  it('refuses a start below 1 only on the rows that reach it, naming the function', async () => {
    const failure = await failureOf(session(), "SELECT split_part('a,b', ',', s) FROM (VALUES (1), (0)) t(s)");
    expect(failure.message).toMatch(/SPLIT_PART: start \(argument 3\) must be 1 or more, got 0/);
  });
});
