import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session } from '../../src/session/Session.js';
import { failureOf, textRows } from '../support/sessionProbe.js';
import vectorFile from '../fixtures/maxcompute/last-day-vectors.json' with { type: 'json' };

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

describe("LAST_DAY, MaxCompute's last day of a month, quarter, year or week", () => {
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

  it('reads every row of a table, as the pages\' sample table mf_date_fun_t, and fails on a NULL date in any row', async () => {
    const rows = await textRows(
      session,
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
    const failure = await failureOf(session, "SELECT LAST_DAY(d) FROM (VALUES ('2021-11-29'), (NULL)) t(d)");
    expect(failure.message).toMatch(/LAST_DAY: date \(argument 1\) is NULL/);
  });
});
