import { describe, expect, it } from 'vitest';
import { Session } from '../../src/session/Session.js';
import { suiteSession } from '../support/suiteSession.js';
import { failureOf, textRows } from '../support/sessionProbe.js';
import { itAnswersAsDocumented, itRefusesAsDocumented } from '../support/documentedCalls.js';
import vectorFile from '../fixtures/maxcompute/datepart-vectors.json' with { type: 'json' };

describe("DATEPART and DATETRUNC, MaxCompute's date-first functions", () => {
  const session = suiteSession();

  itAnswersAsDocumented(session, vectorFile.vectors);

  itRefusesAsDocumented(session, vectorFile.errors);

  it("reads every row of a table, as the pages' sample table mf_date_fun_t, in one statement", async () => {
    const rows = await textRows(
      session(),
      `SELECT id, DATEPART(date1, 'dd'), DATEPART(datetime1, 'mi'), DATEPART(timestamp1, 'mm'),
          CAST(DATETRUNC(date1, 'mm') AS VARCHAR), CAST(DATETRUNC(datetime1, 'week') AS VARCHAR), CAST(DATETRUNC(timestamp1, 'yyyy') AS VARCHAR)
        FROM (VALUES
          (1, DATE '2021-11-29', DATETIME '2021-11-29 00:01:00', TIMESTAMP '2021-01-11 00:00:00.123456789'),
          (2, DATE '2021-11-28', DATETIME '2021-11-28 00:02:00', TIMESTAMP '2021-02-11 00:00:00.123456789'),
          (3, DATE '2021-11-27', DATETIME '2021-11-27 00:03:00', TIMESTAMP '2021-03-11 00:00:00.123456789')
        ) mf_date_fun_t(id, date1, datetime1, timestamp1) ORDER BY id`,
    );
    expect(rows).toEqual([
      ['1', '29', '1', '1', '2021-11-01', '2021-11-29 00:00:00', '2021-01-01 00:00:00+08'],
      ['2', '28', '2', '2', '2021-11-01', '2021-11-22 00:00:00', '2021-01-01 00:00:00+08'],
      ['3', '27', '3', '3', '2021-11-01', '2021-11-22 00:00:00', '2021-01-01 00:00:00+08'],
    ]);
  });

  it("fails on a NULL date in any row, as MaxCompute does, not only on a NULL literal", async () => {
    const failure = await failureOf(session(), "SELECT DATEPART(d, 'yyyy') FROM (VALUES (DATE '2021-11-29'), (NULL)) t(d)");
    expect(failure.message).toMatch(/DATEPART: date \(argument 1\) is NULL/);
  });

  it('reads and cuts a TIMESTAMP in the session zone, on the day the clocks go forward (America/New_York)', async () => {
    const zoned = await Session.open();
    try {
      const [row] = await textRows(
        zoned,
        `SET odps.sql.timezone=America/New_York;
         SELECT CAST(DATETRUNC(TIMESTAMP '2024-03-10 12:00:00', 'dd') AS VARCHAR), CAST(DATETRUNC(TIMESTAMP '2024-03-10 12:00:00', 'hh') AS VARCHAR),
           DATEPART(TIMESTAMP '2024-03-10 12:00:00', 'hh'), DATEPART(TIMESTAMP '2024-03-10 00:30:00', 'dd')`,
      );
      expect(row).toEqual(['2024-03-10 00:00:00-05', '2024-03-10 12:00:00-04', '12', '10']);
    } finally {
      await zoned.close();
    }
  });

  it("leaves DuckDB's part-first date_part and date_trunc as they are", async () => {
    const [row] = await textRows(
      session(),
      "SELECT date_part('year', DATE '2013-06-08'), CAST(date_trunc('month', DATETIME '2013-06-08 01:10:45') AS VARCHAR), extract(month FROM DATE '2013-06-08')",
    );
    expect(row).toEqual(['2013', '2013-06-01 00:00:00', '6']);
  });
});
