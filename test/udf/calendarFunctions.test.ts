import { describe, expect, it } from 'vitest';
import { Session } from '../../src/session/Session.js';
import { suiteSession } from '../support/suiteSession.js';
import { failureOf, textRows } from '../support/sessionProbe.js';
import { itAnswersAsDocumented, itRefusesAsDocumented } from '../support/documentedCalls.js';
import vectorFile from '../fixtures/maxcompute/calendar-vectors.json' with { type: 'json' };

describe("ADD_MONTHS, MONTHS_BETWEEN, NEXT_DAY and LASTDAY, MaxCompute's month functions", () => {
  const session = suiteSession();

  itAnswersAsDocumented(session, vectorFile.vectors);

  itRefusesAsDocumented(session, vectorFile.errors);

  it('reads every row of a table, as the pages\' sample table mf_date_fun_t, and fails on a NULL startdate in any row', async () => {
    const rows = await textRows(
      session(),
      `SELECT id, ADD_MONTHS(date1, id), CAST(MONTHS_BETWEEN(datetime1, date2) AS VARCHAR), NEXT_DAY(date3, 'mo'), CAST(LASTDAY(datetime1) AS VARCHAR)
        FROM (VALUES
          (1, DATE '2021-11-29', DATETIME '2021-11-30 00:00:00', DATE '2021-10-31', '2021-11-20'),
          (2, DATE '2021-12-31', DATETIME '2021-11-28 00:02:00', DATE '2021-10-28', '2021-11-22')
        ) mf_date_fun_t(id, date1, datetime1, date2, date3) ORDER BY id`,
    );
    expect(rows).toEqual([
      ['1', '2021-12-29', '1.0', '2021-11-22', '2021-11-30 00:00:00'],
      ['2', '2022-02-28', '1.0', '2021-11-29', '2021-11-30 00:00:00'],
    ]);
    const failure = await failureOf(session(), "SELECT ADD_MONTHS(d, 1) FROM (VALUES ('2021-11-29'), (NULL)) t(d)");
    expect(failure.message).toMatch(/ADD_MONTHS: startdate \(argument 1\) is NULL/);
  });
});
