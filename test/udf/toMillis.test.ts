import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session } from '../../src/session/Session.js';
import { failureOf, textRows } from '../support/sessionProbe.js';
import vectorFile from '../fixtures/maxcompute/to-millis-vectors.json' with { type: 'json' };

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

describe("TO_MILLIS, MaxCompute's milliseconds since 1970", () => {
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
    const failure = await failureOf(session, "SELECT TO_MILLIS(d) FROM (VALUES (DATETIME '2021-11-29 00:00:00'), (NULL)) t(d)");
    expect(failure.message).toMatch(/TO_MILLIS: date \(argument 1\) is NULL/);
  });
});
