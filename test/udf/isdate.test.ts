import { describe, expect, it } from 'vitest';
import { Session } from '../../src/session/Session.js';
import { suiteSession } from '../support/suiteSession.js';
import { textRows } from '../support/sessionProbe.js';
import { itAnswersAsDocumented, itRefusesAsDocumented } from '../support/documentedCalls.js';
import vectorFile from '../fixtures/maxcompute/isdate-vectors.json' with { type: 'json' };

describe("ISDATE, whether TO_DATE reads a date", () => {
  const session = suiteSession();

  itAnswersAsDocumented(session, vectorFile.vectors);

  itRefusesAsDocumented(session, vectorFile.errors);

  it('checks every row of a table, as the pages\' sample table mf_date_fun_t', async () => {
    const rows = await textRows(
      session(),
      `SELECT id, CAST(ISDATE(date3, 'yyyy-mm-dd') AS VARCHAR), CAST(ISDATE(date4, 'yyyymmdd') AS VARCHAR)
        FROM (VALUES (1, '2021-11-20', 123456780), (2, '2021-13-21', 20211121), (3, NULL, NULL)) mf_date_fun_t(id, date3, date4) ORDER BY id`,
    );
    expect(rows).toEqual([
      ['1', 'true', 'false'],
      ['2', 'false', 'true'],
      ['3', 'NULL', 'NULL'],
    ]);
  });
});
