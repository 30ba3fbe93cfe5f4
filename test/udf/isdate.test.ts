import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session } from '../../src/session/Session.js';
import { failureOf, textRows } from '../support/sessionProbe.js';
import vectorFile from '../fixtures/maxcompute/isdate-vectors.json' with { type: 'json' };

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

describe("ISDATE, whether TO_DATE reads a date", () => {
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

  it('checks every row of a table, as the pages\' sample table mf_date_fun_t', async () => {
    const rows = await textRows(
      session,
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
