import { describe, expect, it } from 'vitest';
import { Session } from '../../src/session/Session.js';
import { suiteSession } from '../support/suiteSession.js';
import { failureOf, textRows } from '../support/sessionProbe.js';
import { itAnswersAsDocumented } from '../support/documentedCalls.js';
import vectorFile from '../fixtures/maxcompute/weekday-vectors.json' with { type: 'json' };

describe("WEEKDAY and DAYOFWEEK, MaxCompute's numbering", () => {
  const session = suiteSession();

  itAnswersAsDocumented(session, vectorFile.vectors);

  it('refuses a STRING for WEEKDAY, which MaxCompute 2.0 does not convert, naming the function and what to write', async () => {
    const failure = await failureOf(session(), "SELECT WEEKDAY('2009-03-20 11:11:00')");
    expect(failure.message).toMatch(/WEEKDAY: date \(argument 1\) must be a DATETIME, got STRING.*CAST\(s AS DATETIME\)/);
  });

  it('numbers every day of a week, Monday to Sunday, as MaxCompute does, from a table column', async () => {
    const rows = await textRows(
      session(),
      "SELECT WEEKDAY(d), DAYOFWEEK(d), DAYOFWEEK(CAST(CAST(d AS DATE) AS STRING)) FROM (SELECT DATETIME '2021-11-29 12:00:00' + INTERVAL (i) DAY AS d FROM range(7) t(i)) ORDER BY d",
    );
    expect(rows).toEqual([
      ['0', '2', '2'],
      ['1', '3', '3'],
      ['2', '4', '4'],
      ['3', '5', '5'],
      ['4', '6', '6'],
      ['5', '7', '7'],
      ['6', '1', '1'],
    ]);
  });
});
