import { describe, expect, it } from 'vitest';
import { Session } from '../../src/session/Session.js';
import { suiteSession } from '../support/suiteSession.js';
import { textRows } from '../support/sessionProbe.js';
import { itQueriesAsDocumented } from '../support/documentedCalls.js';
import vectorFile from '../fixtures/maxcompute/collect-vectors.json' with { type: 'json' };

describe("WM_CONCAT, COLLECT_LIST and COLLECT_SET, MaxCompute's collecting aggregates", () => {
  const session = suiteSession(async () => {
    const opened = await Session.open();
    await opened.run("CREATE TABLE t AS SELECT * FROM (VALUES (1, 'b'), (1, NULL), (1, 'a'), (1, 'b'), (2, NULL)) v(g, v)");
    return opened;
  });

  itQueriesAsDocumented(session, vectorFile.vectors);

  it('collects over a window as well as in a group', async () => {
    const rows = await textRows(session(), 'SELECT DISTINCT g, list_sort(collect_list(v) OVER (PARTITION BY g)) FROM t ORDER BY g');
    expect(rows).toEqual([
      ['1', "['a', 'b', 'b']"],
      ['2', 'NULL'],
    ]);
  });
});
