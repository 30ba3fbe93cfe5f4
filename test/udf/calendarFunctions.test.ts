import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session } from '../../src/session/Session.js';
import { failureOf, textRows } from '../support/sessionProbe.js';
import vectorFile from '../fixtures/maxcompute/calendar-vectors.json' with { type: 'json' };

/** A documented call, its value as text and its DuckDB type, with the page it is from. */
interface DocumentedCall {
  readonly sql: string;
  readonly result: string;
  readonly type: string;
  readonly url: string;
  readonly doc: string;
}
/** A call MaxCompute refuses, and the message ossduck refuses it with (a regular expression). */
interface RefusedCall {
  readonly sql: string;
  readonly message: string;
  readonly url: string;
  readonly doc: string;
}
const CALLS: readonly DocumentedCall[] = vectorFile.vectors;
const REFUSED: readonly RefusedCall[] = vectorFile.errors;

describe("ADD_MONTHS, MONTHS_BETWEEN, NEXT_DAY and LASTDAY, MaxCompute's month functions", () => {
  let session: Session;
  beforeAll(async () => {
    session = await Session.open();
  });
  afterAll(async () => {
    await session.close();
  });

  it.each(CALLS)('$sql gives $result ($url)', async ({ sql, result, type }) => {
    const [row] = await textRows(session, `SELECT CAST((${sql}) AS VARCHAR), typeof(${sql})`);
    expect(row).toEqual([result, type]);
  });

  it.each(REFUSED)('$sql is refused ($url)', async ({ sql, message }) => {
    const failure = await failureOf(session, `SELECT ${sql}`);
    expect(failure.message).not.toContain('\n');
    expect(failure.message).toMatch(new RegExp(message));
  });

  it('reads every row of a table, as the pages\' sample table mf_date_fun_t, and fails on a NULL startdate in any row', async () => {
    const rows = await textRows(
      session,
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
    const failure = await failureOf(session, "SELECT ADD_MONTHS(d, 1) FROM (VALUES ('2021-11-29'), (NULL)) t(d)");
    expect(failure.message).toMatch(/ADD_MONTHS: startdate \(argument 1\) is NULL/);
  });
});
