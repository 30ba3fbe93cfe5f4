import { describe, expect, it } from 'vitest';
import { Session } from '../../src/session/Session.js';
import { suiteSession } from '../support/suiteSession.js';
import { textRows } from '../support/sessionProbe.js';
import { itQueriesAsDocumented } from '../support/documentedCalls.js';
import vectorFile from '../fixtures/maxcompute/count-distinct-vectors.json' with { type: 'json' };

describe('COUNT(DISTINCT a, b), counting distinct tuples without a NULL', () => {
  const session = suiteSession(async () => {
    const opened = await Session.open();
    await opened.run('CREATE TABLE t AS SELECT * FROM (VALUES (1, 1, 2), (1, 1, 2), (1, 1, 3), (1, NULL, 3), (2, 2, NULL)) v(g, a, b)');
    return opened;
  });

  itQueriesAsDocumented(session, vectorFile.vectors);

  it('names the column as MaxCompute does (_c0)', async () => {
    const results = await session().run('SELECT count(DISTINCT a, b) FROM t');
    expect(results[0]!.columnNames).toEqual(['_c0']);
  });
});
