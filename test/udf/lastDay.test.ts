import { describe, expect, it } from 'vitest';
import { Session } from '../../src/session/Session.js';
import { suiteSession } from '../support/suiteSession.js';
import { failureOf, textRows } from '../support/sessionProbe.js';
import { itAnswersAsDocumented, itRefusesAsDocumented } from '../support/documentedCalls.js';
import vectorFile from '../fixtures/maxcompute/last-day-vectors.json' with { type: 'json' };

describe("LAST_DAY, MaxCompute's last day of a month, quarter, year or week", () => {
  const session = suiteSession();

  itAnswersAsDocumented(session, vectorFile.vectors);

  itRefusesAsDocumented(session, vectorFile.errors);

  it('reads every row of a table, as the pages\' sample table mf_date_fun_t, and fails on a NULL date in any row', async () => {
    const rows = await textRows(
      session(),
      `SELECT id, LAST_DAY(date1), LAST_DAY(datetime1), CAST(LAST_DAY(timestamp1, 'q') AS VARCHAR), LAST_DAY(date3)
        FROM (VALUES
          (1, DATE '2021-11-29', DATETIME '2021-11-29 00:01:00', TIMESTAMP '2021-01-11 00:00:00.123456789', '2021-11-20'),
          (2, DATE '2021-02-28', DATETIME '2021-12-28 00:02:00', TIMESTAMP '2021-06-11 00:00:00.123456789', '2020-02-21')
        ) mf_date_fun_t(id, date1, datetime1, timestamp1, date3) ORDER BY id`,
    );
    expect(rows).toEqual([
      ['1', '2021-11-30', '2021-11-30', '2021-03-31', '2021-11-30'],
      ['2', '2021-02-28', '2021-12-31', '2021-06-30', '2020-02-29'],
    ]);
    const failure = await failureOf(session(), "SELECT LAST_DAY(d) FROM (VALUES ('2021-11-29'), (NULL)) t(d)");
    expect(failure.message).toMatch(/LAST_DAY: date \(argument 1\) is NULL/);
  });
});
