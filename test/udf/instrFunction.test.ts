import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session } from '../../src/session/Session.js';
import { failureOf, textRows } from '../support/sessionProbe.js';
import vectorFile from '../fixtures/maxcompute/instr-vectors.json' with { type: 'json' };

/** A documented rule as a call and its value (`result`) or a part of its error (`error`), with the page it is from. */
interface DocumentedRule {
  readonly sql: string;
  readonly result?: string;
  readonly error?: string;
  readonly url: string;
  readonly doc: string;
}
const RULES: readonly DocumentedRule[] = vectorFile.vectors;

describe("INSTR, MaxCompute's start position and nth appearance", () => {
  let session: Session;
  beforeAll(async () => {
    session = await Session.open();
  });
  afterAll(async () => {
    await session.close();
  });

  it.each(RULES)('$sql ($url)', async ({ sql, result, error }) => {
    if (error !== undefined) {
      const failure = await failureOf(session, `SELECT ${sql}`);
      expect(failure.message).toContain(error);
      expect(failure.message).not.toContain('\n');
    } else {
      expect(await textRows(session, `SELECT ${sql}, typeof(${sql})`)).toEqual([[result, 'BIGINT']]);
    }
  });

  it('searches the values of a table column, refusing a bad nth_appearance only on the rows that reach it', async () => {
    const rows = await textRows(session, "SELECT instr(s, 'a', 2, n) FROM (VALUES (1, 'banana', 1), (2, 'banana', 2), (3, NULL, 1), (4, 'xyz', 1)) t(i, s, n) ORDER BY i");
    expect(rows).toEqual([['2'], ['4'], ['NULL'], ['0']]);
    const failure = await failureOf(session, "SELECT instr('banana', 'a', 1, n) FROM (VALUES (1), (-1)) t(n)");
    expect(failure.message).toMatch(/INSTR: nth_appearance \(argument 4\) must be 1 or more, got -1/);
  });
});
