import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session } from '../../src/session/Session.js';
import { failureOf, textRows } from '../support/sessionProbe.js';
import vectorFile from '../fixtures/maxcompute/case-conversion-vectors.json' with { type: 'json' };

/** A documented rule as a call and its value (`result`) or a part of its error (`error`), with the page it is from. */
interface DocumentedRule {
  readonly sql: string;
  readonly result?: string;
  readonly error?: string;
  readonly url: string;
  readonly doc: string;
}
const RULES: readonly DocumentedRule[] = vectorFile.vectors;

describe("TOLOWER and TOUPPER, MaxCompute's case conversion", () => {
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
      expect(await textRows(session, `SELECT ${sql}, typeof(${sql})`)).toEqual([[result, 'VARCHAR']]);
    }
  });

  it('converts the values of a table column, each row on its own', async () => {
    const rows = await textRows(session, "SELECT tolower(v), toupper(v) FROM (VALUES (1, 'Ab'), (2, NULL), (3, '')) t(i, v) ORDER BY i");
    expect(rows).toEqual([
      ['ab', 'AB'],
      ['NULL', 'NULL'],
      ['', ''],
    ]);
  });
});
