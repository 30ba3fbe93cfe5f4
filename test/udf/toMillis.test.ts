import { describe, expect, it } from 'vitest';
import { Session } from '../../src/session/Session.js';
import { suiteSession } from '../support/suiteSession.js';
import { failureOf, textRows } from '../support/sessionProbe.js';
import { itAnswersAsDocumented, itRefusesAsDocumented } from '../support/documentedCalls.js';
import vectorFile from '../fixtures/maxcompute/to-millis-vectors.json' with { type: 'json' };

describe("TO_MILLIS, MaxCompute's milliseconds since 1970", () => {
  const session = suiteSession();

  itAnswersAsDocumented(session, vectorFile.vectors);

  itRefusesAsDocumented(session, vectorFile.errors);

  it('reads every row of a table, as the pages\' sample table mf_date_fun_t, and fails on a NULL date in any row', async () => {
    const rows = await textRows(
      session(),
      `SELECT id, TO_MILLIS(datetime1), TO_MILLIS(timestamp1)
        FROM (VALUES
          (1, DATETIME '2021-11-29 00:01:00', TIMESTAMP '2021-01-11 00:00:00.123456789'),
          (2, DATETIME '2021-11-28 00:02:00', TIMESTAMP '2021-02-11 00:00:00.123456789')
        ) mf_date_fun_t(id, datetime1, timestamp1) ORDER BY id`,
    );
    expect(rows).toEqual([
      ['1', '1638115260000', '1610294400123'],
      ['2', '1638028920000', '1612972800123'],
    ]);
    const failure = await failureOf(session(), "SELECT TO_MILLIS(d) FROM (VALUES (DATETIME '2021-11-29 00:00:00'), (NULL)) t(d)");
    expect(failure.message).toMatch(/TO_MILLIS: date \(argument 1\) is NULL/);
  });
});
