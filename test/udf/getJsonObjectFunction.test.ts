import { describe, expect, it } from 'vitest';
import { suiteSession } from '../support/suiteSession.js';
import { textRows } from '../support/sessionProbe.js';
import { itFollowsDocumentedRules } from '../support/documentedCalls.js';
import vectorFile from '../fixtures/maxcompute/get-json-object-vectors.json' with { type: 'json' };

describe("GET_JSON_OBJECT, MaxCompute's JSON path extraction", () => {
  const session = suiteSession();

  itFollowsDocumentedRules(session, vectorFile.vectors, 'VARCHAR');

  it('reads a table column, a malformed row giving NULL rather than failing the query', async () => {
    const rows = await textRows(
      session(),
      "SELECT get_json_object(j, '$.k.v'), get_json_object(j, '$.k') FROM (VALUES (1, '{\"k\":{\"v\":\"x\"}}'), (2, '{oops'), (3, NULL), (4, '{\"k\":[1]}')) t(i, j) ORDER BY i",
    );
    expect(rows).toEqual([
      ['x', '{"v":"x"}'],
      ['NULL', 'NULL'],
      ['NULL', 'NULL'],
      ['NULL', '[1]'],
    ]);
  });

  it('takes the path from a column, an invalid one giving NULL on its row', async () => {
    const rows = await textRows(
      session(),
      "SELECT get_json_object('{\"a\":{\"b\":2}}', p) FROM (VALUES (1, '$.a.b'), (2, 'bad'), (3, '$[''a'']'), (4, NULL)) t(i, p) ORDER BY i",
    );
    expect(rows).toEqual([['2'], ['NULL'], ['{"b":2}'], ['NULL']]);
  });
});
