import { describe, expect, it } from 'vitest';
import { Session } from '../../src/session/Session.js';
import { suiteSession } from '../support/suiteSession.js';
import { failureOf, textRows } from '../support/sessionProbe.js';
import { itAnswersAsDocumented, itRefusesAsDocumented } from '../support/documentedCalls.js';
import vectorFile from '../fixtures/maxcompute/date-format-vectors.json' with { type: 'json' };

describe("DATE_FORMAT, MaxCompute's Java-style date formats (2.0, not Hive-compatible)", () => {
  const session = suiteSession();

  itAnswersAsDocumented(session, vectorFile.vectors);

  itRefusesAsDocumented(session, vectorFile.errors);

  it('writes every row of a table, as the pages\' sample table mf_date_fun_t, and fails on a NULL date in any row', async () => {
    const rows = await textRows(
      session(),
      `SELECT id, DATE_FORMAT(timestamp1, 'yyyy-MM-dd HH:mi:ss.SSS'), DATE_FORMAT(datetime1, 'MM/dd/yyyy')
        FROM (VALUES
          (1, DATETIME '2021-11-29 00:01:00', TIMESTAMP '2021-01-11 00:00:00.123456789'),
          (2, DATETIME '2021-11-28 00:02:00', TIMESTAMP '2021-02-11 00:00:00.123456789')
        ) mf_date_fun_t(id, datetime1, timestamp1) ORDER BY id`,
    );
    expect(rows).toEqual([
      ['1', '2021-01-11 00:00:00.123', '11/29/2021'],
      ['2', '2021-02-11 00:00:00.123', '11/28/2021'],
    ]);
    const failure = await failureOf(session(), "SELECT DATE_FORMAT(d, 'yyyy') FROM (VALUES (TIMESTAMP '2021-11-29 00:00:00'), (NULL)) t(d)");
    expect(failure.message).toMatch(/DATE_FORMAT: date \(argument 1\) is NULL/);
  });
});
