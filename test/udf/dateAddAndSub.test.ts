import { describe, expect, it } from 'vitest';
import { Session } from '../../src/session/Session.js';
import { suiteSession } from '../support/suiteSession.js';
import { failureOf, textRows } from '../support/sessionProbe.js';
import { itAnswersAsDocumented, itRefusesAsDocumented } from '../support/documentedCalls.js';
import vectorFile from '../fixtures/maxcompute/date-add-sub-vectors.json' with { type: 'json' };

describe("DATE_ADD and DATE_SUB, MaxCompute's whole-day shifts", () => {
  const session = suiteSession();

  itAnswersAsDocumented(session, vectorFile.vectors);

  itRefusesAsDocumented(session, vectorFile.errors);

  it("shifts every row of a table, as the pages' sample table mf_date_fun_t, and fails on a NULL startdate in any row", async () => {
    const rows = await textRows(
      session(),
      `SELECT id, CAST(DATE_ADD(date1, id) AS VARCHAR), CAST(DATE_SUB(datetime1, id) AS VARCHAR), CAST(DATE_ADD(timestamp1, -id) AS VARCHAR)
        FROM (VALUES
          (1, DATE '2021-11-29', DATETIME '2021-11-29 00:01:00', TIMESTAMP '2021-01-11 00:00:00.123456789'),
          (2, DATE '2021-11-28', DATETIME '2021-11-28 00:02:00', TIMESTAMP '2021-02-11 00:00:00.123456789')
        ) mf_date_fun_t(id, date1, datetime1, timestamp1) ORDER BY id`,
    );
    expect(rows).toEqual([
      ['1', '2021-11-30', '2021-11-28', '2021-01-10'],
      ['2', '2021-11-30', '2021-11-26', '2021-02-09'],
    ]);
    const failure = await failureOf(session(), "SELECT DATE_SUB(d, 1) FROM (VALUES (DATE '2021-11-29'), (NULL)) t(d)");
    expect(failure.message).toMatch(/DATE_SUB: date \(argument 1\) is NULL/);
  });
});
